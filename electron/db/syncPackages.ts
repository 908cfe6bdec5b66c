import { newId, nowIso } from './ids';
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

/** What a consolidated package's summary keeps of its manifest, to know the package again by it. */
export interface PackageIdentityRecord {
  createdAt: string;
  /** SHA-256 of the signed manifest: it lists every file's hash, so it stands for the content. */
  sha256: string;
  office: string;
  /**
   * Every audit entry it carried was stored without a warning. A package that met a gap in its
   * office's chain is read again when it comes again: the entries it held back go in then.
   */
  complete: boolean;
}

export interface ConsolidatedPackage {
  stationCode: string;
  fileName: string | null;
  consolidatedAt: string;
  /** Null for packages consolidated before the manifest's identity was recorded. */
  manifest: PackageIdentityRecord | null;
}

interface ConsolidatedRow {
  station_code: string;
  file_name: string | null;
  created_at: string;
  manifest: string | null;
}

const consolidatedColumns = "station_code, file_name, created_at, json_extract(summary, '$.manifest') AS manifest";

function consolidated(r: ConsolidatedRow): ConsolidatedPackage {
  return { stationCode: r.station_code, fileName: r.file_name, consolidatedAt: r.created_at, manifest: r.manifest ? (JSON.parse(r.manifest) as PackageIdentityRecord) : null };
}

/** The package consolidated here from a file with this SHA-256 (as it arrived), if any. */
export function consolidatedByFile(db: ReadDb, sha256: string): ConsolidatedPackage | null {
  const r = stmt(db, `SELECT ${consolidatedColumns} FROM sync_packages WHERE direction = 'IMPORT' AND sha256 = ?`).get(sha256) as ConsolidatedRow | undefined;
  return r ? consolidated(r) : null;
}

/**
 * Packages consolidated here that their manifests name as the same export: the station, the
 * moment it was made and the range it covers. An export is made once, so one with this identity
 * but another manifest is not a copy of it.
 */
export function consolidatedByIdentity(db: ReadDb, id: { station: string; createdAt: string; rangeFrom: string | null; rangeTo: string }): ConsolidatedPackage[] {
  return (
    stmt(
      db,
      `SELECT ${consolidatedColumns} FROM sync_packages
       WHERE direction = 'IMPORT' AND station_code = ? AND range_to = ? AND range_from IS ? AND json_extract(summary, '$.manifest.createdAt') = ?`,
    ).all(id.station, id.rangeTo, id.rangeFrom, id.createdAt) as ConsolidatedRow[]
  ).map(consolidated);
}

/** Remembers a package as consolidated (its hash once). */
export function recordConsolidatedPackage(
  tx: Tx,
  p: {
    station: string;
    sha256: string;
    rangeFrom: string | null;
    rangeTo: string;
    counts: object;
    fileName: string;
    /** The manifest's identity (syncPackages.ts consolidatedByIdentity): kept in the summary beside the counts. */
    manifest: PackageIdentityRecord;
  },
): void {
  stmt(
    tx,
    // Consolidated again (it was incomplete, or recorded before the manifest's identity was kept):
    // the first record stays, with what is known of it now.
    `INSERT INTO sync_packages (id, direction, station_code, sha256, range_from, range_to, created_at, summary, file_name, path)
     VALUES (?, 'IMPORT', ?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (direction, sha256) DO UPDATE SET summary = excluded.summary`,
  ).run(newId(), p.station, p.sha256, p.rangeFrom, p.rangeTo, nowIso(), JSON.stringify({ ...p.counts, manifest: p.manifest }), p.fileName);
}
