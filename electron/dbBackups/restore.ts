import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import { formatDateTime } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import { dataKeyFromRecovery, dataKeyPath, writeDataKey } from '../auth/dataKey';
import type { KeyProtector } from '../auth/keyFile';
import { recordAudit } from '../db/audit';
import { insertDbBackup, localStationCodeOf, readDatabaseFile, rebaseActaPdfPaths, recordedDbBackupPaths, type DatabaseFileFacts } from '../db/dbBackups';
import { newId } from '../db/ids';
import type { Db } from '../db/open';
import { LATEST_VERSION } from '../db/migrations';
import { runWrite } from '../db/writeSession';
import { fileStamp } from '../files/names';
import { copyMissing, listArchive } from './archive';
import { sha256FileSync } from '../files/hash';
import { copyFileDurably, produceFileDurably } from './durable';
import { backupFolderOf } from './folder';
import { readManifest, type BackupManifest } from './manifest';
import { copiesOnDisk } from './relist';

/** A copy to restore from: the database file, its manifest if any, and where its archived documents are. */
export interface RestoreSource {
  dbFile: string;
  manifest: BackupManifest | null;
  /** A folder holding `actas/` and `respaldos/` as they were archived; null when the copy came without. */
  archiveRoot: string | null;
  /** How people name it (the copy's file name). */
  label: string;
  /** The copies' folder it was chosen in; null for a carried zip. */
  folder: string | null;
}

/** A copy in the copies' folder: the manifest beside it, the archive mirror in `archivo/`. */
export function folderSource(backupPath: string): RestoreSource {
  const archiveRoot = join(dirname(backupPath), 'archivo');
  return { dbFile: backupPath, manifest: readManifest(backupPath), archiveRoot: existsSync(archiveRoot) ? archiveRoot : null, label: basename(backupPath), folder: dirname(backupPath) };
}

export interface CheckedBackup {
  source: RestoreSource;
  facts: DatabaseFileFacts;
  /** The key that opened it; null for a plain copy (taken before the database was encrypted). */
  key: Buffer | null;
}

const refused = (text: string) => new AppFailure('refused', `${text} No se restauró nada: la base de datos actual sigue igual.`);

/**
 * Everything a copy must pass before it may replace anything: whole (its SHA-256 is the
 * manifest's), opens with this PC's key, the recovery key or as a plain file, `integrity_check`
 * ok, a schema this version knows (an older one is migrated after the restore), and this PC's
 * station (or a PC with none yet, or whose database cannot be read any more).
 */
export function checkBackup(o: { source: RestoreSource; dbPath: string; currentKey: Buffer | null; recoveryKey?: string; nativeBinding?: string }): CheckedBackup {
  const { source } = o;
  if (!existsSync(source.dbFile) || !statSync(source.dbFile).isFile()) throw new AppFailure('not_found', `No se encontró la copia ${source.label}.`);
  if (source.manifest && sha256FileSync(source.dbFile) !== source.manifest.sha256) {
    throw refused(`La copia ${source.label} está dañada o fue modificada: su contenido no coincide con su manifiesto.`);
  }
  const recovery = o.recoveryKey ? dataKeyFromRecovery(o.recoveryKey) : null;
  let opened: { facts: DatabaseFileFacts; key: Buffer | null } | null = null;
  // This PC's key, then the recovery key, then as a plain file (a copy from before encryption).
  const keys = [o.currentKey, recovery].filter((k): k is Buffer => k !== null);
  for (const key of [...keys, null]) {
    const facts = readDatabaseFile(source.dbFile, key, o.nativeBinding);
    if (facts) {
      opened = { facts, key };
      break;
    }
  }
  if (!opened) {
    throw refused(
      o.recoveryKey
        ? `La copia ${source.label} no se puede abrir con la llave de esta computadora ni con la clave de recuperación indicada.`
        : `La copia ${source.label} no se puede abrir con la llave de esta computadora. Si es de otra computadora o la llave se perdió, indique la clave de recuperación.`,
    );
  }
  const { facts } = opened;
  if (facts.integrity[0] !== 'ok') throw refused(`La copia ${source.label} está dañada: la revisión de integridad de la base falló.`);
  if (facts.schemaVersion < 1) throw refused(`${source.label} no es una base de datos de Recupera.`);
  if (facts.schemaVersion > LATEST_VERSION) {
    throw refused(`La copia ${source.label} es de una versión más reciente de Recupera (esquema ${facts.schemaVersion}; esta conoce hasta ${LATEST_VERSION}). Actualice la aplicación.`);
  }
  const current = existsSync(o.dbPath) ? readDatabaseFile(o.dbPath, o.currentKey, o.nativeBinding) : null;
  if (current?.stationCode && facts.stationCode && current.stationCode !== facts.stationCode) {
    throw refused(`La copia ${source.label} es de la estación ${facts.stationCode}; esta computadora es la estación ${current.stationCode}.`);
  }
  return { source, facts, key: opened.key };
}

export interface RestoreOutcome {
  label: string;
  stationCode: string | null;
  schemaVersion: number;
  backupCreatedAt: string | null;
  /** Where the database it replaced was kept; null on a PC that had none. */
  replacedPath: string | null;
  archiveCopied: number;
  /** The data folder the copy came from, when it differs from this one (acta PDF paths to rebase). */
  fromDataDir: string | null;
  /** The copies' folder the copy was chosen in (its later copies are listed again); null for a zip. */
  copiesFolder: string | null;
}

/**
 * Puts a checked copy in place of the database, on a closed database: the copy is first written
 * beside it under a hidden name, then the current database (and its -wal, -shm) is moved aside to
 * `reemplazadas/recupera-<fecha>.sqlite`, kept, and the copy renamed onto the database's name.
 * The key that opened the copy becomes the key file if it differs; archived documents the data
 * folder lacks are copied back. The caller reopens the database and records the restore.
 */
export function replaceDatabase(o: { checked: CheckedBackup; dbPath: string; dataDir: string; currentKey: Buffer | null; protector: KeyProtector; now?: Date }): RestoreOutcome {
  const { checked, dbPath, dataDir } = o;
  const now = o.now ?? new Date();
  const staged = `${dbPath}.restaurando`;
  produceFileDurably(staged, (temporary) => copyFileSync(checked.source.dbFile, temporary));
  let replacedPath: string | null = null;
  const aside = join(dataDir, 'reemplazadas');
  if (existsSync(dbPath)) {
    mkdirSync(aside, { recursive: true });
    let name = `recupera-${fileStamp(now, true)}`;
    for (let n = 2; existsSync(join(aside, `${name}.sqlite`)); n++) name = `recupera-${fileStamp(now, true)}-${n}`;
    replacedPath = join(aside, `${name}.sqlite`);
    // The key file goes aside too (copied: it stays in use unless the copy has another key).
    if (existsSync(dataKeyPath(dbPath))) copyFileDurably(dataKeyPath(dbPath), join(aside, `${name}.llave`));
    renameSync(dbPath, replacedPath);
    for (const suffix of ['-wal', '-shm']) if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, replacedPath + suffix);
  }
  renameSync(staged, dbPath);
  if (checked.key && !(o.currentKey && o.currentKey.equals(checked.key))) writeDataKey(dbPath, checked.key, o.protector);
  const { source } = checked;
  const archiveCopied = source.archiveRoot ? copyMissing(source.archiveRoot, dataDir, source.manifest?.archive ?? listArchive(source.archiveRoot), false) : 0;
  const from = source.manifest?.dataDir ?? null;
  return {
    label: source.label,
    stationCode: checked.facts.stationCode,
    schemaVersion: checked.facts.schemaVersion,
    backupCreatedAt: source.manifest?.createdAt ?? null,
    replacedPath,
    archiveCopied,
    fromDataDir: from && from !== dataDir ? from : null,
    copiesFolder: source.folder,
  };
}

/**
 * Once the restored database is open: acta PDF paths follow the data folder, the copies it did not
 * know (taken after it, still on disk) are listed again so a wrong restore can be undone from the
 * screen, and the restore is in its audit log.
 */
export function recordRestore(db: Db, dataDir: string, outcome: RestoreOutcome, actor: AuditActor | null): void {
  const known = recordedDbBackupPaths(db);
  const station = localStationCodeOf(db);
  const folders = [...new Set([backupFolderOf(db, dataDir), ...(outcome.copiesFolder ? [outcome.copiesFolder] : [])])];
  const relisted = folders.flatMap((f) => copiesOnDisk(f, station)).filter((c) => !known.has(join(c.folder, c.file_name)));
  runWrite(db, (tx) => {
    const rebased = outcome.fromDataDir ? rebaseActaPdfPaths(tx, outcome.fromDataDir + sep, dataDir + sep) : 0;
    for (const c of relisted) insertDbBackup(tx, { ...c, id: newId(), user_id: null });
    const when = outcome.backupCreatedAt ? ` del ${formatDateTime(outcome.backupCreatedAt)}` : '';
    const again = relisted.length === 0 ? '' : relisted.length === 1 ? '; 1 copia que la base restaurada no conocía volvió a la lista' : `; ${relisted.length} copias que la base restaurada no conocía volvieron a la lista`;
    recordAudit(tx, actor, {
      action: 'BD_RESTAURADA',
      description: `Restauró la base desde la copia ${outcome.label}${when}${outcome.replacedPath ? `; la base reemplazada quedó en ${outcome.replacedPath}` : ''}${again}.`,
      targetKind: 'copia',
      targetId: outcome.label,
      detail: {
        backup: outcome.label,
        backupCreatedAt: outcome.backupCreatedAt,
        schemaVersion: outcome.schemaVersion,
        replaced: outcome.replacedPath,
        archiveCopied: outcome.archiveCopied,
        actaPathsRebased: rebased,
        copiesRelisted: relisted.length,
      },
    });
  });
}
