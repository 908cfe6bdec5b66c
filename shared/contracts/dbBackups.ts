import { z } from 'zod';
import { contract, Empty } from './contract';

/**
 * Copies of the whole database (the station's records, users, audit log), distinct from the
 * respaldo documents of a customer. Automatic ones are taken every day (the first of each ISO
 * week kept as SEMANAL), one before every migration, and one whenever someone asks.
 */

export const DB_BACKUP_KINDS = ['DIARIO', 'SEMANAL', 'MIGRACION', 'MANUAL'] as const;
export const DbBackupKind = z.enum(DB_BACKUP_KINDS);
export type DbBackupKind = z.infer<typeof DbBackupKind>;

export function dbBackupKindLabel(kind: DbBackupKind): string {
  switch (kind) {
    case 'DIARIO':
      return 'Diaria';
    case 'SEMANAL':
      return 'Semanal';
    case 'MIGRACION':
      return 'Antes de actualizar Recupera';
    case 'MANUAL':
      return 'Manual';
    default:
      return kind satisfies never;
  }
}

export const DbBackup = z.object({
  id: z.string(),
  kind: DbBackupKind,
  fileName: z.string(),
  folder: z.string(),
  createdAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int(),
  /** Whether the file is still where it was written (a folder on another disk may be unplugged). */
  present: z.boolean(),
});
export type DbBackup = z.infer<typeof DbBackup>;

export const DbBackupsState = z.object({
  /** Where new copies go. */
  folder: z.string(),
  /** True when no folder was chosen and copies go to the data folder's `copias`. */
  isDefault: z.boolean(),
  /** Copies kept, newest first (those removed by retention are not listed). */
  backups: z.array(DbBackup),
});
export type DbBackupsState = z.infer<typeof DbBackupsState>;

/** What the backup job hands back. */
export const DbBackupResult = z.object({
  id: z.string(),
  kind: DbBackupKind,
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string(),
  schemaVersion: z.number().int(),
  /** Archived documents copied into the folder's `archivo/` by this backup (those already there are not copied again). */
  archiveCopied: z.number().int().nonnegative(),
  /** Older automatic copies removed by retention. */
  removed: z.number().int().nonnegative(),
});
export type DbBackupResult = z.infer<typeof DbBackupResult>;

export const dbBackupsList = contract('dbBackups:list', Empty, DbBackupsState);

/** "Crear copia ahora": a MANUAL copy, taken by a job off the main thread. */
export const dbBackupsCreate = contract('dbBackups:create', Empty, z.object({ jobId: z.string() }));

/** Sets the folder (checked: it exists or can be made, and can be written) or goes back to the default with null. */
export const dbBackupsSetFolder = contract(
  'dbBackups:setFolder',
  z.object({ path: z.string().trim().min(1, 'Escriba la ruta de la carpeta para las copias.').max(1000).nullable() }),
  DbBackupsState,
);

/**
 * Replaces the database with a copy, after checking it (opens with the key, integrity, schema,
 * station). The replaced database is kept in `reemplazadas/`; Recupera reopens and everyone signs in again.
 */
export const dbBackupsRestore = contract(
  'dbBackups:restore',
  z.object({
    /** A copy from the list. */
    id: z.string().min(1),
    /** The recovery key printed at setup, for a copy this PC's key cannot open. */
    recoveryKey: z.string().trim().max(200).optional(),
  }),
  z.object({ message: z.string() }),
);
