import type { AuditActor, AuditEvent } from '../../shared/audit';
import type { Tx } from './open';
import { stmt } from './stmt';

/** How an import counted its rows: each row in exactly one of inserted … rejected. */
export interface ImportCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  warnings: number;
}

/** The `imports` row an import writes once its file is applied: what was read and what it did. */
export interface ImportRecord extends ImportCounts {
  id: string;
  station: string;
  kind: 'BASE' | 'ENTREGAS';
  fileName: string;
  sha256: string;
  userId: string | null;
  startedAt: string;
  /**
   * The audit entry to record with the `imports` row, in the same session. It is kept with the
   * staged apply, so an import a crash interrupted leaves its entry when it is finished.
   */
  audit?: { actor: AuditActor | null; event: AuditEvent };
}

export function recordImport(tx: Tx, r: ImportRecord, finishedAt: string): void {
  stmt(
    tx,
    `INSERT INTO imports (id, origin_station, kind, file_name, file_sha256, user_id, started_at, finished_at, rows, inserted, updated,
       unchanged, duplicates, rejected, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.station, r.kind, r.fileName, r.sha256, r.userId, r.startedAt, finishedAt, r.rows, r.inserted, r.updated, r.unchanged,
    r.duplicates, r.rejected, r.warnings);
}
