import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditActor } from '../../shared/audit';
import { dbBackupKindLabel, type DbBackupKind, type DbBackupResult } from '../../shared/contracts/dbBackups';
import { formatDateTime } from '../../shared/dates';
import { recordAudit } from '../db/audit';
import { insertDbBackup, lastAutomaticBackup, localStationCodeOf, schemaVersionOf, vacuumInto } from '../db/dbBackups';
import { newId, nowIso } from '../db/ids';
import type { Db } from '../db/open';
import { runWrite } from '../db/writeSession';
import { APP_VERSION } from '../platform/version';
import { ARCHIVE_FOLDER, backupFileName, manifestPathFor, type BackupManifest } from './manifest';
import { copyMissing, listArchive } from './archive';
import { sha256FileSync } from '../files/hash';
import { produceFileDurably } from './durable';
import { backupFolderOf } from './folder';
import { applyRetention, isoWeekOf } from './retention';

/** A copy on disk, not yet recorded (the copy before a migration is recorded once the table exists). */
export interface WrittenBackup {
  id: string;
  kind: DbBackupKind;
  fileName: string;
  folder: string;
  createdAt: string;
  sizeBytes: number;
  sha256: string;
  schemaVersion: number;
  archiveCopied: number;
}

/**
 * Writes the copy, its manifest and the archive mirror into `folder`. The copy is `VACUUM INTO` a
 * hidden temporary, flushed and renamed: one read transaction, so it holds exactly what was
 * committed when it began, and clerks' saves go on meanwhile. Nothing is recorded in the database.
 */
export function writeBackupFiles(conn: Database.Database, o: { dataDir: string; folder: string; kind: DbBackupKind; now: Date }): WrittenBackup {
  const stationCode = localStationCodeOf(conn);
  const schemaVersion = schemaVersionOf(conn);
  let fileName = backupFileName(stationCode, o.kind, o.now);
  for (let n = 2; existsSync(join(o.folder, fileName)); n++) fileName = fileName.replace(/(-\d+)?\.sqlite$/, `-${n}.sqlite`);
  const path = join(o.folder, fileName);
  produceFileDurably(path, (temporary) => vacuumInto(conn, temporary));
  const sizeBytes = statSync(path).size;
  const sha256 = sha256FileSync(path);
  const archive = listArchive(o.dataDir);
  const archiveCopied = copyMissing(o.dataDir, join(o.folder, ARCHIVE_FOLDER), archive, true);
  const createdAt = nowIso(o.now);
  const manifest: BackupManifest = {
    format: 'recupera-copia-bd',
    version: 1,
    kind: o.kind,
    stationCode,
    schemaVersion,
    createdAt,
    sha256,
    sizeBytes,
    appVersion: APP_VERSION,
    dataDir: o.dataDir,
    archive,
  };
  produceFileDurably(manifestPathFor(path), (temporary) => writeJson(temporary, manifest));
  return { id: newId(), kind: o.kind, fileName, folder: o.folder, createdAt, sizeBytes, sha256, schemaVersion, archiveCopied };
}

function writeJson(path: string, value: unknown): void {
  // Synchronous on purpose (see durable.ts); `wx`: the temporary is new.
  writeFileSync(path, JSON.stringify(value, null, 2), { flag: 'wx' });
}

/** How the audit log names a copy of this kind («Copia de seguridad diaria de la base»). */
function copyWords(kind: DbBackupKind): string {
  switch (kind) {
    case 'DIARIO':
    case 'SEMANAL':
    case 'MANUAL':
      return `Copia de seguridad ${dbBackupKindLabel(kind).toLowerCase()} de la base`;
    case 'MIGRACION':
      // Its label is a phrase with a proper name («Antes de actualizar Recupera»), not an adjective.
      return 'Copia de seguridad de la base antes de actualizar Recupera';
    default:
      return kind satisfies never;
  }
}

/** Records a written copy and its audit entry in one write session. */
export function recordBackup(db: Db, b: WrittenBackup, actor: AuditActor | null): void {
  runWrite(db, (tx) => {
    insertDbBackup(tx, {
      id: b.id,
      kind: b.kind,
      file_name: b.fileName,
      folder: b.folder,
      created_at: b.createdAt,
      size_bytes: b.sizeBytes,
      sha256: b.sha256,
      schema_version: b.schemaVersion,
      user_id: actor?.id ?? null,
    });
    recordAudit(tx, actor, {
      action: 'RESPALDO_BD_CREADO',
      description: `${copyWords(b.kind)}: ${b.fileName} (${formatDateTime(b.createdAt)}).`,
      targetKind: 'copia',
      targetId: b.id,
      detail: { kind: b.kind, file: b.fileName, folder: b.folder, sizeBytes: b.sizeBytes, sha256: b.sha256, schemaVersion: b.schemaVersion },
    });
  });
}

/** An automatic copy is the week's SEMANAL when no automatic copy was taken yet in its ISO week. */
export function automaticKind(db: Db, now: Date): DbBackupKind {
  const last = lastAutomaticBackup(db);
  return last && isoWeekOf(new Date(last.created_at)) === isoWeekOf(now) ? 'DIARIO' : 'SEMANAL';
}

/**
 * One copy now: `automatic` (the daily schedule; weekly when it is the first of its week) or
 * `manual` (someone asked), recorded and audited; then retention removes older automatic copies.
 */
export function takeBackup(o: { db: Db; dataDir: string; mode: 'automatic' | 'manual'; actor: AuditActor | null; now?: Date }): DbBackupResult {
  const now = o.now ?? new Date();
  const kind: DbBackupKind = o.mode === 'manual' ? 'MANUAL' : automaticKind(o.db, now);
  const written = writeBackupFiles(o.db, { dataDir: o.dataDir, folder: backupFolderOf(o.db, o.dataDir), kind, now });
  recordBackup(o.db, written, o.actor);
  const removed = applyRetention(o.db, now);
  return {
    id: written.id,
    kind,
    path: join(written.folder, written.fileName),
    sizeBytes: written.sizeBytes,
    sha256: written.sha256,
    schemaVersion: written.schemaVersion,
    archiveCopied: written.archiveCopied,
    removed,
  };
}
