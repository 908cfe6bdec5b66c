import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, copyFileSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/result';
import { fsyncFolder, fsyncPath } from '../files/atomicFile';

/**
 * The database's encryption at rest: SQLite3 Multiple Ciphers' AEGIS-256 scheme (authenticated,
 * built on AES rounds) with the data key given raw, so no key derivation runs at open. The
 * write-ahead log is encrypted the same way. A file without the key reads as noise: no name,
 * cédula or serial can be picked out of it. AEGIS rather than SQLCipher 4's page format (AES-CBC
 * with an HMAC-SHA512 per page): measured with `npm run bench` section (i), SQLCipher 4 made a
 * lookup by cédula ~27 % and a save ~20 % slower, AEGIS stays within a few percent. The price is
 * that SQLCipher's own tools do not open the file; the sqlite3mc shell does, with the recovery key.
 */

/** The cipher every database of Recupera is encrypted with (the bench labels the app's figures with it). */
export const APP_CIPHER = 'aegis';

/** The setting that says the recovery key of a database encrypted at start-up was not shown to anyone yet. */
export const RECOVERY_KEY_PENDING = 'recoveryKeyPending';

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function keyPragmaValue(key: Buffer): string {
  return `x'${key.toString('hex')}'`;
}

/** Sets the cipher and the key: the first statements on a connection, before anything reads a page. */
export function applyKey(db: Database.Database, key: Buffer): void {
  applyCipher(db);
  db.pragma(`key = "${keyPragmaValue(key)}"`);
}

/** Only the cipher: a plain connection that will attach an encrypted file with `KEY`. */
export function applyCipher(db: Database.Database): void {
  db.pragma(`cipher = '${APP_CIPHER}'`);
}

const UNREADABLE =
  'La base de datos no se puede abrir con la llave de esta computadora: la llave no corresponde a esta base o el archivo está dañado. ' +
  'Si la base viene de otra computadora o de un respaldo, ábrala con su clave de recuperación (opción --clave-recuperacion).';

/** Reads the schema once: a wrong key or a damaged file is refused here, in Spanish. */
export function checkReadable(db: Database.Database): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new AppFailure('refused', UNREADABLE);
    throw e;
  }
}

function header(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const b = Buffer.alloc(16);
    return b.subarray(0, readSync(fd, b, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
}

/** True for a database file written without encryption (by a version of Recupera before it). */
export function isPlainDatabase(path: string): boolean {
  const h = header(path);
  return h !== null && h.equals(PLAIN_HEADER);
}

/** True for a file that exists, has content and is not a plain SQLite database. */
export function isEncryptedDatabase(path: string): boolean {
  const h = header(path);
  return h !== null && h.length > 0 && !h.equals(PLAIN_HEADER);
}

export type EncryptionStep = 'copied' | 'rekeyed' | 'renamed';
let fault: ((step: EncryptionStep) => void) | null = null;

/** Tests: make the plain→encrypted conversion stop at a step, as a killed process would. */
export function injectEncryptionFault(f: ((step: EncryptionStep) => void) | null): void {
  fault = f;
}

/** A fault the test injected: what it leaves behind stays, as after a kill. */
class SimulatedKill extends Error {}

function step(s: EncryptionStep): void {
  if (!fault) return;
  try {
    fault(s);
  } catch (e) {
    throw new SimulatedKill((e as Error).message);
  }
}

function removeWithJournal(path: string): void {
  for (const f of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
}

/**
 * Encrypts a database left plain by an earlier version, whole or not at all: the log is folded into
 * the file, the file is copied beside itself, the copy is encrypted in place (`PRAGMA rekey`, which
 * needs a rollback journal) and flushed, then renamed over the original. A process killed before the
 * rename leaves the plain database as it was (its copy is thrown away and made again next start);
 * after it, the encrypted one whole. The copy also records that the recovery key is still to be
 * shown, so that note lands with the encryption itself. Returns false when there was nothing to do.
 */
export function encryptPlainDatabase(path: string, key: Buffer, nativeBinding?: string): boolean {
  if (path === ':memory:' || !isPlainDatabase(path)) return false;
  const options = nativeBinding ? { nativeBinding } : {};
  const temporary = `${path}.cifrando`;
  removeWithJournal(temporary);
  const plain = new Database(path, options);
  try {
    plain.pragma('busy_timeout = 5000');
    const [r] = plain.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (r && r.busy !== 0) {
      throw new AppFailure('conflict', 'La base de datos está abierta en otra ventana o programa de Recupera. Ciérrelos y vuelva a abrir la aplicación.');
    }
  } finally {
    plain.close();
  }
  // Whatever the log held is in the file now: an empty or absent log is the only safe one to drop.
  let walBytes = 0;
  try {
    walBytes = statSync(`${path}-wal`).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (walBytes > 0) throw new AppFailure('conflict', 'La base de datos está abierta en otro programa de Recupera. Ciérrelo y vuelva a abrir la aplicación.');
  try {
    copyFileSync(path, temporary);
    step('copied');
    const copy = new Database(temporary, options);
    try {
      copy.pragma('journal_mode = DELETE');
      const hasSettings = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
      if (hasSettings) {
        copy.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(RECOVERY_KEY_PENDING, 'true');
      }
      applyCipher(copy);
      copy.pragma(`rekey = "${keyPragmaValue(key)}"`);
    } finally {
      copy.close();
    }
    step('rekeyed');
    fsyncPath(temporary);
    renameSync(temporary, path);
    fsyncFolder(dirname(path));
  } catch (e) {
    if (!(e instanceof SimulatedKill)) removeWithJournal(temporary);
    throw e;
  }
  step('renamed');
  // The plain database's (empty) log and index, never to be read against the encrypted file.
  for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  return true;
}
