import { resolve } from 'node:path';
import { readDataKey } from '../auth/dataKey';
import type { KeyProtector } from '../auth/keyFile';
import { extractBackupZip, isZipFile } from './backupZip';
import { checkBackup, folderSource, replaceDatabase, type RestoreOutcome } from './restore';

/**
 * A restore from a file, on a closed database (the CLI's `restaurar-bd`, and the app once it has
 * closed its connection): a copy in a copies' folder (`.sqlite` with its manifest and `archivo/`)
 * or a carried zip from `respaldar-bd`. `check` runs everything that can refuse before anything
 * is replaced; a refusal leaves the database, its key and the data folder as they were.
 */
export async function restoreFromFile(o: {
  source: string;
  dbPath: string;
  dataDir: string;
  protector: KeyProtector;
  /** The key the database opens with now; undefined: read from the key file beside it, if any. */
  currentKey?: Buffer | null;
  recoveryKey?: string;
  nativeBinding?: string;
  /** Runs after the checks passed, before anything is replaced (the app closes its connection here). */
  beforeReplace?: () => Promise<void>;
  now?: Date;
}): Promise<RestoreOutcome> {
  const path = resolve(o.source);
  const zipped = (await isZipFile(path)) ? await extractBackupZip(path, o.dataDir) : null;
  try {
    const source = zipped?.source ?? folderSource(path);
    let currentKey = o.currentKey;
    if (currentKey === undefined) {
      try {
        currentKey = readDataKey(o.dbPath, o.protector);
      } catch {
        // A key file that cannot be read is what the recovery key is for.
        currentKey = null;
      }
    }
    const checked = checkBackup({
      source,
      dbPath: o.dbPath,
      currentKey,
      ...(o.recoveryKey ? { recoveryKey: o.recoveryKey } : {}),
      ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
    });
    await o.beforeReplace?.();
    return replaceDatabase({ checked, dbPath: o.dbPath, dataDir: o.dataDir, currentKey, protector: o.protector, ...(o.now ? { now: o.now } : {}) });
  } finally {
    await zipped?.dispose();
  }
}
