import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditActor } from '../../shared/audit';
import type { DbBackup, DbBackupsState } from '../../shared/contracts/dbBackups';
import { AppFailure } from '../../shared/result';
import { recordAudit } from '../db/audit';
import { dbBackupFolderSetting, listDbBackups, setDbBackupFolderSetting } from '../db/dbBackups';
import type { Db, ReadDb } from '../db/open';
import { runWrite } from '../db/writeSession';
import { checkDestination } from '../files/destination';
import { fileProblem } from '../files/fileErrors';

/** The copies' folder when none was chosen: inside the data folder (the screen recommends another disk). */
export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, 'copias');
}

export function backupFolderOf(db: Database.Database, dataDir: string): string {
  return dbBackupFolderSetting(db) ?? defaultBackupFolder(dataDir);
}

export function dbBackupsState(db: ReadDb, dataDir: string): DbBackupsState {
  const chosen = dbBackupFolderSetting(db);
  const backups: DbBackup[] = listDbBackups(db).map((r) => ({
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    folder: r.folder,
    createdAt: r.created_at,
    sizeBytes: r.size_bytes,
    schemaVersion: r.schema_version,
    present: existsSync(join(r.folder, r.file_name)),
  }));
  return { folder: chosen ?? defaultBackupFolder(dataDir), isDefault: chosen === null, backups };
}

/**
 * Chooses the copies' folder (made if missing, then checked: it takes new files) or goes back to
 * the default with null. Recorded in the audit log with the old and the new folder.
 */
export async function setBackupFolder(db: Db, dataDir: string, path: string | null, actor: AuditActor | null): Promise<DbBackupsState> {
  let full: string | null = null;
  if (path !== null) {
    if (!isAbsolute(path)) throw new AppFailure('validation', 'Escriba la ruta completa de la carpeta (por ejemplo D:\\copias-recupera o E:\\recupera).');
    full = resolve(path);
    await mkdir(full, { recursive: true }).catch((e: unknown) => {
      throw fileProblem(e, full!);
    });
    await checkDestination(full, 0);
  }
  const before = backupFolderOf(db, dataDir);
  const after = full ?? defaultBackupFolder(dataDir);
  if (dbBackupFolderSetting(db) !== full) {
    runWrite(db, (tx) => {
      setDbBackupFolderSetting(tx, full);
      recordAudit(tx, actor, {
        action: 'CONFIGURACION_CAMBIADA',
        description: `Carpeta de las copias de seguridad: ${before} → ${after}.`,
        targetKind: 'configuracion',
        targetId: 'dbBackupFolder',
        detail: { setting: 'dbBackupFolder', old: before, new: after },
      });
    });
  }
  return dbBackupsState(db, dataDir);
}
