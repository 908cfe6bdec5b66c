import type Database from 'better-sqlite3-multiple-ciphers';
import { excerpt } from '../../shared/fieldLimits';
import { openScratchDatabase, type ReadDb } from './open';

/**
 * A database file that came from another station (a package's or a national update's
 * `datos.sqlite`) is checked here, on a read-only connection of its own, before the app's
 * connection attaches it or anything is read from it. Its signature proves who made it, not that
 * the maker is honest: a compromised office can sign anything. So the file must be exactly the
 * tables its format writes (a view or trigger would run whatever SQL it holds — a recursive view
 * never ends — the moment a statement names it), pass SQLite's own page and type checks, and hold
 * no text longer than its field allows, all measured in SQL so a huge value never reaches
 * JavaScript.
 */

/** A text column's limit and the field's name as the user reads it in a refusal. */
export interface TextLimit {
  max: number;
  label: string;
}

export interface UntrustedTable {
  /** How one record is named after its field in a refusal: «del acta», «de la anulación»… */
  record: string;
  /** The column whose value names the record in a refusal (itself limited, and checked first). */
  key: string;
  /** Every TEXT column of the table with its limit; a column left out is a programming error. */
  text: Record<string, TextLimit>;
}

export interface UntrustedSpec {
  /** The format's table SQL, as the exporter writes it. */
  schema: string;
  tables: Record<string, UntrustedTable>;
}

export type UntrustedDataProblem =
  /** Not a database, or pages, records or types that SQLite's checks refuse. `cause` is for the log only. */
  | { kind: 'damaged'; cause: string }
  /** An object the format does not write, or a table not as the format writes it. */
  | { kind: 'shape'; object: string }
  /**
   * `record` names it after the field: «del acta UIO-01-2026-000001». `length` is exact when
   * `exact`, else the least it can be (a value far over its limit is never loaded to be counted).
   */
  | { kind: 'tooLong'; table: string; record: string; field: string; length: number; exact: boolean; max: number };

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

interface Reference {
  objects: Map<string, SchemaObject>;
  /** Per table: its pragma_table_list and pragma_table_xinfo rows, as JSON. */
  shapes: Map<string, string>;
  textColumns: Map<string, string[]>;
}

const references = new Map<string, Reference>();

/** Comments and spacing differ between versions of the same format; nothing else may. */
function normalise(sql: string | null): string | null {
  return sql === null
    ? null
    : sql
        .replace(/--[^\n]*/g, ' ')
        .replace(/\/\*[\s\S]*?\*\//g, ' ')
        .replace(/\s+/g, ' ')
        .replace(/\s*([(),])\s*/g, '$1')
        .trim();
}

const key = (o: { type: string; name: string }) => `${o.type} ${o.name}`;

function objectsOf(d: Database.Database): SchemaObject[] {
  return d.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all() as SchemaObject[];
}

function shapeOf(d: Database.Database, table: string): string {
  const list = d.prepare("SELECT type, ncol, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name = ?").all(table);
  const columns = d.prepare('SELECT cid, name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid').all(table);
  return JSON.stringify({ list, columns });
}

/** The format's own tables, made from its SQL in memory once per format. */
function referenceFor(schema: string, like: ReadDb): Reference {
  const known = references.get(schema);
  if (known) return known;
  const d = openScratchDatabase(':memory:', like, { portable: true });
  try {
    d.exec(schema);
    const objects = new Map(objectsOf(d).map((o) => [key(o), { ...o, sql: normalise(o.sql) }]));
    const tables = [...objects.values()].filter((o) => o.type === 'table').map((o) => o.name);
    const shapes = new Map(tables.map((t) => [t, shapeOf(d, t)]));
    const textColumns = new Map(
      tables.map((t) => [t, (d.prepare("SELECT name FROM pragma_table_xinfo(?) WHERE type = 'TEXT' ORDER BY cid").pluck().all(t) as string[])]),
    );
    const r = { objects, shapes, textColumns };
    references.set(schema, r);
    return r;
  } finally {
    d.close();
  }
}

/**
 * Every object must be one the format writes, as it writes it: no view, trigger, virtual table or
 * extra index, no table with other columns, types or constraints. An index of the format that is
 * missing is tolerated (an earlier exporter of the same format may not have made it; reads only
 * get slower); a missing table is not.
 */
function shapeProblem(d: Database.Database, ref: Reference): UntrustedDataProblem | null {
  const seen = new Set<string>();
  for (const o of objectsOf(d)) {
    const expected = ref.objects.get(key(o));
    if (!expected || expected.tbl_name !== o.tbl_name || expected.sql !== normalise(o.sql)) return { kind: 'shape', object: o.name };
    seen.add(key(o));
  }
  for (const [k, o] of ref.objects) {
    if (o.type === 'table' && !seen.has(k)) return { kind: 'shape', object: o.name };
  }
  // The SQL matched; the columns SQLite made of it must too (a comment trick the normaliser missed shows here).
  for (const [table, shape] of ref.shapes) {
    if (shapeOf(d, table) !== shape) return { kind: 'shape', object: table };
  }
  return null;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Candidate rows read per statement while looking for a value over its limit. */
const BATCH = 500;

/**
 * The first text value over its field's limit. Bytes are compared first (`octet_length` reads a
 * value's size without loading it, and a value is never more characters than bytes); only a value
 * whose bytes exceed the limit, but not four times over (UTF-8 takes at most four bytes a
 * character), has its characters counted. One far over is refused by its bytes alone.
 */
function lengthProblem(d: Database.Database, spec: UntrustedSpec, ref: Reference): UntrustedDataProblem | null {
  for (const [table, columns] of ref.textColumns) {
    const t = spec.tables[table];
    const missing = columns.filter((c) => !t?.text[c]);
    if (!t || missing.length > 0) throw new Error(`No text limit for ${table}.${missing.join(', ') || '*'}`);
    // The record's naming column first: a refusal then names the record by it, never quotes a huge one.
    const ordered = [t.key, ...columns.filter((c) => c !== t.key)];
    const over = ordered.map((c) => `octet_length(${quoted(c)}) > ${t.text[c]!.max}`);
    const scan = d.prepare(`SELECT rowid AS r, ${over.map((o, i) => `${o} AS f${i}`).join(', ')} FROM ${quoted(table)}
      WHERE rowid > ? AND (${over.join(' OR ')}) ORDER BY rowid LIMIT ${BATCH}`);
    let after = -Infinity;
    for (;;) {
      const rows = scan.all(after) as Array<Record<string, number>>;
      for (const row of rows) {
        for (const [i, column] of ordered.entries()) {
          if (!row[`f${i}`]) continue;
          const { max, label } = t.text[column]!;
          const bytes = d.prepare(`SELECT octet_length(${quoted(column)}) FROM ${quoted(table)} WHERE rowid = ?`).pluck().get(row.r) as number;
          const exact = bytes <= 4 * max;
          const length = exact ? (d.prepare(`SELECT length(${quoted(column)}) FROM ${quoted(table)} WHERE rowid = ?`).pluck().get(row.r) as number) : Math.ceil(bytes / 4);
          if (length <= max) continue;
          const name =
            column === t.key
              ? `${t.record} en la fila ${row.r}`
              : `${t.record} ${excerpt(String(d.prepare(`SELECT ${quoted(t.key)} FROM ${quoted(table)} WHERE rowid = ?`).pluck().get(row.r) ?? ''))}`;
          return { kind: 'tooLong', table, record: name, field: label, length, exact, max };
        }
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.r!;
    }
  }
  return null;
}

/** Whether the code is SQLite finding a damaged file (which one it does not say). */
export function isDamageCode(code: string | null): boolean {
  return code !== null && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** The SQLite result code an error carries (`SQLITE_CORRUPT`…), or null for any other error. */
export function sqliteCode(e: unknown): string | null {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
  return code.startsWith('SQLITE_') ? code : null;
}

/**
 * Checks the database at `path` against `spec` and returns its first problem, or null when it is
 * exactly the format's tables with every text within its limit. Nothing is written; the app's
 * connection `like` only lends its native module.
 */
export function untrustedDataProblem(like: ReadDb, path: string, spec: UntrustedSpec): UntrustedDataProblem | null {
  const ref = referenceFor(spec.schema, like);
  let d: Database.Database;
  try {
    d = openScratchDatabase(path, like, { readonly: true, portable: true });
  } catch (e) {
    // Not a database at all (or not one SQLite can open): the file is what is wrong.
    return { kind: 'damaged', cause: sqliteCode(e) ?? 'open' };
  }
  try {
    // Nothing from the file's schema may call a function, and a damaged page is refused as it is read.
    d.pragma('trusted_schema = OFF');
    d.pragma('cell_size_check = ON');
    d.pragma('mmap_size = 0');
    const shape = shapeProblem(d, ref);
    if (shape) return shape;
    // Pages, record formats, NOT NULL and STRICT types; linear in the file's size, like its extraction.
    const check = d.pragma('quick_check(1)', { simple: true }) as string;
    if (check !== 'ok') return { kind: 'damaged', cause: 'quick_check' };
    return lengthProblem(d, spec, ref);
  } catch (e) {
    // Our statements are fixed; an SQLite error reading them is the file's doing.
    const code = sqliteCode(e);
    if (code) return { kind: 'damaged', cause: code };
    throw e;
  } finally {
    d.close();
  }
}
