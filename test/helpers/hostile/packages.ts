import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { StationKey } from '../../../electron/auth/keyFile';
import { signatureBytes, signManifest } from '../../../electron/sync/packageSignature';
import { recipientOf, rezip, unzip, updateRecipients } from '../packages';

/**
 * Hostile packages and national updates, made at test time from genuine ones as a compromised
 * station would: its data file or documents changed at will, the manifest's file list rehashed and
 * signed with the station's real key, and the whole encrypted again to whoever the genuine one was
 * for. Only the declared record counts are left as they were: counting a hostile data file (a
 * recursive view) would hang the forger itself, and every check below refuses before counts matter.
 */

type Manifest = { files: Array<{ name: string; sha256: string; size: number }>; station?: { code: string }; central?: { code: string } } & Record<string, unknown>;

export interface HostileEdit {
  /** SQL run on the data file (`datos.sqlite`), as plain SQLite. */
  data?: (db: Database.Database) => void;
  /** The data file's bytes changed after `data` (damage a page, replace it whole). */
  dataBytes?: (bytes: Buffer) => Buffer;
  /** Files added or replaced by their name inside the package. */
  files?: Record<string, Buffer>;
  /** The manifest changed after its file list is recomputed (declare another size or hash). */
  manifest?: (m: Manifest) => Manifest;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Runs `fn` on a scratch copy of a data file and returns its bytes afterwards. */
function editData(bytes: Buffer, fn: (db: Database.Database) => void): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'recupera-hostil-'));
  try {
    const path = join(dir, 'datos.sqlite');
    writeFileSync(path, bytes);
    const db = new Database(path);
    try {
      db.pragma('journal_mode = DELETE');
      fn(db);
    } finally {
      db.close();
    }
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function forge(source: string, target: string, key: StationKey, edit: HostileEdit, update: boolean): Promise<string> {
  const entries = await unzip(source);
  const original = JSON.parse(entries.get('manifest.json')!.toString()) as Manifest;
  let data = entries.get('datos.sqlite')!;
  if (edit.data) data = editData(data, edit.data);
  if (edit.dataBytes) data = edit.dataBytes(data);
  entries.set('datos.sqlite', data);
  for (const [name, bytes] of Object.entries(edit.files ?? {})) entries.set(name, bytes);
  entries.delete('manifest.json');
  entries.delete('firma.json');
  const recomputed: Manifest = { ...original, files: [...entries].map(([name, bytes]) => ({ name, sha256: sha256(bytes), size: bytes.length })) };
  const manifestBytes = Buffer.from(JSON.stringify(edit.manifest ? edit.manifest(recomputed) : recomputed, null, 2));
  const code = update ? original.central!.code : original.station!.code;
  const out = new Map<string, Buffer>([
    ['manifest.json', manifestBytes],
    ['firma.json', signatureBytes(signManifest(key, code, manifestBytes))],
    ...entries,
  ]);
  await rezip(target, out, update ? await updateRecipients(source) : await recipientOf(source));
  return target;
}

/** An office package edited as `edit` says and signed with the office's own key (`key`). */
export function hostilePackage(source: string, target: string, key: StationKey, edit: HostileEdit): Promise<string> {
  return forge(source, target, key, edit, false);
}

/** A national update edited as `edit` says and signed with the central's own key (`key`). */
export function hostileUpdate(source: string, target: string, key: StationKey, edit: HostileEdit): Promise<string> {
  return forge(source, target, key, edit, true);
}

/** `table` replaced by a view of the same columns over a recursive CTE that never ends. */
export function recursiveView(table: string): (db: Database.Database) => void {
  return (db) => {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[];
    db.exec(`DROP TABLE ${table};
      CREATE VIEW ${table} AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
      SELECT ${columns.map((c) => `CAST(x AS TEXT) AS ${c}`).join(', ')} FROM r;`);
  };
}

/** The same table with its SQL rewritten by `rewrite` and its rows copied back. */
export function rewrittenTable(table: string, rewrite: (sql: string) => string): (db: Database.Database) => void {
  return (db) => {
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string;
    db.exec(`ALTER TABLE ${table} RENAME TO old_${table}; ${rewrite(sql)}; INSERT INTO ${table} SELECT * FROM old_${table}; DROP TABLE old_${table};`);
  };
}

/** The data file's bytes with the root page of `table` overwritten by noise: the schema still reads, the table does not. */
export function damagedTable(table: string): (bytes: Buffer) => Buffer {
  return (bytes) => {
    const dir = mkdtempSync(join(tmpdir(), 'recupera-hostil-'));
    let root: number;
    let pageSize: number;
    try {
      const path = join(dir, 'datos.sqlite');
      writeFileSync(path, bytes);
      const db = new Database(path, { readonly: true });
      root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as number;
      pageSize = db.pragma('page_size', { simple: true }) as number;
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const out = Buffer.from(bytes);
    randomBytes(pageSize).copy(out, (root - 1) * pageSize);
    return out;
  };
}

/** A document of `size` bytes that starts as a PDF does (its content is the same byte over and over: it zips small). */
export function bigDocument(size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  Buffer.from('%PDF-1.4\n').copy(b);
  return b;
}

export const sha256Of = sha256;
