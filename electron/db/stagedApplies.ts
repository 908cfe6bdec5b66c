import type { ApplyPhase } from './baseApply';
import type { ImportRecord } from './imports';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

export type StagedPhase = ApplyPhase | 'finish';

// The imports table has its own repository; re-exported for the staged base import.
export { recordImport, type ImportRecord } from './imports';

export interface StagedApply {
  id: string;
  stagePath: string;
  phase: StagedPhase;
  nextNum: number;
  /** The imports row to write once applied; null for rows that came from no file (the demo base). */
  record: ImportRecord | null;
}

export function beginStagedApply(tx: Tx, a: StagedApply, now: string): void {
  stmt(tx, `INSERT INTO staged_applies (id, kind, stage_path, phase, next_num, record, created_at) VALUES (?, 'BASE', ?, ?, ?, ?, ?)`).run(
    a.id, a.stagePath, a.phase, a.nextNum, JSON.stringify(a.record), now);
}

export function advanceStagedApply(tx: Tx, id: string, phase: StagedPhase, nextNum: number): void {
  stmt(tx, 'UPDATE staged_applies SET phase = ?, next_num = ? WHERE id = ?').run(phase, nextNum, id);
}

/** Applies interrupted by a crash or a kill, oldest first. */
export function pendingStagedApplies(db: ReadDb): StagedApply[] {
  const rows = stmt(db, 'SELECT id, stage_path, phase, next_num, record FROM staged_applies ORDER BY created_at, id').all() as Array<{
    id: string;
    stage_path: string;
    phase: StagedPhase;
    next_num: number;
    record: string;
  }>;
  return rows.map((r) => ({ id: r.id, stagePath: r.stage_path, phase: r.phase, nextNum: r.next_num, record: JSON.parse(r.record) as ImportRecord | null }));
}

export function endStagedApply(tx: Tx, id: string): void {
  stmt(tx, 'DELETE FROM staged_applies WHERE id = ?').run(id);
}
