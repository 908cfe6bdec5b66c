import type { ReadDb } from './open';
import { stmt } from './stmt';

/** What support needs to know about a database, without reading a single record's contents. */
export interface DatabaseHealth {
  sqliteVersion: string;
  schemaVersion: number;
  journalMode: string;
  /** `PRAGMA integrity_check`: `["ok"]` when healthy, otherwise SQLite's list of problems (page and index names, no data). */
  integrityCheck: string[];
  /** `PRAGMA foreign_key_check`: the rows whose parent is missing, by table and rowid. */
  foreignKeyCheck: Array<{ table: string; rowid: number | null; parent: string }>;
  /** Rows per table (FTS shadow tables left out: they mirror `customers_fts`). */
  tableCounts: Record<string, number>;
  pageSize: number;
  pageCount: number;
  freelistCount: number;
}

const MAX_PROBLEMS = 100;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function databaseHealth(db: ReadDb): DatabaseHealth {
  const integrity = (db.pragma(`integrity_check(${MAX_PROBLEMS})`) as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  const foreignKeys = (db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>)
    .slice(0, MAX_PROBLEMS)
    .map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent }));
  const tables = stmt(
    db,
    `SELECT name FROM sqlite_schema
      WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
        AND name NOT LIKE '%_fts_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
      ORDER BY name`,
  ).all() as Array<{ name: string }>;
  const tableCounts: Record<string, number> = {};
  for (const { name } of tables) {
    // Table names come from the schema itself, not from a caller.
    tableCounts[name] = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(name)}`).get() as { n: number }).n;
  }
  return {
    sqliteVersion: (stmt(db, 'SELECT sqlite_version() AS v').get() as { v: string }).v,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    journalMode: db.pragma('journal_mode', { simple: true }) as string,
    integrityCheck: integrity,
    foreignKeyCheck: foreignKeys,
    tableCounts,
    pageSize: db.pragma('page_size', { simple: true }) as number,
    pageCount: db.pragma('page_count', { simple: true }) as number,
    freelistCount: db.pragma('freelist_count', { simple: true }) as number,
  };
}
