import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, type Dirent } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { getEnvironmentData, setEnvironmentData } from 'node:worker_threads';
import { AppFailure } from '../../shared/result';
import { fileProblem } from './fileErrors';

/**
 * The one way Recupera puts a file on disk: it is written under a hidden temporary name in its
 * own folder, flushed, renamed onto its final name and the folder flushed. A kill or a power cut
 * at any instant leaves either the old file (or none) or the whole new one, never half of it.
 * Leftover temporaries of a run that died are removed by `removeTemporaries` on the next start.
 */

/** Hidden temporaries start with this, so they are never taken for a finished file. */
export const TEMP_PREFIX = '.recupera-';
const TEMP_SUFFIX = '.tmp';

/**
 * Where a failure can be injected in tests: disk full, a folder that vanished. `write` comes before
 * the producer runs, `sync` after it wrote the whole temporary (a flush that fails), `rename` last.
 */
export type FileStep = 'write' | 'sync' | 'rename';
let fault: ((step: FileStep, path: string) => void) | null = null;

/** Test seam: called before each step; throw a Node-style error (`code: 'ENOSPC'`) to simulate it. */
export function injectFileFault(f: ((step: FileStep, path: string) => void) | null): void {
  fault = f;
}

export function temporaryPathFor(target: string): string {
  // Cut long names, so the temporary of a file whose name nearly fills the limit can still be made.
  return join(dirname(target), `${TEMP_PREFIX}${basename(target).slice(0, 120)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** The process that writes a temporary, from its name (see temporaryPathFor); null if the name does not say. */
export function temporaryWriter(name: string): number | null {
  const m = name.match(/\.(\d+)-[0-9a-f]{8}\.tmp$/);
  return m ? Number(m[1]) : null;
}

/**
 * Time spent making files durable (fsync of the file, rename, fsync of the folder), so the
 * benchmark can show what crash safety costs next to a job's total time. The counter lives in
 * shared memory handed to every worker thread started afterwards (`setEnvironmentData`), so a
 * job's writes on its worker count too; it is two atomic additions per file.
 */
export interface AtomicCost {
  files: number;
  millis: number;
}
const COST_KEY = 'recupera:atomic-cost';
let counter: BigInt64Array | null = null;

function costCounter(): BigInt64Array {
  if (!counter) {
    let shared = getEnvironmentData(COST_KEY) as SharedArrayBuffer | undefined;
    if (!(shared instanceof SharedArrayBuffer)) {
      shared = new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT);
      setEnvironmentData(COST_KEY, shared);
    }
    counter = new BigInt64Array(shared);
  }
  return counter;
}

export function atomicCost(): AtomicCost {
  const c = costCounter();
  return { files: Number(Atomics.load(c, 1)), millis: Number(Atomics.load(c, 0)) / 1e6 };
}

export function resetAtomicCost(): void {
  const c = costCounter();
  Atomics.store(c, 0, 0n);
  Atomics.store(c, 1, 0n);
}

/** Flushes a file's bytes to disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (the rename itself); some platforms cannot open a folder: then it is skipped. */
export function fsyncFolder(folder: string): void {
  try {
    fsyncPath(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES') throw e;
  }
}

/**
 * Lets `produce` write the file by any means (a stream, exceljs, a zip writer) at the temporary
 * path it is given, then makes it the file at `target`. On any failure the temporary is removed
 * and the error is an AppFailure in Spanish naming the folder and the cause.
 */
export async function produceFileAtomic<T>(target: string, produce: (temporary: string) => Promise<T>): Promise<T> {
  const folder = dirname(target);
  const temporary = temporaryPathFor(target);
  try {
    await mkdir(folder, { recursive: true });
    fault?.('write', temporary);
    const value = await produce(temporary);
    fault?.('sync', temporary);
    const t0 = process.hrtime.bigint();
    fsyncPath(temporary);
    fault?.('rename', target);
    await rename(temporary, target);
    fsyncFolder(folder);
    const c = costCounter();
    Atomics.add(c, 0, process.hrtime.bigint() - t0);
    Atomics.add(c, 1, 1n);
    return value;
  } catch (e) {
    await rm(temporary, { force: true }).catch(() => undefined);
    // A cancel, a refusal the producer made itself or a stream's own error (`ERR_…`, such as a client
    // that hung up) goes on as it is; a file system error (`ENOSPC`, `ENOENT`…) is put in words.
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (e instanceof AppFailure || typeof code !== 'string' || code.startsWith('ERR_')) throw e;
    throw fileProblem(e, folder);
  }
}

/** Writes `data` as the file at `target`, whole or not at all. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await produceFileAtomic(target, async (temporary) => {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  });
}

/** Copies `source` to `target` (a delivery to the user's folder), whole or not at all. */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  await produceFileAtomic(target, (temporary) => copyFile(source, temporary));
}

/**
 * Removes the temporaries a killed run left in these folders (with `recursive`, in their subfolders
 * too, as under actas/ and respaldos/); returns how many. Only hidden `.recupera-*.tmp` files are
 * touched, and a folder that cannot be read is skipped.
 */
export async function removeTemporaries(
  folders: string[],
  options: {
    recursive?: boolean;
    /** Keeps the temporaries of these writers (by process id): a process still running may be writing them now. */
    keepWrittenBy?: (pid: number) => boolean;
  } = {},
): Promise<number> {
  let removed = 0;
  for (const folder of folders) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (options.recursive) removed += await removeTemporaries([path], options);
      } else if (entry.isFile() && entry.name.startsWith(TEMP_PREFIX) && entry.name.endsWith(TEMP_SUFFIX)) {
        const writer = temporaryWriter(entry.name);
        if (writer !== null && options.keepWrittenBy?.(writer)) continue;
        await rm(path, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
