import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync } from 'node:fs';
import { dataKeyPath, loadOrCreateDataKey, readDataKey } from '../../electron/auth/dataKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import { applyKey } from '../../electron/db/encryption';
import { openDatabase, type Db, type OpenOptions } from '../../electron/db/open';

/**
 * App databases are encrypted with the data key in the `.llave` file beside them (written by
 * createServices with the CLI's protector). Tests that open one directly go through these.
 */

/** The data key beside `dbPath`; a test database without one is a mistake in the test. */
export function keyOf(dbPath: string): Buffer {
  const key = readDataKey(dbPath, PLAIN_KEYS);
  if (!key) throw new Error(`No data key beside ${dbPath}`);
  return key;
}

/** openDatabase with the key beside `path` (made there first for a new database). */
export function openTestDatabase(path: string, options: Omit<OpenOptions, 'key'> = {}): Db {
  return openDatabase(path, { ...options, key: loadOrCreateDataKey(path, PLAIN_KEYS).key });
}

/** A raw connection (no pragmas, no migrations) to an app database, keyed with the key beside it. */
export function rawAppDatabase(dbPath: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(dbPath, options.readonly ? { readonly: true, fileMustExist: true } : {});
  applyKey(db, keyOf(dbPath));
  return db;
}

/** A copy of a running app's database at `target` (encrypted with the same key) and its key file beside it. */
export function copyAppDatabase(dbPath: string, target: string): void {
  // A connection of its own: the app's is query-only, and VACUUM INTO counts as a write.
  const db = rawAppDatabase(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  copyFileSync(dataKeyPath(dbPath), dataKeyPath(target));
}
