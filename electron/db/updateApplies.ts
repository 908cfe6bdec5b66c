import type { UpdateChanges } from '../../shared/contracts/updates';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/** The update's tables written one range per session, in this order; 'finish' writes the rest and the record. */
export const UPDATE_PHASES = ['customers', 'services', 'expected_items', 'handovers'] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number] | 'finish';

/** A national update being written (see migration 13). `record` is the use case's, kept as it gave it. */
export interface UpdateApply<R> {
  id: string;
  dataPath: string;
  pid: number;
  phase: UpdatePhase;
  afterRowid: number;
  record: R;
  changes: UpdateChanges;
}

export function beginUpdateApply<R>(tx: Tx, a: UpdateApply<R>, now: string): void {
  stmt(tx, 'INSERT INTO update_applies (id, data_path, pid, phase, after_rowid, record, changes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    a.id, a.dataPath, a.pid, a.phase, a.afterRowid, JSON.stringify(a.record), JSON.stringify(a.changes), now);
}

export function advanceUpdateApply(tx: Tx, id: string, phase: UpdatePhase, afterRowid: number, changes: UpdateChanges): void {
  stmt(tx, 'UPDATE update_applies SET phase = ?, after_rowid = ?, changes = ? WHERE id = ?').run(phase, afterRowid, JSON.stringify(changes), id);
}

/** Updates being written, oldest first: by a live process, or left by one a crash or a kill ended. */
export function pendingUpdateApplies<R>(db: ReadDb): Array<UpdateApply<R>> {
  const rows = stmt(db, 'SELECT id, data_path, pid, phase, after_rowid, record, changes FROM update_applies ORDER BY created_at, id').all() as Array<{
    id: string;
    data_path: string;
    pid: number;
    phase: UpdatePhase;
    after_rowid: number;
    record: string;
    changes: string;
  }>;
  return rows.map((r) => ({
    id: r.id,
    dataPath: r.data_path,
    pid: r.pid,
    phase: r.phase,
    afterRowid: r.after_rowid,
    record: JSON.parse(r.record) as R,
    changes: JSON.parse(r.changes) as UpdateChanges,
  }));
}

export function endUpdateApply(tx: Tx, id: string): void {
  stmt(tx, 'DELETE FROM update_applies WHERE id = ?').run(id);
}
