import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DbBackupRow } from '../db/dbBackups';
import { readManifest } from './manifest';

/** A copy found on disk, as its row in `db_backups` would read (without id and author). */
export type CopyOnDisk = Omit<DbBackupRow, 'id' | 'user_id' | 'removed_at'>;

/**
 * The copies of `stationCode` in `folder` that a database may not know: after a restore, the
 * restored database lists only the copies taken before it, yet the later ones are still on disk
 * (the one taken just before a wrong restore is the way back). A copy counts when its manifest
 * reads whole, names this station and the file has the size it records; anything else in the
 * folder (another station's copies, a stray file, a damaged manifest) is left out, never fatal:
 * the restore has already happened.
 */
export function copiesOnDisk(folder: string, stationCode: string | null): CopyOnDisk[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: CopyOnDisk[] = [];
  for (const name of names) {
    if (!name.startsWith('recupera-') || !name.endsWith('.sqlite')) continue;
    const path = join(folder, name);
    try {
      const m = readManifest(path);
      if (!m || m.stationCode !== stationCode || statSync(path).size !== m.sizeBytes) continue;
      found.push({ kind: m.kind, file_name: name, folder, created_at: m.createdAt, size_bytes: m.sizeBytes, sha256: m.sha256, schema_version: m.schemaVersion });
    } catch {
      // A damaged manifest or a file gone meanwhile: not a copy to offer.
    }
  }
  return found;
}
