import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/db/migrations';
import { openTestDatabase, rawAppDatabase } from '../helpers/encryptedDb';
import { runWrite } from '../../electron/db/writeSession';
import { JOURNAL_SIZE_LIMIT } from '../../electron/db/open';
import { writeSetting } from '../../electron/db/settings';

const tempPath = () => join(mkdtempSync(join(tmpdir(), 'recupera-db-')), 'db.sqlite');

describe('database', () => {
  it('opens with WAL, foreign keys, full sync and a busy timeout, and applies every migration', () => {
    const db = openTestDatabase(tempPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
  });

  it('cuts the WAL file back to its limit once a big write is checkpointed', () => {
    const path = tempPath();
    const db = openTestDatabase(path);
    const chunk = 'x'.repeat(4 * 1024 * 1024);
    runWrite(db, (tx) => {
      for (let i = 0; i < 24; i++) writeSetting(tx, `grande-${i}`, chunk);
    });
    const wal = () => statSync(`${path}-wal`).size;
    expect(wal()).toBeGreaterThan(JOURNAL_SIZE_LIMIT * 1.4);
    db.pragma('wal_checkpoint(PASSIVE)');
    // The next write starts the WAL over and truncates it to the limit.
    runWrite(db, (tx) => writeSetting(tx, 'pequeño', 1));
    expect(wal()).toBeLessThanOrEqual(JOURNAL_SIZE_LIMIT);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(JOURNAL_SIZE_LIMIT);
    db.close();
  });

  it('creates every regular table as STRICT', () => {
    const db = openTestDatabase(':memory:');
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'customers_fts%'").all() as Array<{ name: string; sql: string }>;
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT$/);
    db.close();
  });

  it('gives records that travel between offices a UUID id and an origin station', () => {
    const db = openTestDatabase(':memory:');
    for (const table of ['users', 'customers', 'services', 'expected_items', 'handovers', 'handover_items', 'handover_voids', 'backups']) {
      const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(cols, table).toEqual(expect.arrayContaining(['id', 'origin_station']));
    }
    db.close();
  });

  it('enforces foreign keys', () => {
    const db = openTestDatabase(':memory:');
    expect(() =>
      runWrite(db, (tx) =>
        tx
          .prepare("INSERT INTO services (id, origin_station, customer_id, service_number, service_key, created_at, updated_at) VALUES ('s', 'X', 'missing', '1', '1', 'now', 'now')")
          .run(),
      ),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('is idempotent: opening twice does not re-run migrations', () => {
    const path = tempPath();
    openTestDatabase(path).close();
    const db = openTestDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const path = tempPath();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openTestDatabase(path)).toThrow(/versión más reciente de Recupera/);
  });

  it('rolls back a failing migration as a whole', () => {
    const path = tempPath();
    const raw = new Database(path);
    // A table that collides with the first migration makes it fail halfway.
    raw.exec('CREATE TABLE stations (x INTEGER)');
    raw.close();
    expect(() => openTestDatabase(path)).toThrow();
    const after = rawAppDatabase(path);
    expect(after.pragma('user_version', { simple: true })).toBe(0);
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ n: 0 });
    after.close();
  });
});
