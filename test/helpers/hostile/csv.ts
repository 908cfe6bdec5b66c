import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary } from '../../../shared/contracts/importBase';
import { reportDir } from '../../../electron/app/services';
import { TEMP_PREFIX } from '../../../electron/files/atomicFile';
import { runBaseImport } from '../../../electron/import/baseImport';
import { stageDir } from '../../../electron/import/stagedBase';
import type { TestApp } from '../app';

/** Hostile CSV files are written here at test time, never committed: small, or streamed to disk. */

export const CSV_HEADER = 'IDENTIFICACION;APELLIDOS Y NOMBRES;NUMERO DE SERVICIO;SERIE;FECHA DE RETIRO;VALOR';

/** A valid cédula of Pichincha for each `i` (the check digit as the Registro Civil computes it). */
export function cedula(i: number): string {
  const body = `171${String(i % 1_000_000).padStart(6, '0')}`;
  let sum = 0;
  for (let k = 0; k < 9; k++) {
    const p = Number(body[k]) * (k % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** A plain ASCII row of the base, one customer per `i`; `name` replaces the customer's name. */
export function csvRow(i: number, name = `PEREZ JUAN ${i}`): string {
  return `${cedula(i)};${name};${100000 + i};S${i};10/05/2020;45`;
}

/** ASCII rows from `from` on until they fill at least `bytes`, with a line break after each. */
export function asciiRows(bytes: number, from = 0): { text: string; count: number } {
  const lines: string[] = [];
  let size = 0;
  for (let i = from; size < bytes; i++) {
    const line = `${csvRow(i)}\r\n`;
    lines.push(line);
    size += line.length;
  }
  return { text: lines.join(''), count: lines.length };
}

/** Writes the parts one after another: strings as UTF-8, buffers as they are (ANSI, stray bytes). */
export function writeParts(path: string, parts: Array<string | Buffer>): void {
  const fd = openSync(path, 'w');
  try {
    for (const p of parts) writeSync(fd, typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
  } finally {
    closeSync(fd);
  }
}

/** Streams `count` rows made by `row(i)` after the header, in blocks of about 1 MiB (the test's memory stays small). */
export function writeRows(path: string, count: number, row: (i: number) => string): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let block: string[] = [`${CSV_HEADER}\r\n`];
    let size = 0;
    const flush = () => {
      const buf = Buffer.from(block.join(''), 'utf8');
      writeSync(fd, buf);
      bytes += buf.length;
      block = [];
      size = 0;
    };
    for (let i = 0; i < count; i++) {
      const line = `${row(i)}\r\n`;
      block.push(line);
      size += line.length;
      if (size > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Every row of every table but the job history (a refused import is recorded there, that is the point). */
export function dbFingerprint(t: TestApp): string {
  const db = t.ctx.app.db;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name <> 'jobs' ORDER BY name").all() as Array<{ name: string; sql: string }>;
  for (const { name, sql } of tables) {
    hash.update(`${sql}\n`);
    const rows = (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((r) =>
      JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
    );
    for (const row of rows.sort()) hash.update(`${row}\n`);
  }
  return hash.digest('hex');
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** What an import may leave behind and must not: temporaries anywhere in the data folder, stages in trabajo/. */
export function leftovers(t: TestApp): string[] {
  const stages = stageDir(t.ctx.app.db);
  return walk(t.dir).filter((p) => p.split(/[\\/]/).pop()!.startsWith(TEMP_PREFIX) || p.startsWith(stages));
}

/** Reports written to the reports folder so far. */
export function reports(t: TestApp): string[] {
  return walk(reportDir(t.ctx.app)).filter((p) => p.endsWith('.xlsx'));
}

/** The base import as the job worker runs it (reader thread, report sealed in the reports folder). */
export function importCsv(t: TestApp, path: string, mode: 'inspect' | 'preview' | 'commit' = 'commit'): Promise<ImportSummary> {
  return runBaseImport({
    db: t.ctx.app.db,
    path,
    mode,
    stationCode: 'UIO-INAQUITO-01',
    reportDir: reportDir(t.ctx.app),
    dataKey: t.ctx.app.dataKey,
    threadedReader: true,
  });
}

/** The refusal a file gets, as the user reads it. */
export async function refusal(t: TestApp, path: string): Promise<string> {
  try {
    await importCsv(t, path);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the file was imported');
}

/** Text a library writes in English that must never reach the user. */
export const ENGLISH = /\b(record|line|quote|invalid|error|heap|memory|maximum|exceed|unexpected)\b/i;
