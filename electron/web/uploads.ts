import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../db/ids';
import { log } from '../platform/log';
import { processAlive } from '../platform/processes';

/**
 * Browser-mode uploads (`cargas/`) are copies of what a person chose: a base with a million
 * people's data, a cédula's scan. They are reached only through a token held in the server's
 * memory, so once that server is gone nobody can use them; they are named for the server's
 * process and removed when it closes, or by the next server for one that died.
 */
const UPLOAD_NAME = /^p(\d+)-/;

/** Where an upload of `name` lands: named for this process. */
export function uploadPath(dir: string, name: string): string {
  return join(dir, `p${process.pid}-${newId()}-${name}`);
}

/**
 * Removes this process's uploads (`own`, when its server closes), or those of servers no longer
 * running and any not named for one (`dead`, at start). A hidden temporary is left to
 * removeTemporaries, which knows whether its writer still runs.
 */
export function removeUploads(dir: string, which: 'own' | 'dead'): number {
  let removed = 0;
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name.startsWith('.')) continue;
    const pid = Number(name.match(UPLOAD_NAME)?.[1] ?? NaN);
    const mine = pid === process.pid;
    if (which === 'own' ? !mine : mine || (Number.isFinite(pid) && processAlive(pid))) continue;
    try {
      rmSync(join(dir, name), { force: true, recursive: true });
      removed++;
    } catch (e) {
      log.warn('web.uploadRemoveFailed', { name, err: e });
    }
  }
  if (removed > 0) log.info('web.uploadsRemoved', { which, count: removed });
  return removed;
}
