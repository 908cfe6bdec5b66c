import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DepurationFiles } from '../../shared/contracts/sync';
import { sha256FileSync } from '../files/hash';
import { log } from '../platform/log';

/** What a batch row says of its files (`depuration_batches.files`): kept, their SHA-256, and the copies delivered. */
export interface BatchFiles {
  files: DepurationFiles;
  sha256: DepurationFiles;
  delivered?: DepurationFiles;
}

const KEYS = ['baseDepurada', 'cargaValores', 'comunicaciones'] as const;

/**
 * Removes the files of a batch that was not recorded after all (its recording failed, or a dead
 * process left it half-recorded): named for a batch number that lists nothing, a carga de valores
 * left in the user's folder could be sent to billing, and at a later number it would never be
 * replaced. The kept copies go, with their folder when it is left empty; a delivered copy goes
 * only while it is still the file this run wrote (same SHA-256): anything else there is someone's.
 * Never throws: the failure that led here is the one to report.
 */
export function withdrawBatchFiles(f: BatchFiles): void {
  for (const key of KEYS) {
    const delivered = f.delivered?.[key];
    if (delivered && sameFile(delivered, f.sha256[key])) remove(delivered);
    remove(f.files[key]);
  }
  const dir = dirname(f.files.baseDepurada);
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('depuration.withdrawFolderFailed', { dir, err: e });
  }
  log.warn('depuration.filesWithdrawn', { files: Object.values(f.files), delivered: f.delivered ? Object.values(f.delivered) : [] });
}

function sameFile(path: string, sha256: string): boolean {
  try {
    return sha256FileSync(path) === sha256;
  } catch {
    return false;
  }
}

function remove(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (e) {
    log.warn('depuration.withdrawFailed', { path, err: e });
  }
}
