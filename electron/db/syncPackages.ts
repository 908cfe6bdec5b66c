import { newId } from './ids';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

// Packages this PC exported or consolidated (the conflicts consolidation keeps are in conflicts.ts).

/**
 * Where the last export's records ended: its range's end, or when it ran if that was earlier (a
 * range chosen by hand may end after the export ran; nothing created later was in it).
 */
export function lastExportEnd(db: ReadDb): string | null {
  return (
    (stmt(db, "SELECT min(range_to, created_at) FROM sync_packages WHERE direction = 'EXPORT' ORDER BY created_at DESC LIMIT 1").pluck().get() as
      | string
      | undefined) ?? null
  );
}

/** Whether an export was recorded under this file name (a file of that name without a record is a killed run's). */
export function isExportedFileName(db: ReadDb, fileName: string): boolean {
  return stmt(db, "SELECT 1 FROM sync_packages WHERE direction = 'EXPORT' AND file_name = ?").get(fileName) !== undefined;
}

export function recordExportedPackage(
  tx: Tx,
  p: { station: string; sha256: string; rangeFrom: string | null; rangeTo: string; createdAt: string; counts: unknown; fileName: string; path: string },
): void {
  stmt(
    tx,
    `INSERT INTO sync_packages (id, direction, station_code, sha256, range_from, range_to, created_at, summary, file_name, path)
     VALUES (?, 'EXPORT', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), p.station, p.sha256, p.rangeFrom, p.rangeTo, p.createdAt, JSON.stringify(p.counts), p.fileName, p.path);
}

export interface SyncPackageRow {
  direction: 'EXPORT' | 'IMPORT';
  station_code: string;
  file_name: string | null;
  created_at: string;
  range_from: string | null;
  range_to: string | null;
  /** JSON record counts. */
  summary: string;
  path: string | null;
}

export function recentPackages(db: ReadDb, limit: number): SyncPackageRow[] {
  return stmt(
    db,
    `SELECT direction, station_code, file_name, created_at, range_from, range_to, summary, path FROM sync_packages
     ORDER BY created_at DESC LIMIT ?`,
  ).all(limit) as SyncPackageRow[];
}
