import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/result';
import { fsyncFolder, fsyncPath, temporaryPathFor } from '../files/atomicFile';
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
