import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { checkSequence, migrate } from '../../electron/db/migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/db/migrations';
import { openTestDatabase, rawAppDatabase } from '../helpers/encryptedDb';
import { readSetting } from '../../electron/db/settings';
import { searchCustomers } from '../../electron/search/customerSearch';
import { AppFailure } from '../../shared/result';
import { ID, MARIA_NAME, SCHEMA_ROWS, type SchemaRow } from '../helpers/schemaRows';

/**
 * The SHA-256 of each landed migration's SQL. Offices' databases already ran these: a migration
 * is never edited, a new one is added. Land a new migration by adding its hash here.
 */
const LANDED_SHA256: Record<number, string> = {
  1: 'e4a33878167502bc9499ca436733c7a3ac02fa890aaf2ab3855079ecdcfd45a5',
  2: '31808b85a639627a848ee998b38d9451b97769476cceac642d33de9704f9b1ac',
  3: '14b2ed9e96c6e538482823e6dbdd1727e6916b3c5896827c890b4d257309b122',
  4: '49707af39b9c6bab5c7177b115c8be78912890470323df26f771cd6bcd563a87',
  5: 'ef8d611268429be0c0ca28b5c349e5adeb3a1a22ffaec80816f63ec5ff4686a5',
  6: '66f4da4fd70d1f64f713b6e3573b9ce2edf7f15336e94574a71b064f7ab34359',
  7: '421a18aeffc1ad19fada72132d23d77f81985b26e4951b6fd9c39532b5c7207e',
  8: '79b9e65c0533438b724badfc5cbbdfd54fd62e56fc31f057037a192cf539cc77',
  9: 'b69d7d952b2dd7d76a1bb4de952f5982e021f7b3f0f6a8d1037efdfbbd2d1cdf',
  10: '85af5dd490a6f92dba8d67469811a8ee3815fa14821df172a3af1c9efdd0fe5a',
  11: '9901c03110297d1a3c74d39d735e78d3b5a2ccf8db74996b2be73b6964c924c4',
  12: '00fe0ea57899d9eba75c5f578f52ec202c933d4033fdaee88e47fabd26f6c438',
  13: '99df6d2dcabba86e2810ec0beaa9c228082d3b0e5bac615303625d8bfe732445',
  14: 'ee12ed4a9606a3f4f97fac7bef4abab46bb78068adede150308012352578ec2b',
};

const MIGRATIONS_DIR = fileURLToPath(new URL('../../electron/db/migrations/', import.meta.url));
const tempPath = () => join(mkdtempSync(join(tmpdir(), 'recupera-migrations-')), 'db.sqlite');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A database (in memory unless a path is given) with only the first `version` migrations. */
function databaseAt(version: number, path = ':memory:'): Database.Database {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  if (version > 0) migrate(db, MIGRATIONS.slice(0, version));
  return db;
}

/** Regular tables; the full-text index is checked through search and its own integrity check. */
function tablesOf(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customers_fts%' ORDER BY name")
    .pluck()
    .all() as string[];
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

function schemaOf(db: Database.Database): unknown[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
}

const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;

function byContent(rows: readonly unknown[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

function selectRows(db: Database.Database, table: string, columns: string[]): SchemaRow[] {
  return db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`).all() as SchemaRow[];
}

/** The fixture rows restricted to the columns `table` has in `db`'s schema. */
function rowsFor(db: Database.Database, table: string): SchemaRow[] {
  const columns = new Set(columnsOf(db, table));
  return (SCHEMA_ROWS[table] ?? []).map((row) => Object.fromEntries(Object.entries(row).filter(([c]) => columns.has(c))));
}

describe('migrations', () => {
  it('lets two processes open an old database at once: the one that waited for the lock finds it migrated', () => {
    const path = tempPath();
    databaseAt(LATEST_VERSION - 1, path).close();
    const first = new Database(path);
    const second = new Database(path);
    // The second has read the old version; the first migrates before the second takes the lock.
    expect(migrate(second, MIGRATIONS, () => migrate(first))).toEqual({ from: LATEST_VERSION - 1, to: LATEST_VERSION });
    expect(userVersion(second)).toBe(LATEST_VERSION);
    first.close();
    second.close();
  });

  it('keeps every landed migration exactly as it landed (SHA-256 of its SQL)', () => {
    for (const m of MIGRATIONS) {
      const recorded = LANDED_SHA256[m.version];
      expect(recorded, `migration ${m.version} (${m.name}) has no recorded hash; when it lands, record ${m.version}: '${sha256(m.sql)}'`).toBeDefined();
      expect(sha256(m.sql), `migration ${m.version} (${m.name}) was edited after it landed: add a new migration instead`).toBe(recorded);
    }
    expect(Object.keys(LANDED_SHA256).map(Number), 'a landed migration is missing from the list').toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('has one file per migration, named by its version, each registered in its place', async () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f !== 'index.ts').sort();
    for (const f of files) expect(f, 'migration files are named NNNN-what-it-does.ts').toMatch(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*\.ts$/);
    expect(files).toHaveLength(MIGRATIONS.length);
    for (const f of files) {
      const { migration } = (await import(join(MIGRATIONS_DIR, f))) as { migration: Migration };
      expect(migration.version, f).toBe(Number(f.slice(0, 4)));
      expect(MIGRATIONS[migration.version - 1], `${f} is registered at position ${migration.version} of electron/db/migrations/index.ts`).toBe(migration);
    }
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('refuses a migration list with a gap, a repeat or nothing in it, before touching the database', () => {
    const m = (version: number): Migration => ({ version, name: `m${version}`, sql: `CREATE TABLE t${version} (x INTEGER) STRICT;` });
    expect(() => checkSequence([m(1), m(2), m(3)])).not.toThrow();
    expect(() => checkSequence([m(1), m(3)])).toThrow('Migration "m3" (version 3) at position 2 should be version 2');
    expect(() => checkSequence([m(1), m(2), m(2)])).toThrow('Migration "m2" (version 2) at position 3 repeats the version before it');
    expect(() => checkSequence([m(2)])).toThrow('at position 1 should be version 1');
    expect(() => checkSequence([])).toThrow('The migration list is empty');
    const db = new Database(':memory:');
    expect(() => migrate(db, [m(1), m(3)])).toThrow(/no gap or repeat/);
    expect(userVersion(db)).toBe(0);
    expect(tablesOf(db)).toEqual([]);
    db.close();
  });

  it('applies every migration on an empty database, in order, recording each in user_version', () => {
    const db = databaseAt(0);
    for (const m of MIGRATIONS) {
      expect(migrate(db, MIGRATIONS.slice(0, m.version)), m.name).toEqual({ from: m.version - 1, to: m.version });
      expect(userVersion(db)).toBe(m.version);
    }
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('gives a database upgraded from any earlier version the same schema as a new one', () => {
    const fresh = databaseAt(LATEST_VERSION);
    const expected = schemaOf(fresh);
    fresh.close();
    for (let from = 0; from < LATEST_VERSION; from++) {
      const db = databaseAt(from);
      expect(migrate(db)).toEqual({ from, to: LATEST_VERSION });
      expect(schemaOf(db), `upgraded from version ${from}`).toEqual(expected);
      db.close();
    }
  });

  it('refuses a database newer than the app with a Spanish message and leaves it untouched', () => {
    const path = tempPath();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    let failure: unknown;
    try {
      openTestDatabase(path).close();
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).kind).toBe('refused');
    expect((failure as AppFailure).message).toBe(
      `La base de datos es de una versión más reciente de Recupera (esquema ${LATEST_VERSION + 1}; esta versión conoce hasta ${LATEST_VERSION}). Actualice la aplicación antes de abrirla.`,
    );
    const after = rawAppDatabase(path);
    expect(userVersion(after)).toBe(LATEST_VERSION + 1);
    expect(tablesOf(after)).toEqual([]);
    after.close();
  });

  /** Writes every fixture row that `db`'s schema can hold; returns what it wrote, by table. */
  function populate(db: Database.Database): Record<string, SchemaRow[]> {
    const tables = tablesOf(db);
    const inserted: Record<string, SchemaRow[]> = {};
    db.transaction(() => {
      for (const table of Object.keys(SCHEMA_ROWS).filter((t) => tables.includes(t))) {
        const rows = rowsFor(db, table);
        for (const row of rows) {
          const cols = Object.keys(row);
          // Migration 0010 seeds the campaign 'inicial': the fixture's row of that id replaces it.
          const insert = table === 'campaigns' ? 'INSERT OR REPLACE' : 'INSERT';
          db.prepare(`${insert} INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
        }
        inserted[table] = rows;
      }
      // The app indexes new customers' names itself when it inserts them; so does this database.
      db.exec('INSERT INTO customers_fts(rowid, name) SELECT num, name FROM customers');
    })();
    return inserted;
  }

  it('fills every table and column of the previous schema in the upgrade fixture', () => {
    const old = databaseAt(LATEST_VERSION - 1);
    const inserted = populate(old);
    // Otherwise a record the upgrade loses or changes could go unnoticed below.
    for (const table of tablesOf(old)) {
      expect(inserted[table], `test/helpers/schemaRows.ts has no rows for table ${table}`).toBeDefined();
      for (const column of columnsOf(old, table)) {
        expect(
          inserted[table]!.some((r) => r[column] !== null && r[column] !== undefined),
          `test/helpers/schemaRows.ts gives no value for ${table}.${column}`,
        ).toBe(true);
      }
    }
    old.close();
  });

  // The previous version is the upgrade offices will run next; older ones cost little to check too.
  const earlier = MIGRATIONS.slice(0, -1).map((m) => m.version).reverse();
  it.each(earlier)('upgrades a populated database of version %i keeping every record as it was', (from) => {
    const path = tempPath();
    const old = databaseAt(from, path);
    const inserted = populate(old);
    expect(userVersion(old)).toBe(from);
    old.close();

    const db = openTestDatabase(path);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    for (const [table, rows] of Object.entries(inserted)) {
      const columns = Object.keys(rows[0]!);
      // Encrypting the plain database on the way also notes that its recovery key is still to be shown.
      const stored = selectRows(db, table, columns).filter((r) => table !== 'settings' || r.key !== 'recoveryKeyPending');
      expect(byContent(stored), table).toEqual(byContent(rows));
    }
    expect(readSetting(db, 'recoveryKeyPending')).toBe(true);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // Found by a part of the name, without accents, through the full-text index.
    for (const query of ['maria jose perez', 'guaman', 'GUAM']) {
      const { results } = searchCustomers(db, query);
      expect(results.map((r) => [r.id, r.name, r.match]), query).toContainEqual([ID.maria, MARIA_NAME, 'name']);
    }
    db.close();

    // PRAGMA integrity_check does not compare an external-content index with its table; this does.
    const check = rawAppDatabase(path);
    expect(() => check.exec("INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    check.close();
  });
});
