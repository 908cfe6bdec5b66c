import { dataKeyFromRecovery, loadOrCreateDataKey, readDataKey, writeDataKey } from '../auth/dataKey';
import type { KeyProtector } from '../auth/keyFile';
import { encryptPlainDatabase, isEncryptedDatabase } from '../db/encryption';
import { openDatabase, type Db, type OpenOptions } from '../db/open';
import { AppFailure } from '../../shared/result';
import { log } from '../platform/log';

export interface EncryptedOpen {
  db: Db;
  dataKey: Buffer;
}

/**
 * Opens the app's database with the data key beside it: made for a new database, read from the
 * key file otherwise, or given as the recovery key (a PC restored from a copy, a lost key file),
 * in which case the key file is written again for this OS user once the database opened with it.
 * A database left plain by an earlier version is encrypted on the way (db/encryption.ts).
 */
export function openEncryptedDatabase(o: {
  dbPath: string;
  protector: KeyProtector;
  nativeBinding?: string;
  recoveryKey?: string;
  /** The copy taken before pending migrations (OpenOptions.beforeMigrate). */
  beforeMigrate?: OpenOptions['beforeMigrate'];
}): EncryptedOpen {
  let dataKey: Buffer;
  if (o.recoveryKey !== undefined) dataKey = dataKeyFromRecovery(o.recoveryKey);
  else {
    // An encrypted database without its key file must not get a new key: it would never open.
    if (o.dbPath !== ':memory:' && isEncryptedDatabase(o.dbPath) && !readDataKey(o.dbPath, o.protector)) {
      throw new AppFailure(
        'refused',
        'Falta el archivo de la llave de datos junto a la base de datos (archivo .llave). Ábrala con la clave de recuperación (opción --clave-recuperacion).',
      );
    }
    dataKey = loadOrCreateDataKey(o.dbPath, o.protector).key;
  }
  const started = Date.now();
  if (encryptPlainDatabase(o.dbPath, dataKey, o.nativeBinding)) log.info('db.encrypted', { ms: Date.now() - started });
  const db = openDatabase(o.dbPath, { key: dataKey, ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}), ...(o.beforeMigrate ? { beforeMigrate: o.beforeMigrate } : {}) });
  if (o.recoveryKey !== undefined && o.dbPath !== ':memory:') {
    try {
      writeDataKey(o.dbPath, dataKey, o.protector);
    } catch (e) {
      db.close();
      throw e;
    }
    log.info('db.keyRestored', {});
  }
  return { db, dataKey };
}
