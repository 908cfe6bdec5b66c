import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import type { DbBackupKind } from '../../shared/contracts/dbBackups';
import type { ReadDb, Tx } from './open';
import { applyKey } from './encryption';
import { readSetting, writeSetting } from './settings';
import { stmt } from './stmt';
import { isDamageCode, sqliteCode } from './untrustedData';

/**
 * Database backups: the copy itself (`VACUUM INTO`, one consistent read of the database while
 * clerks keep saving), the `db_backups` rows, the folder setting, and the checks a copy must pass
 * before it may replace the database.
 */

export interface DbBackupRow {
  id: string;
  kind: DbBackupKind;
  file_name: string;
  folder: string;
  created_at: string;
  size_bytes: number;
  sha256: string;
  schema_version: number;
  user_id: string | null;
  removed_at: string | null;
}

const COLUMNS = 'id, kind, file_name, folder, created_at, size_bytes, sha256, schema_version, user_id, removed_at';

/**
 * Writes a consistent copy of the whole database to `target` (which must not exist). It is one
 * read transaction: in WAL, writers go on meanwhile and the copy holds exactly what was committed
 * when it began. A keyed connection writes the copy encrypted with the same key. `query_only`
 * refuses VACUUM INTO, so it is lifted for this statement alone (nothing else runs on the
 * connection meanwhile: the call is synchronous).
 */
export function vacuumInto(db: Database.Database, target: string): void {
  const queryOnly = db.pragma('query_only', { simple: true }) === 1;
  if (queryOnly) db.pragma('query_only = OFF');
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    if (queryOnly) db.pragma('query_only = ON');
  }
}

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The code of this database's own station, or null before setup. */
export function localStationCodeOf(db: Database.Database): string | null {
  const hasStations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stations'").get() !== undefined;
  if (!hasStations) return null;
  return (db.prepare('SELECT code FROM stations WHERE is_local = 1').pluck().get() as string | undefined) ?? null;
}

export function insertDbBackup(tx: Tx, row: Omit<DbBackupRow, 'removed_at'>): void {
  stmt(
    tx,
    `INSERT INTO db_backups (id, kind, file_name, folder, created_at, size_bytes, sha256, schema_version, user_id)
     VALUES (@id, @kind, @file_name, @folder, @created_at, @size_bytes, @sha256, @schema_version, @user_id)`,
  ).run(row);
}

/** Copies not removed by retention, newest first. */
export function listDbBackups(db: ReadDb): DbBackupRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM db_backups WHERE removed_at IS NULL ORDER BY created_at DESC, id DESC`).all() as DbBackupRow[];
}

/** Every copy this database ever recorded (removed ones too), by its full path. */
export function recordedDbBackupPaths(db: ReadDb): Set<string> {
  const rows = stmt(db, 'SELECT folder, file_name FROM db_backups').all() as Array<Pick<DbBackupRow, 'folder' | 'file_name'>>;
  return new Set(rows.map((r) => join(r.folder, r.file_name)));
}

export function dbBackupById(db: ReadDb, id: string): DbBackupRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM db_backups WHERE id = ?`).get(id) as DbBackupRow | undefined) ?? null;
}

/** The newest automatic copy (daily or weekly), or null when none was taken here. */
export function lastAutomaticBackup(db: ReadDb): DbBackupRow | null {
  return (
    (stmt(db, `SELECT ${COLUMNS} FROM db_backups WHERE kind IN ('DIARIO', 'SEMANAL') ORDER BY created_at DESC LIMIT 1`).get() as DbBackupRow | undefined) ??
    null
  );
}

export function markDbBackupRemoved(tx: Tx, id: string, at: string): void {
  stmt(tx, 'UPDATE db_backups SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
}

/** Whether the table exists: a database of schema 8 or older, before its migration, has none. */
export function hasDbBackupsTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'db_backups'").get() !== undefined;
}

const FOLDER_KEY = 'dbBackupFolder';

export function dbBackupFolderSetting(db: Database.Database): string | null {
  // Read before migrations too (the backup taken before one), when the connection is not yet branded.
  const v = readSetting<unknown>(db as ReadDb, FOLDER_KEY);
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function setDbBackupFolderSetting(tx: Tx, path: string | null): void {
  writeSetting(tx, FOLDER_KEY, path);
}

/**
 * After a restore on a PC whose data folder is elsewhere: archived acta PDFs are recorded by full
 * path, so those under the old data folder are pointed at the same place under the new one.
 */
export function rebaseActaPdfPaths(tx: Tx, oldPrefix: string, newPrefix: string): number {
  return stmt(tx, 'UPDATE handovers SET pdf_path = ? || substr(pdf_path, ?) WHERE substr(pdf_path, 1, ?) = ?').run(
    newPrefix,
    oldPrefix.length + 1,
    oldPrefix.length,
    oldPrefix,
  ).changes;
}

// ---- Checking a copy before it replaces anything -------------------------------------------

export interface DatabaseFileFacts {
  schemaVersion: number;
  stationCode: string | null;
  /** `PRAGMA integrity_check`'s first lines; ['ok'] when whole. */
  integrity: string[];
}

/**
 * Opens a database file read-only with `key` (null: as a plain file) and reads what a restore
 * checks. Returns null when the key does not open it (or it is not a database at all).
 */
export function readDatabaseFile(path: string, key: Buffer | null, nativeBinding?: string): DatabaseFileFacts | null {
  let conn: Database.Database;
  try {
    conn = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    return null;
  }
  try {
    if (key) applyKey(conn, key);
    try {
      conn.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      return null;
    }
    const integrity = (conn.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    return { schemaVersion: schemaVersionOf(conn), stationCode: integrity[0] === 'ok' ? localStationCodeOf(conn) : null, integrity };
  } catch (e) {
    // A file damaged past its header: integrity_check itself fails.
    if (isDamageCode(sqliteCode(e))) {
      return { schemaVersion: 0, stationCode: null, integrity: ['La base de datos está dañada.'] };
    }
    throw e;
  } finally {
    conn.close();
  }
}
