import { existsSync, rmSync } from 'node:fs';
import type { AuditActor, AuditEvent } from '../../shared/audit';
import type { UpdateChanges, UpdateCounts } from '../../shared/contracts/updates';
import { recordAudit } from '../db/audit';
import { applyBaseRange, applyHandoverRange, applyUpdateFinish, attachUpdate, detachUpdate, updateRangeEnd } from '../db/nationalUpdateApply';
import { nationalUpdateBySeq, recordNationalUpdate, type NationalUpdateRow } from '../db/nationalUpdates';
import { walCheckpointPages, type Db } from '../db/open';
import { advanceUpdateApply, endUpdateApply, pendingUpdateApplies, UPDATE_PHASES, type UpdateApply, type UpdatePhase } from '../db/updateApplies';
import { runWrite } from '../db/writeSession';
import { endWalStretch, nextBatchSize, removeDeadScratch, walForSession } from '../import/stagedBase';
import { log } from '../platform/log';
import { processAlive } from '../platform/processes';

/** What an update's last session records: the applied update's row and its audit entry. */
export interface UpdateApplyRecord {
  /** The file's name as the office chose it, which names the job too. */
  file: string;
  central: string;
  update: Omit<NationalUpdateRow, 'recorded_at' | 'counts'> & { counts: UpdateCounts };
  audit: { actor: AuditActor | null; event: AuditEvent };
}

export type PendingUpdate = UpdateApply<UpdateApplyRecord>;

/**
 * Writes an update whose first session is done (applyUpdatePrelude, which also began its row),
 * one range of one table per `step()`, recording in `update_applies` how far it got in the same
 * session. Once begun it is finished, by this process or, after a crash, by the next one that
 * opens the database (resumeUpdateApplies). The national_updates row is written by the last session.
 */
export class UpdateApplier {
  private phase: UpdatePhase;
  private after: number;
  private changes: UpdateChanges;
  private done = 0;
  private finished = false;

  private batch: number;
  /** The connection's own WAL setting, put back when the update ends (see IDLE_CHECKPOINT_PAGES). */
  private readonly checkpointPages: number;

  constructor(
    private readonly db: Db,
    private readonly a: PendingUpdate,
    private readonly deskActive: () => boolean = () => false,
    private readonly fixedRows?: number,
  ) {
    this.batch = fixedRows ?? 2_000;
    this.checkpointPages = walCheckpointPages(db);
    this.phase = a.phase;
    this.after = a.afterRowid;
    this.changes = a.changes;
    attachUpdate(db, a.dataPath);
  }

  /** What the sessions so far changed. */
  result(): UpdateChanges {
    return this.changes;
  }

  /** Rows written by this applier so far (not those of a process that began it and died). */
  rowsDone(): number {
    return this.done;
  }

  /** Writes the next range, or the last session; false once the update is whole. */
  step(): boolean {
    if (this.finished) return false;
    const { db, a } = this;
    let upto: number | null = null;
    while (this.phase !== 'finish' && (upto = updateRangeEnd(db, this.phase, this.after, this.batch)) === null) {
      this.phase = UPDATE_PHASES[UPDATE_PHASES.indexOf(this.phase) + 1] ?? 'finish';
      this.after = 0;
    }
    const next = structuredClone(this.changes);
    if (this.phase === 'finish' || upto === null) {
      const r = a.record;
      runWrite(db, (tx) => {
        applyUpdateFinish(tx, next);
        // Another process (the app and a command) that verified the same update at the same moment
        // wrote it too and recorded it first: it is whole here, recorded and audited once.
        if (nationalUpdateBySeq(tx, 'APLICADA', r.update.seq)?.sha256 !== r.update.sha256) {
          recordNationalUpdate(tx, r.update);
          recordAudit(tx, r.audit.actor, r.audit.event);
        }
        endUpdateApply(tx, a.id);
      });
      this.changes = next;
      this.finished = true;
      this.close();
      // The update is whole and recorded: a file the OS will not let go of yet (an antivirus) is swept on a later start.
      try {
        rmSync(a.dataPath, { force: true });
      } catch (e) {
        log.warn('update.dataNotRemoved', { err: e });
      }
      return false;
    }
    const phase = this.phase;
    const range = { after: this.after, upto };
    const started = performance.now();
    const deskActive = this.deskActive();
    // As the import's apply: the random-key index pages a session dirties are copied back once per stretch, not once per session.
    walForSession(db, this.checkpointPages, deskActive);
    runWrite(db, (tx) => {
      if (phase === 'handovers') applyHandoverRange(tx, range, next);
      else applyBaseRange(tx, phase, range, a.record.central, next);
      advanceUpdateApply(tx, a.id, phase, upto, next);
    });
    this.changes = next;
    this.done += this.batch;
    if (this.fixedRows === undefined) this.batch = nextBatchSize(this.batch, performance.now() - started, deskActive);
    this.after = upto;
    return true;
  }

  /**
   * Detaches the update's data (its file stays until the last session has committed), and copies
   * what the sessions left in the WAL back, so no clerk's commit has to.
   */
  close(): void {
    detachUpdate(this.db);
    endWalStretch(this.db, this.checkpointPages, 'update.checkpointFailed');
  }
}

// Named for the process writing it, so a later start can tell a killed run's from a live one's.
const DATA_NAME = /^actualizacion-.+-p(\d+)\.sqlite(?:-journal|-wal|-shm)?$/;

/** The file name of an update's data while it is written, beside the database (stageDir). */
export function updateDataName(id: string): string {
  return `actualizacion-${id}-p${process.pid}.sqlite`;
}

/**
 * Removes the data of updates killed before their first session committed (nothing of them is in
 * the database, and each is a whole base of personal data): those of a dead process that no
 * pending update names.
 */
function removeDeadUpdateData(db: Db, keep: ReadonlySet<string>): void {
  removeDeadScratch(db, DATA_NAME, keep);
}

/** Gives up an update that cannot be finished: what its sessions wrote stays (each one whole); it is not recorded as applied. */
export function abandonUpdateApply(db: Db, a: PendingUpdate): void {
  runWrite(db, (tx) => endUpdateApply(tx, a.id), { deskWork: false });
  rmSync(a.dataPath, { force: true });
}

export interface ResumedUpdates {
  /** By file name: finished from their data file; whose file was gone; that failed again. */
  finished: string[];
  lost: string[];
  failed: string[];
}

/**
 * Finishes the national updates a crash or a kill interrupted while they were being written. Runs
 * when the app, the browser mode or a command opens the database, before anything else reads it.
 * Updates a live process is writing are its own to finish.
 */
export function resumeUpdateApplies(db: Db): ResumedUpdates {
  const out: ResumedUpdates = { finished: [], lost: [], failed: [] };
  const pending = pendingUpdateApplies<UpdateApplyRecord>(db);
  removeDeadUpdateData(db, new Set(pending.map((a) => a.dataPath)));
  for (const a of pending) {
    if (a.pid !== process.pid && processAlive(a.pid)) continue;
    const name = a.record.file;
    if (!existsSync(a.dataPath)) {
      abandonUpdateApply(db, a);
      out.lost.push(name);
      continue;
    }
    let applier: UpdateApplier | null = null;
    try {
      applier = new UpdateApplier(db, a);
      while (applier.step());
      out.finished.push(name);
    } catch (e) {
      log.error('recovery.updateResumeFailed', { file: name, err: e });
      applier?.close();
      abandonUpdateApply(db, a);
      out.failed.push(name);
    }
  }
  return out;
}
