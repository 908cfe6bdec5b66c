import type { ReadDb, Tx } from './open';
import { readSetting, writeSetting } from './settings';
import { stmt } from './stmt';

/** The folder shared with Posventa, as this station's setting (never carried by an update). */
const KEY = 'sharedFolder';

export function sharedFolderOf(db: ReadDb): string | null {
  const v = readSetting<unknown>(db, KEY);
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function setSharedFolder(tx: Tx, path: string | null): void {
  writeSetting(tx, KEY, path);
}

/** Whether a package with this SHA-256 was consolidated here (sync_packages_file index). */
export function isConsolidatedPackage(db: ReadDb, sha256: string): boolean {
  return stmt(db, "SELECT 1 FROM sync_packages WHERE direction = 'IMPORT' AND sha256 = ?").get(sha256) !== undefined;
}
