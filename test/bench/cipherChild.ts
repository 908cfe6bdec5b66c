import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closeServices } from '../../electron/app/services';
import { dataKeyPath, readDataKey } from '../../electron/auth/dataKey';
import { keyFilePath, PLAIN_KEYS } from '../../electron/auth/keyFile';
import { checkReadable, isPlainDatabase, keyPragmaValue } from '../../electron/db/encryption';
import type { Db } from '../../electron/db/open';
import { benchServices, CIPHERS, deskLookups, deskSaves, type Cipher } from './encryptionDesk';

/**
 * The same desk work (encryptionDesk.ts) on a copy of one plain imported base, encrypted with the
 * cipher named: what another of better-sqlite3-multiple-ciphers' ciphers would cost instead of the
 * app's SQLCipher 4. Only the cipher differs: the connection gets openDatabase's settings.
 *
 *   ninguno          no encryption
 *   sqlcipher        the app's: AES-256-CBC per page, HMAC-SHA512 (legacy = 4)
 *   sqlcipher-sha256 the same with HMAC-SHA256
 *   chacha20         ChaCha20-Poly1305 (the library's default)
 *   aegis            AEGIS-256 (AES rounds, authenticated)
 */

function configure(db: Database.Database, cipher: Exclude<Cipher, 'ninguno'>): void {
  if (cipher === 'sqlcipher' || cipher === 'sqlcipher-sha256') {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    // 0 = SHA1, 1 = SHA256, 2 = SHA512 (legacy 4's).
    if (cipher === 'sqlcipher-sha256') db.pragma('hmac_algorithm = 1');
  } else db.pragma(`cipher = '${cipher}'`);
}

const [cipher, source, dir] = process.argv.slice(2) as [Cipher, string, string];
if (!CIPHERS.includes(cipher)) throw new Error(`unknown cipher ${cipher}`);
if (!isPlainDatabase(source)) throw new Error('the source must be a plain database');
const dbPath = join(dir, 'recupera.sqlite');
const dataDir = dir;
copyFileSync(source, dbPath);
copyFileSync(keyFilePath(source), keyFilePath(dbPath));
copyFileSync(dataKeyPath(source), dataKeyPath(dbPath));
const dataKey = readDataKey(dbPath, PLAIN_KEYS)!;

if (cipher !== 'ninguno') {
  // Encrypted in place as encryptPlainDatabase does: rekey needs a rollback journal.
  const plain = new Database(dbPath);
  plain.pragma('journal_mode = DELETE');
  configure(plain, cipher);
  plain.pragma(`rekey = "${keyPragmaValue(dataKey)}"`);
  plain.close();
  if (isPlainDatabase(dbPath)) throw new Error(`${cipher}: still plain after rekey`);
}

const t0 = performance.now();
const raw = new Database(dbPath);
if (cipher !== 'ninguno') {
  configure(raw, cipher);
  raw.pragma(`key = "${keyPragmaValue(dataKey)}"`);
}
checkReadable(raw);
const openMs = performance.now() - t0;
// openDatabase's settings, in its order.
raw.pragma('busy_timeout = 5000');
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.pragma('foreign_keys = ON');
raw.pragma('temp_store = MEMORY');
raw.pragma('cache_size = -65536');
raw.pragma('query_only = ON');

const app = benchServices({ db: raw as Db, dbPath, dataDir, dataKey });
// Other customers than the plain side saved for (residue 2), the same for every cipher.
const { byId, byName } = await deskLookups(app, 3);
const saves = await deskSaves(app, 5);
await closeServices(app);
process.stdout.write(JSON.stringify({ cipher, openMs, sizeBytes: statSync(dbPath).size, byId, byName, saves }));
