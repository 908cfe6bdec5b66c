import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/result';
import { temporaryPathFor } from '../files/atomicFile';
import { fileProblem } from '../files/fileErrors';

/**
 * The synchronous twin of `produceFileAtomic`, for the copies of the database: the copy before a
 * migration is taken while the database opens, which is synchronous. Same promise: a hidden
 * temporary in the target's folder, flushed, renamed, the folder flushed; a failure leaves
 * nothing under the final name.
 */
export function produceFileDurably<T>(target: string, produce: (temporary: string) => T): T {
  const folder = dirname(target);
  const temporary = temporaryPathFor(target);
  try {
    mkdirSync(folder, { recursive: true });
    const value = produce(temporary);
    fsyncPath(temporary);
    renameSync(temporary, target);
    fsyncFolder(folder);
    return value;
  } catch (e) {
    rmSync(temporary, { force: true });
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (e instanceof AppFailure || typeof code !== 'string' || code.startsWith('ERR_') || code.startsWith('SQLITE_')) throw e;
    throw fileProblem(e, folder);
  }
}

export function copyFileDurably(source: string, target: string): void {
  produceFileDurably(target, (temporary) => copyFileSync(source, temporary));
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncFolder(folder: string): void {
  try {
    fsyncPath(folder);
  } catch (e) {
    // Windows cannot open a folder for flushing; its rename is already durable there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES') throw e;
  }
}

/** SHA-256 (hex) of a file, read in 1 MiB pieces. */
export function sha256FileSync(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
