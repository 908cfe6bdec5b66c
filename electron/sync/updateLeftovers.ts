import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isPublishedFileName } from '../db/nationalUpdates';
import type { ReadDb } from '../db/open';
import { sha256File } from '../files/hash';
import { UPDATE_EXTENSION } from './updateFormat';

const NAME = /^NACIONAL_(\d+)_.*$/;

/**
 * Clears what a `publicar` killed before recording its update left behind, before its number is
 * published again: the update under its final name in the central's folder (and the copy of it
 * already delivered to this run's destination, recognised by its SHA-256: only a file this central
 * wrote is removed there; its hidden temporaries go with the next delivery, see deliverFile). Two different
 * signed updates with one number must never both be found: an office that applied one would
 * refuse the other.
 */
export async function removeUnrecordedUpdates(db: ReadDb, outDir: string, nextSeq: number, destination?: string): Promise<void> {
  for (const name of await readdir(outDir).catch(() => [] as string[])) {
    const seq = Number(name.match(NAME)?.[1]);
    if (!name.endsWith(UPDATE_EXTENSION) || !(seq >= nextSeq) || isPublishedFileName(db, name)) continue;
    const orphan = join(outDir, name);
    if (destination) {
      const copy = join(destination, name);
      const [mine, there] = await Promise.all([sha256File(orphan).catch(() => null), sha256File(copy).catch(() => null)]);
      // The delivered copy goes first: killed in between, the central's own file still names it next time.
      if (mine && mine === there) await rm(copy, { force: true });
    }
    await rm(orphan, { force: true });
  }
}
