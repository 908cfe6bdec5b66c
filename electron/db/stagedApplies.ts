import type { ApplyPhase } from './baseApply';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

export type StagedPhase = ApplyPhase | 'finish';

/** The `imports` row a base import writes once it is applied. */
export interface ImportRecord {
  id: string;
  station: string;
  kind: 'BASE' | 'ENTREGAS';
  fileName: string;
  sha256: string;
  userId: string | null;
  startedAt: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  warnings: number;
}

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

export function recordImport(tx: Tx, r: ImportRecord, finishedAt: string): void {
  stmt(
    tx,
    `INSERT INTO imports (id, origin_station, kind, file_name, file_sha256, user_id, started_at, finished_at, rows, inserted, updated,
       unchanged, duplicates, rejected, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.station, r.kind, r.fileName, r.sha256, r.userId, r.startedAt, finishedAt, r.rows, r.inserted, r.updated, r.unchanged,
    r.duplicates, r.rejected, r.warnings);
}
