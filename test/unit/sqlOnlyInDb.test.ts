import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// SQL lives in the repositories under electron/db/ and nowhere else: a use case, handler or
// entry point that prepares a statement or opens a transaction of its own would slip past the
// write session (search index, service statuses) and the query-only guard.

const ROOT = join(__dirname, '..', '..');


const CALLS: Array<[string, RegExp]> = [
  ['.prepare(', /\.prepare\(/],
  ['.exec(', /\.exec\(/],
  ['.transaction(', /\.transaction\(/],
  ['.pragma(', /\.pragma\(/],
  ['.function(', /\.function\(/],
  ['stmt(', /\bstmt\(/],
];

const KEYWORDS: Array<[string, RegExp]> = [
  ['SELECT', /\bSELECT\s+(?:DISTINCT\s+)?(?:\*|[\w.(]+)/],
  ['INSERT INTO', /\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b/],
  ['UPDATE … SET', /\bUPDATE\s+[\w.]+\s+SET\b/],
  ['DELETE FROM', /\bDELETE\s+FROM\b/],
  ['CREATE TABLE', /\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+)?(?:TABLE|INDEX|TRIGGER)\b/],
  ['ATTACH DATABASE', /\bATTACH\s+DATABASE\b/],
  ['BEGIN', /\bBEGIN\s+(?:IMMEDIATE|DEFERRED|EXCLUSIVE|TRANSACTION)\b/],
];

/** The code without its comments (strings kept): SQL in a comment is prose, not a statement. */
export function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  let quote: string | null = null;
  while (i < source.length) {
    const c = source[i]!;
    if (quote) {
      out += c;
      if (c === '\\') out += source[++i] ?? '';
      else if (c === quote) quote = null;
      i++;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else {
      if (c === "'" || c === '"' || c === '`') quote = c;
      out += c;
      i++;
    }
  }
  return out;
}

/** What in a file looks like SQL, line by line. */
export function sqlFindings(source: string): string[] {
  const found: string[] = [];
  withoutComments(source)
    .split('\n')
    .forEach((line, n) => {
      for (const [label, re] of [...CALLS, ...KEYWORDS]) if (re.test(line)) found.push(`${n + 1}: ${label}`);
    });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('SQL only in electron/db', () => {
  it('finds SQL where it is, and not in prose or plain words', () => {
    expect(sqlFindings("const n = db.prepare('SELECT count(*) FROM customers').get();")).toEqual(['1: .prepare(', '1: SELECT']);
    expect(sqlFindings('stmt(tx, `UPDATE services SET status = ?`).run(s);')).toEqual(['1: stmt(', '1: UPDATE … SET']);
    expect(sqlFindings("run(`INSERT OR IGNORE INTO main.sync_conflicts (id) VALUES (?)`);\nrun('DELETE FROM mail_messages');")).toEqual([
      '1: INSERT INTO',
      '2: DELETE FROM',
    ]);
    expect(sqlFindings("db.exec('BEGIN IMMEDIATE'); const m = /x/.exec(s);")).toEqual(['1: .exec(', '1: BEGIN']);
    expect(sqlFindings('// One SELECT per page, after the UPDATE of the status.\n/* stmt(db) */ const label = "Seleccione";')).toEqual([]);
  });

  it('has no statement, transaction or pragma outside the repositories', () => {
    const offenders: string[] = [];
    for (const path of sourceFiles(join(ROOT, 'electron'))) {
      const rel = relative(ROOT, path).split(sep).join('/');
      if (rel.startsWith('electron/db/')) continue;
      for (const f of sqlFindings(readFileSync(path, 'utf8'))) offenders.push(`${rel}:${f}`);
    }
    expect(offenders, 'Move the statement into a repository under electron/db/ (reads take ReadDb, writes take Tx).').toEqual([]);
  });
});
