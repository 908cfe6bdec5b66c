import { basename, dirname } from 'node:path';
import { closeServices, reportDir } from '../../electron/app/services';
import { loadOrCreateDataKey } from '../../electron/auth/dataKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import { isEncryptedDatabase, isPlainDatabase } from '../../electron/db/encryption';
import { openDatabase } from '../../electron/db/open';
import { runBaseImport } from '../../electron/import/baseImport';
import { benchServices, setUpCentral } from './encryptionDesk';

/**
 * One side of the import's cost of encryption, in a process of its own on a new database: `plana`
 * (no key anywhere: database, base stage, report) or `cifrada` (the data key, as the app runs).
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

// The base import: the import job's function with its reader thread, its stage and its apply.
const app = services();
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

// A side measured on the wrong kind of file would compare nothing.
if (mode === 'cifrada' ? !isEncryptedDatabase(dbPath) : !isPlainDatabase(dbPath)) throw new Error(`database is not ${mode}`);

process.stdout.write(JSON.stringify({ mode, importSeconds, rows: summary.rows, inserted: summary.inserted }));
