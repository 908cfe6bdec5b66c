import { AppFailure } from '../../shared/result';
import {
  batchFilesJson,
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
import { withdrawBatchFiles, type BatchFiles } from './batchFiles';
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
    // Each session writes `per` lines; fewer written than asked means an item went away meanwhile.
    const inSessions = async (count: number, write: (tx: Tx, from: number, to: number) => number): Promise<void> => {
      for (let from = 0; from < count; from += per) {
        await o.between?.();
        const to = Math.min(from + per, count);
        runWrite(db, (tx) => {
          if (write(tx, from, to) !== to - from) baseChanged(batch.batch);
        });
      }
    };
    await inSessions(lines.chargeRows.length, (tx, from, to) => insertChargeLines(tx, batch.id, lines.chargeRows.slice(from, to), lines.chargeValues.slice(from, to)));
    await inSessions(lines.reversals.length, (tx, from, to) => insertReversalLines(tx, batch.id, lines.reversals.slice(from, to)));
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

/**
 * The write sessions that remove a half-recorded batch: its lines, a few tens of thousands per
 * session, then the batch. Yields between two sessions.
 */
function* discardSessions(db: Db, r: Recording): Generator<void> {
  while (runWrite(db, (tx) => deleteRecordingLines(tx, r.batchId, REMOVED_PER_SESSION)) > 0) yield;
  runWrite(db, (tx) => deleteRecordingBatch(tx, r.batchId));
}

/** Removes a half-recorded batch, stepping aside for the desk between its sessions. */
async function discardRecording(db: Db, r: Recording, between?: () => Promise<void> | void): Promise<void> {
  for (const _ of discardSessions(db, r)) await between?.();
}

/**
 * On open, before anything reads: removes the batches whose recording process is gone (a crash or
 * a kill half-way through recording), and their files (batchFiles.ts). A batch that a running process (this one included) is
 * recording stays. Returns the batches removed.
 */
export function discardAbandonedRecordings(db: Db): string[] {
  const abandoned = recordingsInProgress(db).filter((r) => !processAlive(r.pid));
  for (const r of abandoned) {
    const files = batchFilesJson(db, r.batchId);
    // Nobody is at the desk yet: the sessions run back to back.
    Array.from(discardSessions(db, r));
    log.warn('recovery.depurationDiscarded', { batchId: r.batchId });
    if (files) withdrawBatchFiles(JSON.parse(files) as BatchFiles);
  }
  return abandoned.map((r) => r.batchId);
}
