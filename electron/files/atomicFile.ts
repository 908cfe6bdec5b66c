import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

/** Where a failure can be injected in tests: disk full, a folder that vanished. */
export type FileStep = 'write' | 'rename';
let fault: ((step: FileStep, path: string) => void) | null = null;

/** Test seam: called before each step; throw a Node-style error (`code: 'ENOSPC'`) to simulate it. */
export function injectFileFault(f: ((step: FileStep, path: string) => void) | null): void {
  fault = f;
}

export function temporaryPathFor(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (the rename itself); some platforms cannot open a folder: then it is skipped. */
function fsyncFolder(folder: string): void {
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
    fsyncPath(temporary);
    fault?.('rename', target);
    await rename(temporary, target);
    fsyncFolder(folder);
    return value;
  } catch (e) {
    await rm(temporary, { force: true }).catch(() => undefined);
    // A cancel, or a refusal the producer made itself, goes on as it is; a file system error is put in words.
    if (e instanceof AppFailure || typeof (e as NodeJS.ErrnoException | null)?.code !== 'string') throw e;
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

/** Removes the temporaries a killed run left in these folders (not in their subfolders); returns how many. */
export async function removeTemporaries(folders: string[]): Promise<number> {
  let removed = 0;
  for (const folder of folders) {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) continue;
      const path = join(folder, name);
      if ((await stat(path).catch(() => null))?.isFile()) {
        await rm(path, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
