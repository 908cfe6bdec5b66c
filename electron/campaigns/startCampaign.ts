import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditActor } from '../../shared/audit';
import { campaignLabel, type Campaign, type CampaignsState, type CampaignStartInput, type CampaignStartResult, type CampaignSummary } from '../../shared/contracts/campaigns';
import { CampaignSummary as SummarySchema } from '../../shared/contracts/campaigns';
import { formatDate } from '../../shared/dates';
import { formatUsd } from '../../shared/money';
import { AppFailure } from '../../shared/result';
import { dataKeyPath } from '../auth/dataKey';
import { recordAudit } from '../db/audit';
import {
  campaignById,
  campaignSummary,
  clearWorkingRecords,
  closeCampaignRow,
  closedCampaigns,
  insertCampaign,
  openCampaign,
  pendingCampaign,
  hasCampaignsTable,
  searchIndexSound,
  setPendingCampaign,
  type CampaignRow,
  workingRowCounts,
} from '../db/campaigns';
import { vacuumInto } from '../db/dbBackups';
import { newId, nowIso } from '../db/ids';
import { openScratchDatabase, type Db, type ReadDb } from '../db/open';
import { campaignOf, writeSetting } from '../db/settings';
import { runWrite } from '../db/writeSession';
import { ARCHIVE_FOLDER } from '../dbBackups/manifest';
import { copyMissing, listArchive } from '../dbBackups/archive';
import { produceFileDurably } from '../dbBackups/durable';
import { backupFolderOf } from '../dbBackups/folder';
import { sha256FileSync } from '../files/hash';
import { fileStamp, safeFilePart } from '../files/names';

function toCampaign(r: CampaignRow): Campaign {
  const summary = r.summary ? SummarySchema.safeParse(JSON.parse(r.summary)) : null;
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    startedAt: r.started_at,
    closedAt: r.closed_at,
    archiveFile: r.archive_file,
    archiveSha256: r.archive_sha256,
    archivePresent: r.archive_file !== null && existsSync(r.archive_file),
    summary: summary?.success ? summary.data : null,
  };
}

export function campaignsState(db: ReadDb): CampaignsState {
  const current = openCampaign(db);
  const pending = pendingCampaign(db);
  return { current: toCampaign(current), archived: closedCampaigns(db).map(toCampaign), pending: pending && pending.id !== current.id ? pending : null };
}

/** `recupera-campana-2026-Recuperacion_de_equipos_2026-20270105-093012.sqlite`: the campaign's year and name first. */
export function archiveFileName(c: { name: string; year: number }, at: Date): string {
  return `recupera-campana-${c.year}-${safeFilePart(c.name, 'campana')}-${fileStamp(at, true)}.sqlite`;
}

/**
 * Starts a new campaign. First a complete archive of the database: `VACUUM INTO` (one consistent
 * read, encrypted with the same data key, as the database copies), flushed and renamed, its
 * SHA-256 taken, the data key file copied beside it so `--db ARCHIVO` opens it for the same OS
 * user, and the archived documents mirrored into the copies' folder. Then one write session checks
 * that nothing was saved since the archive's read (or refuses: nothing is removed), records the
 * closing row with its summary, empties the old campaign's working records, opens the new row and
 * sets the campaign settings. At an office that a national update named a campaign for, starting
 * that campaign (same name and year) takes its id, so its packages and updates match again.
 */
export function startCampaign(o: { db: Db; dbPath: string; dataDir: string; input: CampaignStartInput; actor: AuditActor | null; now?: Date }): CampaignStartResult {
  const { db, input } = o;
  if (o.dbPath === ':memory:') throw new AppFailure('refused', 'Esta base de datos no está en un archivo: no se puede archivar la campaña.');
  if (input.deadline < input.startDate) {
    throw new AppFailure('validation', 'La fecha límite no puede ser anterior al inicio de la campaña.', { deadline: 'Antes del inicio.' });
  }
  const now = o.now ?? new Date();
  const current = openCampaign(db);
  if (current.name === input.name && current.year === input.year) {
    throw new AppFailure('conflict', `La campaña ${campaignLabel(current)} ya es la actual. Escriba el nombre o el año de la campaña nueva.`, { name: 'Igual a la actual.' });
  }
  const pending = pendingCampaign(db);
  const id = pending && pending.name === input.name && pending.year === input.year ? pending.id : newId();
  if (campaignById(db, id)) throw new AppFailure('conflict', `La campaña ${campaignLabel(input)} ya se inició y se cerró en esta base: no puede volver a abrirse.`);

  const folder = backupFolderOf(db, o.dataDir);
  let fileName = archiveFileName(current, now);
  for (let n = 2; existsSync(join(folder, fileName)); n++) fileName = fileName.replace(/(-\d+)?\.sqlite$/, `-${n}.sqlite`);
  const archivePath = join(folder, fileName);
  produceFileDurably(archivePath, (temporary) => vacuumInto(db, temporary));
  const archiveSha256 = sha256FileSync(archivePath);
  const keyFile = dataKeyPath(o.dbPath);
  if (existsSync(keyFile)) produceFileDurably(dataKeyPath(archivePath), (temporary) => copyFileSync(keyFile, temporary));
  copyMissing(o.dataDir, join(folder, ARCHIVE_FOLDER), listArchive(o.dataDir), true);
  // The archive must open and hold what the write session is about to remove.
  const archive = openScratchDatabase(archivePath, db, { readonly: true });
  let archived: string;
  let summary: CampaignSummary;
  try {
    archived = workingRowCounts(archive as ReadDb);
    summary = campaignSummary(archive as ReadDb);
  } finally {
    archive.close();
  }

  const startedAt = nowIso(now);
  runWrite(db, (tx) => {
    if (workingRowCounts(tx) !== archived) {
      throw new AppFailure('conflict', 'Se guardaron registros mientras se archivaba la campaña: no se quitó nada. Intente de nuevo cuando nadie esté guardando actas.');
    }
    closeCampaignRow(tx, { id: current.id, closedAt: startedAt, closedBy: o.actor?.id ?? null, archiveFile: archivePath, archiveSha256, summary });
    const removed = clearWorkingRecords(tx);
    if (!searchIndexSound(tx)) throw new AppFailure('internal', 'El índice de búsqueda quedó incompleto al quitar los clientes: no se cambió nada. Intente de nuevo.');
    insertCampaign(tx, { id, name: input.name, year: input.year, startedAt, startedBy: o.actor?.id ?? null });
    const before = campaignOf(tx);
    writeSetting(tx, 'campaign', { ...before, name: input.name, year: input.year, startDate: input.startDate, deadline: input.deadline });
    setPendingCampaign(tx, null);
    recordAudit(tx, o.actor, {
      action: 'CAMPANA_INICIADA',
      description:
        `Inició la campaña ${campaignLabel(input)} (${formatDate(input.startDate)} a ${formatDate(input.deadline)}) y cerró ${campaignLabel(current)}: ` +
        `${summary.customers} clientes, ${summary.actas} actas, ${formatUsd(summary.recoveredCents)} recuperados, archivados en ${fileName}.`,
      targetKind: 'campana',
      targetId: id,
      detail: { closed: current.id, opened: id, archive: archivePath, sha256: archiveSha256, summary, removed },
    });
  });
  const closed = campaignById(db, current.id)!;
  return { closed: toCampaign(closed), opened: toCampaign(openCampaign(db)), archivePath };
}

/**
 * Opens a campaign's archive read-only with this database's data key (the archive was written with
 * it) and hands the connection to `read`; the file is never written, so its SHA-256 still matches
 * the one its closing row recorded.
 */
export function readArchive<T>(db: ReadDb, path: string, read: (archive: ReadDb, campaign: Campaign) => T): T {
  if (!existsSync(path)) throw new AppFailure('not_found', `No existe el archivo ${path}.`);
  let archive: Database.Database;
  try {
    archive = openScratchDatabase(path, db, { readonly: true });
  } catch {
    throw new AppFailure('refused', `El archivo ${path} no es un archivo de campaña de esta base (no se abre con su llave de datos).`);
  }
  try {
    const ro = archive as ReadDb;
    if (!hasCampaignsTable(ro)) throw new AppFailure('refused', `El archivo ${path} no es un archivo de campaña de Recupera.`);
    return read(ro, { ...toCampaign(openCampaign(ro)), summary: campaignSummary(ro) });
  } finally {
    archive.close();
  }
}
