import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from './migrate';

declare const readBrand: unique symbol;
declare const connectionBrand: unique symbol;
declare const txBrand: unique symbol;

/**
 * A handle repositories may read through: the connection outside a write session, or the
 * session's own transaction. Connections are opened with `query_only`, so a write attempted
 * outside `runWrite` fails at once instead of slipping past the search index and statuses.
 */
export type ReadDb = Database.Database & { readonly [readBrand]: true };
/** A connection of this process: read through it, write only with `runWrite(db, tx => …)`. */
export type Db = ReadDb & { readonly [connectionBrand]: true };
/** The open write session: repository write functions take this, and only this. */
export type Tx = ReadDb & { readonly [txBrand]: true };

export interface OpenOptions {
  /** Path of better-sqlite3's native module built for Electron's ABI; absent under plain Node. */
  nativeBinding?: string;
  /** Skip migrations: for worker threads that open a database the main thread already migrated. */
  skipMigrations?: boolean;
  /** Runs before pending migrations, if any (the copy taken before a migration, dbBackups/migrationBackup.ts). */
  beforeMigrate?: (db: Database.Database, from: number, to: number) => void;
}

// The native module each connection was opened with: scratch databases must load the same one
// (in Electron, the build for Electron's ABI; under Node, the default).
const bindings = new WeakMap<Database.Database, string | undefined>();

/**
 * A private scratch file (a job's stage, a package slice) opened with the same native module as
 * `like`. Not the app's database: no migrations, no write sessions, nothing durable by default.
 */
export function openScratchDatabase(path: string, like: ReadDb, options: { readonly?: boolean } = {}): Database.Database {
  const nativeBinding = bindings.get(like);
  return new Database(path, { ...(nativeBinding ? { nativeBinding } : {}), ...(options.readonly ? { readonly: true, fileMustExist: true } : {}) });
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
    if (!options.skipMigrations) migrate(db, undefined, options.beforeMigrate);
    db.pragma('query_only = ON');
    bindings.set(db, options.nativeBinding);
    return db as Db;
  } catch (e) {
    db.close();
    throw e;
  }
}
