import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { closeServices, reportDir } from '../../electron/app/services';
import { loadOrCreateDataKey } from '../../electron/auth/dataKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import { isEncryptedDatabase, isPlainDatabase } from '../../electron/db/encryption';
import { openDatabase } from '../../electron/db/open';
import { keepCopy, readKept } from '../../electron/files/sealedFile';
import { runBaseImport } from '../../electron/import/baseImport';
import { benchServices, deskLookups, deskSaves, setUpCentral } from './encryptionDesk';
import { percentile } from './measure';

/**
 * One side of the cost of encryption, in a process of its own on a new database: `plana` (no key
 * anywhere: database, base stage, kept files) or `cifrada` (the data key, as the app runs).
 *
 * Both sides run the same code: the services are assembled as createServices does, except that the
 * database is opened with `key: null` on the plain side. The base is imported by the import job's
 * own function in this process: the job's worker always opens the database with the key, so it
 * cannot run the plain side, and here either side pays the same.
 */
const [mode, file, dbPath] = process.argv.slice(2) as ['plana' | 'cifrada', string, string];
const dataDir = dirname(dbPath);
const dataKey = loadOrCreateDataKey(dbPath, PLAIN_KEYS).key;
/** What the database, its stage and the kept files are encrypted with on this side. */
const key = mode === 'cifrada' ? dataKey : undefined;
const services = () => benchServices({ db: openDatabase(dbPath, { key: key ?? null }), dbPath, dataDir, dataKey });

// 1. The base import: the import job's function with its reader thread, its stage and its apply.
let app = services();
await setUpCentral(app);
const t0 = performance.now();
const summary = await runBaseImport({
  db: app.db,
  path: file,
  fileName: basename(file),
  mode: 'commit',
  stationCode: 'BENCH-01',
  userId: 'bench',
  reportDir: reportDir(app),
  ...(key ? { dataKey: key } : {}),
  threadedReader: true,
});
const importSeconds = (performance.now() - t0) / 1000;
await closeServices(app);

// 2 and 3. On services opened again (SQLite's page cache empty, as after a start): lookups, then saves.
app = services();
const { byId, byName } = await deskLookups(app);
const saves = await deskSaves(app);
await closeServices(app);
// A side measured on the wrong kind of file would compare nothing.
if (mode === 'cifrada' ? !isEncryptedDatabase(dbPath) : !isPlainDatabase(dbPath)) throw new Error(`database is not ${mode}`);

// 4. A 5 MiB document kept in the data folder and read back: copied as it is, or sealed.
const document = randomBytes(5 * 1024 * 1024);
const writes: number[] = [];
const reads: number[] = [];
for (let i = 0; i < 12; i++) {
  const target = join(dataDir, `documento-${i}.pdf`);
  const w0 = performance.now();
  await keepCopy(document, target, key);
  writes.push(performance.now() - w0);
  const r0 = performance.now();
  const back = await readKept(target, key);
  reads.push(performance.now() - r0);
  if (!back.equals(document)) throw new Error('kept file differs');
  rmSync(target);
}
const mid = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

process.stdout.write(
  JSON.stringify({ mode, importSeconds, rows: summary.rows, inserted: summary.inserted, byId, byName, saves, fileWriteMs: mid(writes), fileReadMs: mid(reads) }),
);
