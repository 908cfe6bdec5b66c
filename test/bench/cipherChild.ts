import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeServices, type AppServices } from '../../electron/app/services';
import { dataKeyPath, readDataKey } from '../../electron/auth/dataKey';
import { keyFilePath, PLAIN_KEYS } from '../../electron/auth/keyFile';
import { APP_CIPHER, checkReadable, encryptPlainDatabase, isPlainDatabase, keyPragmaValue } from '../../electron/db/encryption';
import { openDatabase, type Db } from '../../electron/db/open';
import { keepCopy, readKept } from '../../electron/files/sealedFile';
import { benchServices, CIPHERS, deskLookups, deskSaves, latency, lookupQueries, savePicks, type Cipher } from './encryptionDesk';

/**
 * The desk's work on copies of one plain imported base, each encrypted with one cipher, all open
 * in this process and served one call each in turn. The ciphers named after the source and the
 * folder (all by default):
 *
 *   ninguno          no encryption (openDatabase with `key: null`)
 *   sqlcipher        SQLCipher 4 (AES-256-CBC, HMAC-SHA512 per page)
 *   sqlcipher-sha256 the same page format with HMAC-SHA256
 *   chacha20         ChaCha20-Poly1305 (the library's default)
 *   aegis            AEGIS-256 (AES rounds, authenticated): the app's (APP_CIPHER), encrypted by the
 *                    app's own upgrade (encryptPlainDatabase) and opened by openDatabase with the data key
 *
 * The others are opened by hand with openDatabase's settings; only the cipher differs. Then
 * every page of each copy read on a new connection (PRAGMA quick_check: the whole base missing
 * SQLite's cache, as a million-row base mostly does) and a 5 MiB document kept plain and sealed.
 */

function configure(db: Database.Database, cipher: Exclude<Cipher, 'ninguno'>): void {
  if (cipher === 'sqlcipher' || cipher === 'sqlcipher-sha256') {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    // 0 = SHA1, 1 = SHA256, 2 = SHA512 (legacy 4's).
    if (cipher === 'sqlcipher-sha256') db.pragma('hmac_algorithm = 1');
  } else db.pragma(`cipher = '${cipher}'`);
}

/** A new connection to a copy with the cipher's key and nothing else (for reading every page). */
function rawConnection(path: string, cipher: Cipher, key: Buffer): Database.Database {
  const db = new Database(path);
  if (cipher !== 'ninguno') {
    configure(db, cipher);
    db.pragma(`key = "${keyPragmaValue(key)}"`);
  }
  checkReadable(db);
  return db;
}

/** The copy as the app would hold it: openDatabase for the app's two cases, its settings by hand for the others. */
function open(path: string, cipher: Cipher, key: Buffer): Db {
  if (cipher === 'ninguno') return openDatabase(path, { key: null });
  if (cipher === APP_CIPHER) return openDatabase(path, { key });
  const db = rawConnection(path, cipher, key);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('query_only = ON');
  return db as Db;
}

const [source, work, ...names] = process.argv.slice(2) as [string, string, ...Cipher[]];
if (!isPlainDatabase(source)) throw new Error('the source must be a plain database');
const ciphers = names.length ? names : [...CIPHERS];
for (const c of ciphers) if (!CIPHERS.includes(c)) throw new Error(`unknown cipher ${c}`);
const dataKey = readDataKey(source, PLAIN_KEYS)!;

const paths = ciphers.map((cipher) => {
  const dir = join(work, cipher);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'recupera.sqlite');
  copyFileSync(source, path);
  copyFileSync(keyFilePath(source), keyFilePath(path));
  copyFileSync(dataKeyPath(source), dataKeyPath(path));
  if (cipher === APP_CIPHER) encryptPlainDatabase(path, dataKey);
  else if (cipher !== 'ninguno') {
    // As encryptPlainDatabase does for the app's cipher: rekey needs a rollback journal.
    const plain = new Database(path);
    plain.pragma('journal_mode = DELETE');
    configure(plain, cipher);
    plain.pragma(`rekey = "${keyPragmaValue(dataKey)}"`);
    plain.close();
  }
  if (isPlainDatabase(path) !== (cipher === 'ninguno')) throw new Error(`${cipher}: wrong kind of file`);
  return path;
});

// The desk: lookups on connections just opened (SQLite's cache empty, the OS's warm), then saves.
const apps: AppServices[] = ciphers.map((cipher, i) => benchServices({ db: open(paths[i]!, cipher, dataKey), dbPath: paths[i]!, dataDir: join(work, cipher), dataKey }));
const lookups = await deskLookups(apps, lookupQueries(apps[0]!));
const saves = await deskSaves(apps, savePicks(apps[0]!));
for (const app of apps) await closeServices(app);

// Every page read through the cipher, three times in turn on new connections; the fastest counts.
const fullRead = ciphers.map(() => Infinity);
let pages = 0;
for (let round = 0; round < 3; round++) {
  for (const [i, cipher] of ciphers.entries()) {
    const db = rawConnection(paths[i]!, cipher, dataKey);
    pages = db.pragma('page_count', { simple: true }) as number;
    const t0 = performance.now();
    db.pragma('quick_check');
    fullRead[i] = Math.min(fullRead[i]!, performance.now() - t0);
    db.close();
  }
}

// A 5 MiB document kept in the data folder and read back, copied as it is and sealed, in turn.
const document = randomBytes(5 * 1024 * 1024);
const files = { plainWrite: [] as number[], sealedWrite: [] as number[], plainRead: [] as number[], sealedRead: [] as number[] };
for (let i = 0; i < 16; i++) {
  const sides = i % 2 === 0 ? ([undefined, dataKey] as const) : ([dataKey, undefined] as const);
  for (const key of sides) {
    const target = join(work, `documento-${i}-${key ? 'sellado' : 'plano'}.pdf`);
    const w0 = performance.now();
    await keepCopy(document, target, key);
    (key ? files.sealedWrite : files.plainWrite).push(performance.now() - w0);
    const r0 = performance.now();
    const back = await readKept(target, key);
    (key ? files.sealedRead : files.plainRead).push(performance.now() - r0);
    if (!back.equals(document)) throw new Error('kept file differs');
    rmSync(target);
  }
}
for (const cipher of ciphers) rmSync(join(work, cipher), { recursive: true, force: true });

process.stdout.write(
  JSON.stringify({
    pages,
    ciphers: Object.fromEntries(ciphers.map((c, i) => [c, { ...lookups[i]!, saves: saves[i]!, fullReadMs: fullRead[i]! }])),
    files: { plainWrite: latency(files.plainWrite).p50, sealedWrite: latency(files.sealedWrite).p50, plainRead: latency(files.plainRead).p50, sealedRead: latency(files.sealedRead).p50 },
  }),
);
