import type { ReadDb, Tx } from './open';
import { nowIso } from './ids';
import { stmt } from './stmt';

/** One national update as a station recorded it: published at the central, applied at an office. */
export interface NationalUpdateRow {
  direction: 'PUBLICADA' | 'APLICADA';
  seq: number;
  central_code: string;
  kind: 'COMPLETA' | 'INCREMENTAL';
  since_seq: number | null;
  sha256: string;
  snapshot_at: string;
  created_at: string;
  recorded_at: string;
  file_name: string | null;
  counts: string;
  user_id: string | null;
}

const COLUMNS = 'direction, seq, central_code, kind, since_seq, sha256, snapshot_at, created_at, recorded_at, file_name, counts, user_id';

/** The newest update of a direction, or null when there is none. */
export function lastNationalUpdate(db: ReadDb, direction: NationalUpdateRow['direction']): NationalUpdateRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM national_updates WHERE direction = ? ORDER BY seq DESC LIMIT 1`).get(direction) as NationalUpdateRow | undefined) ?? null;
}

export function nationalUpdateBySeq(db: ReadDb, direction: NationalUpdateRow['direction'], seq: number): NationalUpdateRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM national_updates WHERE direction = ? AND seq = ?`).get(direction, seq) as NationalUpdateRow | undefined) ?? null;
}

/** The applied update with exactly these bytes (by the whole file's SHA-256), or null. */
export function appliedUpdateBySha(db: ReadDb, sha256: string): NationalUpdateRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM national_updates WHERE direction = 'APLICADA' AND sha256 = ? LIMIT 1`).get(sha256) as NationalUpdateRow | undefined) ?? null;
}

/** Newest first. */
export function listNationalUpdates(db: ReadDb, limit = 50): NationalUpdateRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM national_updates ORDER BY recorded_at DESC, seq DESC LIMIT ?`).all(limit) as NationalUpdateRow[];
}

/** Records an update once it is whole (published and delivered) or applied. */
export function recordNationalUpdate(tx: Tx, r: Omit<NationalUpdateRow, 'recorded_at' | 'counts'> & { counts: unknown }): void {
  stmt(
    tx,
    `INSERT INTO national_updates (${COLUMNS})
     VALUES (@direction, @seq, @central_code, @kind, @since_seq, @sha256, @snapshot_at, @created_at, @recorded_at, @file_name, @counts, @user_id)`,
  ).run({ ...r, counts: JSON.stringify(r.counts), recorded_at: nowIso() });
}

/** Whether a file of this name is a recorded publication (an unrecorded one a killed run left may be replaced). */
export function isPublishedFileName(db: ReadDb, fileName: string): boolean {
  return !!stmt(db, "SELECT 1 FROM national_updates WHERE direction = 'PUBLICADA' AND file_name = ?").get(fileName);
}
