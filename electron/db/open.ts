import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of better-sqlite3's native module built for Electron's ABI; absent under plain Node. */
  nativeBinding?: string;
  /** Skip migrations: for worker threads that open a database the main thread already migrated. */
  skipMigrations?: boolean;
}

/** Opens the database the way every process of Recupera must: WAL, foreign keys, full sync. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // The app owns the file; temporary b-trees for big imports stay in memory.
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    if (!options.skipMigrations) migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
