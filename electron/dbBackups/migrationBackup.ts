import type Database from 'better-sqlite3-multiple-ciphers';
import { hasDbBackupsTable } from '../db/dbBackups';
import type { Db } from '../db/open';
import { log } from '../platform/log';
import { applyRetention } from './retention';
import { recordBackup, writeBackupFiles, type WrittenBackup } from './takeBackup';
import { backupFolderOf } from './folder';

/**
 * The copy taken before every migration: when a database of schema 1 or later opens with
 * migrations pending, it is copied as it is (its old version) before the first one runs. A copy
 * that cannot be written stops the opening: a migration is not run without its way back.
 * The `db_backups` row can only be written once the migrations made the table, so `record` does
 * that after the database opened.
 */
export interface MigrationBackups {
  /** The hook `openDatabase` runs before pending migrations (OpenOptions.beforeMigrate). */
  beforeMigrate: (conn: Database.Database, from: number, to: number) => void;
  /** Records the copy taken (if any) and applies retention; called once the database is open. */
  record: (db: Db) => void;
}

export function migrationBackups(dataDir: string): MigrationBackups {
  let taken: WrittenBackup | null = null;
  return {
    beforeMigrate(conn, from, to) {
      if (from < 1) return;
      taken = writeBackupFiles(conn, { dataDir, folder: backupFolderOf(conn, dataDir), kind: 'MIGRACION', now: new Date() });
      log.info('dbBackup.beforeMigration', { from, to, file: taken.fileName });
    },
    record(db) {
      if (!taken || !hasDbBackupsTable(db)) return;
      const b = taken;
      taken = null;
      recordBackup(db, b, null);
      applyRetention(db);
    },
  };
}
