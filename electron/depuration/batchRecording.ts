import { AppFailure } from '../../shared/result';
import {
  deleteRecordingBatch,
  deleteRecordingLines,
  endRecording,
  insertChargeLines,
  insertReversalLines,
  recordingsInProgress,
  startRecording,
  type Recording,
} from '../db/billing';
import { insertDepurationBatch } from '../db/depuration';
import type { Db, Tx } from '../db/open';
import { runWrite } from '../db/writeSession';
import { log } from '../platform/log';
import { processAlive } from '../platform/processes';
import type { BillingLines } from './billing';

/**
 * Lines written per write session: about 0.2 s of inserts on a desk PC. A million-row base's carga
 * lists some 700,000 items; written in one session, that held the write lock for six seconds, past
 * the five a clerk's save waits for it.
 */
const LINES_PER_SESSION = 32_768;

/** Lines removed per session when a half-recorded batch is removed. */
const REMOVED_PER_SESSION = 65_536;

export interface NewBatch {
  id: string;
  batch: string;
  originStation: string;
  userId: string | null;
  createdAt: string;
  counts: string;
  files: string;
}

export interface RecordOptions {
  /** Between two write sessions: the job worker steps aside for the desk there (db/deskGate.ts). */
  between?: () => Promise<void> | void;
  /** Checks the batch's number is still free, in the session that takes it. */
  claim: (tx: Tx) => void;
  /** The batch's audit entry, in the session that completes it. */
  audit: (tx: Tx) => void;
  linesPerSession?: number;
}

/**
 * Records a batch and every line its carga de valores lists, in short write sessions: the batch
 * first, marked as being recorded (not listed, not sendable), then its lines, then the session that
 * clears the mark and writes its audit entry. A failure on the way (an item replaced meanwhile, a
 * full disk) removes what was written before it is reported; a crash leaves the mark, and the next
 * open removes the batch (discardAbandonedRecordings). Batch numbers come from the highest one
 * recorded (depurationPlan.ts), so removing a batch below a newer one never hands out a number twice.
 */
export async function recordBatch(db: Db, batch: NewBatch, lines: BillingLines, o: RecordOptions): Promise<void> {
  const recording = runWrite(db, (tx) => {
    o.claim(tx);
    insertDepurationBatch(tx, batch);
    return startRecording(tx, batch.id, process.pid, batch.createdAt);
  });
  try {
    const per = o.linesPerSession ?? LINES_PER_SESSION;
    for (let i = 0; i < lines.chargeRows.length; i += per) {
      await o.between?.();
      const rows = lines.chargeRows.slice(i, i + per);
      runWrite(db, (tx) => {
        if (insertChargeLines(tx, batch.id, rows, lines.chargeValues.slice(i, i + per)) !== rows.length) baseChanged(batch.batch);
      });
    }
    for (let i = 0; i < lines.reversals.length; i += per) {
      await o.between?.();
      const part = lines.reversals.slice(i, i + per);
      runWrite(db, (tx) => {
        if (insertReversalLines(tx, batch.id, part) !== part.length) baseChanged(batch.batch);
      });
    }
    await o.between?.();
    runWrite(db, (tx) => {
      // A new campaign clears the working records: a batch it removed half-way is not recorded.
      if (!endRecording(tx, batch.id)) {
        throw new AppFailure('conflict', `El lote ${batch.batch} se eliminó mientras se registraba (se inició una campaña nueva). Vuelva a depurar.`);
      }
      o.audit(tx);
    });
  } catch (e) {
    try {
      await discardRecording(db, recording, o.between);
    } catch (cleanup) {
      // The mark stays: the batch is hidden, and the next open removes it.
      log.error('depuration.discardFailed', { batch: batch.batch, err: cleanup });
    }
    throw e;
  }
}

function baseChanged(batch: string): never {
  throw new AppFailure('conflict', `La base cambió mientras se generaba el lote ${batch} (se reemplazaron equipos). Vuelva a depurar.`);
}

/** Removes a half-recorded batch: its lines a few tens of thousands per session, then the batch. */
async function discardRecording(db: Db, r: Recording, between?: () => Promise<void> | void): Promise<void> {
  for (let more = true; more; ) {
    await between?.();
    more = discardLines(db, r);
  }
  runWrite(db, (tx) => deleteRecordingBatch(tx, r.batchId));
}

/** One session's worth of a half-recorded batch's lines; false once none are left. */
function discardLines(db: Db, r: Recording): boolean {
  return runWrite(db, (tx) => deleteRecordingLines(tx, r.batchId, REMOVED_PER_SESSION)) > 0;
}

/**
 * On open, before anything reads: removes the batches whose recording process is gone (a crash or
 * a kill half-way through recording). A batch that a running process (this one included) is
 * recording stays. Returns the batches removed.
 */
export function discardAbandonedRecordings(db: Db): string[] {
  const abandoned = recordingsInProgress(db).filter((r) => !processAlive(r.pid));
  for (const r of abandoned) {
    for (let more = true; more; ) more = discardLines(db, r);
    runWrite(db, (tx) => deleteRecordingBatch(tx, r.batchId));
    log.warn('recovery.depurationDiscarded', { batchId: r.batchId });
  }
  return abandoned.map((r) => r.batchId);
}
