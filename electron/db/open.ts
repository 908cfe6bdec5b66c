import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipher, applyKey, checkReadable, encryptPlainDatabase, keyPragmaValue } from './encryption';
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
  /**
   * The data key (auth/dataKey.ts) the file is encrypted with; a plain file from an earlier version
   * is encrypted with it first. null opens without encryption: only the benchmark's plain figures
   * use it, never the app, the CLI or the browser mode. An in-memory database is never on disk and
   * is not encrypted.
   */
  key: Buffer | null;
  /** Path of better-sqlite3's native module built for Electron's ABI; absent under plain Node. */
  nativeBinding?: string;
  /** Skip migrations: for worker threads that open a database the main thread already migrated. */
  skipMigrations?: boolean;
  /** Runs before pending migrations, if any (the copy taken before a migration, dbBackups/migrationBackup.ts). */
  beforeMigrate?: (db: Database.Database, from: number, to: number) => void;
}

/** What the WAL file is cut back to once checkpointed (bytes). */
export const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** The connection's WAL auto-checkpoint threshold, in pages (a base import's apply raises it while nobody saves: stagedBase.ts). */
export function walCheckpointPages(db: Db): number {
  return db.pragma('wal_autocheckpoint', { simple: true }) as number;
}

export function setWalCheckpointPages(db: Db, pages: number): void {
  db.pragma(`wal_autocheckpoint = ${Math.trunc(pages)}`);
}

/** Copies what the WAL holds back into the database file, without waiting for or blocking anybody (PASSIVE). */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

// The native module each connection was opened with: scratch databases must load the same one
// (in Electron, the build for Electron's ABI; under Node, the default).
const bindings = new WeakMap<Database.Database, string | undefined>();
// The key each connection was opened with (none for plain ones), for scratch files and attachments.
const keys = new WeakMap<Database.Database, Buffer>();

const isMemory = (path: string): boolean => path === ':memory:' || path === '';

/**
 * A private scratch file opened with the same native module as `like`. Not the app's database: no
 * migrations, no write sessions, nothing durable by default. A job's stage holds the base's
 * personal data, so it is encrypted with `like`'s key; `portable` is for a file made for another
 * station or received from one (a package's or an update's data, a package's slices), which this
 * PC's key must not lock: the package's own protection covers it.
 */
export function openScratchDatabase(path: string, like: ReadDb, options: { readonly?: boolean; portable?: boolean } = {}): Database.Database {
  const nativeBinding = bindings.get(like);
  const key = options.portable ? undefined : keys.get(like);
  const s = new Database(path, { ...(nativeBinding ? { nativeBinding } : {}), ...(options.readonly ? { readonly: true, fileMustExist: true } : {}) });
  try {
    if (key && !isMemory(path)) {
      applyKey(s, key);
      keys.set(s, key);
    }
    checkReadable(s);
  } catch (e) {
    s.close();
    throw e;
  }
  bindings.set(s, nativeBinding);
  return s;
}

const ALIAS = /^[a-z]+$/;

/** Attaches a file encrypted with `db`'s own key (its stage) as `alias`; a plain connection attaches it plain. */
export function attachOwnFile(db: Database.Database, path: string, alias: string): void {
  if (!ALIAS.test(alias)) throw new Error(`Invalid alias: ${alias}`);
  const key = keys.get(db);
  db.prepare(`ATTACH DATABASE ? AS ${alias} KEY ?`).run(path, key ? keyPragmaValue(key) : '');
}

/** Attaches a file that is not encrypted (a package or an update from another station) as `alias`. */
export function attachPlainFile(db: Database.Database, path: string, alias: string): void {
  if (!ALIAS.test(alias)) throw new Error(`Invalid alias: ${alias}`);
  db.prepare(`ATTACH DATABASE ? AS ${alias} KEY ''`).run(path);
}

/** From a portable scratch connection, attaches the app's database `like` is connected to, with its key. */
export function attachAppDatabase(scratch: Database.Database, like: ReadDb, alias: string): void {
  if (!ALIAS.test(alias)) throw new Error(`Invalid alias: ${alias}`);
  const key = keys.get(like);
  if (key) applyCipher(scratch);
  scratch.prepare(`ATTACH DATABASE ? AS ${alias} KEY ?`).run(like.name, key ? keyPragmaValue(key) : '');
}

/** Opens the database the way every process of Recupera must: encrypted, WAL, foreign keys, full sync. */
export function openDatabase(path: string, options: OpenOptions): Db {
  const key = options.key && !isMemory(path) ? options.key : null;
  if (key) encryptPlainDatabase(path, key, options.nativeBinding);
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Before any other statement: the first page read must already be decrypted.
    if (key) applyKey(db, key);
    checkReadable(db);
    db.pragma('busy_timeout = 5000');
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // A base import or a depuración grows the WAL to hundreds of megabytes while a long read holds
    // a snapshot; without a limit the file keeps that size on disk until the app closes.
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    db.pragma('foreign_keys = ON');
    // The app owns the file; temporary b-trees for big imports stay in memory.
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    if (!options.skipMigrations) migrate(db, undefined, options.beforeMigrate);
    db.pragma('query_only = ON');
    bindings.set(db, options.nativeBinding);
    if (key) keys.set(db, key);
    return db as Db;
  } catch (e) {
    db.close();
    throw e;
  }
}
