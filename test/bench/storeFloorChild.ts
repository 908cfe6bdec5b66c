import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateDataKey } from '../../electron/auth/dataKey';
import { keyFilePath, PLAIN_KEYS } from '../../electron/auth/keyFile';
import { openDatabase, type Db } from '../../electron/db/open';
import { openTestDatabase } from '../helpers/encryptedDb';

/**
 * The floor under any base import on this machine: the rows an import wrote, read back into
 * memory first (no file, no checks, no merging, no stage), written into a new database of the
 * app — the same cipher and pragmas — in one transaction, the fastest way SQLite takes them.
 * Twice: into the app's schema (its keys, indexes and the name search, built in bulk), and into
 * bare tables with no index or constraint at all. No import, however it reads its file, can
 * write the base in less than the first; no change of schema in less than the second.
 * Prints the seconds as JSON. Its memory is not a figure: it holds every row at once.
 */
const [source, dir] = process.argv.slice(2) as [string, string];

const TABLES = [
  { name: 'customers', order: 'num' },
  { name: 'services', order: 'rowid' },
  { name: 'expected_items', order: 'rowid' },
] as const;

interface Loaded {
  name: string;
  columns: string[];
  rows: unknown[][];
}

function load(db: Db): Loaded[] {
  return TABLES.map(({ name, order }) => {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('${name}') ORDER BY cid`).pluck().all() as string[]);
    const rows = db.prepare(`SELECT ${columns.join(', ')} FROM ${name} ORDER BY ${order}`).raw().all() as unknown[][];
    return { name, columns, rows };
  });
}

/** Inserts every row in one transaction; `after` runs inside it (the bulk search index). */
function write(db: Db, tables: Loaded[], after: string): number {
  db.pragma('query_only = OFF');
  const t0 = performance.now();
  db.exec('BEGIN IMMEDIATE');
  for (const t of tables) {
    const insert = db.prepare(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
    for (const row of t.rows) insert.run(row);
  }
  if (after) db.exec(after);
  db.exec('COMMIT');
  return (performance.now() - t0) / 1000;
}

function fresh(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`, keyFilePath(path)]) rmSync(f, { force: true });
}

const src = openTestDatabase(source);
const tables = load(src);
src.close();

const schemaPath = join(dir, 'suelo-esquema.sqlite');
fresh(schemaPath);
const schemaDb = openTestDatabase(schemaPath);
const schemaSeconds = write(schemaDb, tables, "INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')");
schemaDb.close();
fresh(schemaPath);

const barePath = join(dir, 'suelo-tablas.sqlite');
fresh(barePath);
const bareDb = openDatabase(barePath, { key: loadOrCreateDataKey(barePath, PLAIN_KEYS).key, skipMigrations: true });
bareDb.pragma('query_only = OFF');
for (const t of tables) bareDb.exec(`CREATE TABLE ${t.name} (${t.columns.join(', ')})`);
const bareSeconds = write(bareDb, tables, '');
bareDb.close();
fresh(barePath);

process.stdout.write(JSON.stringify({ schemaSeconds, bareSeconds, rows: tables.reduce((n, t) => n + t.rows.length, 0) }));
