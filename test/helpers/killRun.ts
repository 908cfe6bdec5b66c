import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import yauzl from 'yauzl';
import { TEMP_PREFIX } from '../../electron/files/atomicFile';
import { rawAppDatabase } from './encryptedDb';

/**
 * The kill harness's tools: the real command line in a child process, killed with SIGKILL at a
 * chosen moment (what a power cut or the task manager does), and the checks made afterwards.
 */

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
  /** Milliseconds from spawn until `workStarted` first held (null if it never did). */
  workAt: number | null;
}

const children = new Set<ChildProcess>();

/** Kills every child still running (afterAll / afterEach): none outlives the suite. */
export async function reapChildren(): Promise<void> {
  const waiting = [...children].map((c) => new Promise((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve(null) : c.once('exit', resolve))));
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(waiting);
}

/**
 * Runs `electron/cli/main.ts` under tsx with `args`, as a user would. `workStarted` is polled
 * every few milliseconds to find when the command's real work began (a stage file, a folder
 * appearing). With `killAfterMs` the child is sent SIGKILL that long after its work began (after
 * spawn without `workStarted`), if still running: the interpreter's start-up, which varies with
 * the machine's load, does not move the moment within the work.
 */
export function runCliChild(args: string[], o: { killAfterMs?: number; workStarted?: () => boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...o.env },
  });
  children.add(child);
  let out = '';
  let err = '';
  let workAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const killLater = () => {
    if (o.killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), o.killAfterMs);
  };
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const poll = o.workStarted
    ? setInterval(() => {
        if (workAt !== null || !o.workStarted!()) return;
        workAt = performance.now() - started;
        killLater();
      }, 5)
    : undefined;
  if (!o.workStarted) killLater();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, out, err, ms: performance.now() - started, workAt });
    });
  });
}

/**
 * Kill moments spread over an unkilled run's work: the given fractions of the span from when its
 * work began (or spawn, if that was never seen) to its exit, counted from the start of the work.
 */
export function killMoments(run: ChildRun, fractions: readonly number[]): number[] {
  return fractions.map((f) => Math.round(f * (run.ms - (run.workAt ?? 0))));
}

export const SPREAD = [0.15, 0.35, 0.55, 0.75, 0.95] as const;

const folders: string[] = [];

/** A new empty folder under the system's temporary folder, removed by `removeFolders`. */
export function tempFolder(what: string): string {
  const dir = mkdtempSync(join(tmpdir(), `recupera-kill-${what}-`));
  folders.push(dir);
  return dir;
}

/** A folder named after another (`dir` + suffix), made if missing, removed with the others. */
export function besideFolder(dir: string, suffix: string): string {
  const folder = dir + suffix;
  if (!existsSync(folder)) {
    mkdirSync(folder);
    folders.push(folder);
  }
  return folder;
}

/** Removes every folder made through these helpers (a data folder holds tens of megabytes). */
export function removeFolders(only?: (dir: string) => boolean): void {
  for (let i = folders.length - 1; i >= 0; i--) {
    if (only && !only(folders[i]!)) continue;
    rmSync(folders[i]!, { recursive: true, force: true });
    folders.splice(i, 1);
  }
}

/** A fresh copy of a prepared data folder (the database is closed in it), for one killed run. */
export function copyFolder(template: string): string {
  const dir = tempFolder('copia');
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** Every file under `dir`, recursively, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** Leftover temporaries of the atomic writer anywhere under `dir`. */
export function temporariesUnder(dir: string): string[] {
  return filesUnder(dir).filter((p) => (p.split(/[\\/]/).pop() ?? '').startsWith(TEMP_PREFIX));
}

/** The result of SQLite's own check of a database file after a kill (opened and closed here). */
export function integrity(dbPath: string): string {
  const db = rawAppDatabase(dbPath);
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Runs `fn` on a plain connection to the database file (no app, no recovery), then closes it. */
export function withDb<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const db = rawAppDatabase(dbPath);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Whether a file reads to its end as a zip (a workbook or a package), every entry inflated. */
export function isWholeZip(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return resolve(false);
      zip.on('error', () => resolve(false));
      zip.on('end', () => resolve(true));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return resolve(false);
          stream.on('error', () => resolve(false));
          stream.on('end', () => zip.readEntry());
          stream.resume();
        });
      });
      zip.readEntry();
    });
  });
}
