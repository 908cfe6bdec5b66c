import { join } from 'node:path';
import { ownActaArchives } from '../db/handovers';
import { nowIso, newId } from '../db/ids';
import { interruptJob, latestJobAbout, openJobs, saveJob, type JobRow } from '../db/jobs';
import type { Db } from '../db/open';
import { getLocalStation } from '../db/stations';
import { runWrite } from '../db/writeSession';
import { removeTemporaries } from '../files/atomicFile';
import { sealPlainFiles } from '../files/sealedFile';
import { purgeExpiredDocuments } from '../backups/retention';
import { removeDeadWorkFolders } from '../files/workFolders';
import { actasWithoutPdf, archiveMissingPdfs, type ActaArchive } from '../handovers/missingPdfs';
import { resumeStagedApplies } from '../import/stagedBase';
import { discardAbandonedRecordings } from '../depuration/batchRecording';
import { resumeUpdateApplies } from '../sync/updateApplier';
import type { PdfRenderer } from '../pdf/pdfRenderer';
import { log } from '../platform/log';
import { processAlive } from '../platform/processes';

/**
 * Recovery on start: what a crash, a power cut or a forced close left half done is finished or put
 * in words, every time the app, the browser mode or a command opens the database. In two parts:
 * `recoverOnOpen` before anyone reads (a base import or a national update half applied is completed, jobs of a dead
 * process are marked interrupted), and `recoverInBackground` after (leftover temporaries removed,
 * actas without their archived PDF archived), which the first screen does not wait for.
 */

/** The data folder's own subfolders; temporaries are looked for in them and their subfolders. */
export const DATA_FOLDERS = ['reportes', 'paquetes', 'depuraciones', 'actas', 'respaldos', 'trabajo', 'cargas', 'actualizaciones'] as const;

export const INTERRUPTED_RUNNING =
  'Recupera se cerró de forma inesperada mientras la tarea corría (un corte de luz o un cierre forzado). Vuelva a ejecutarla.';
export const INTERRUPTED_QUEUED = 'Recupera se cerró de forma inesperada antes de que la tarea empezara. Vuelva a ejecutarla.';
export const IMPORT_FINISHED =
  'Se interrumpió mientras aplicaba la base y se completó al reiniciar Recupera: la base quedó importada entera, no necesita volver a importarla.';
export const IMPORT_LOST =
  'Se interrumpió mientras aplicaba la base y no pudo completarse porque su archivo de trabajo ya no existe. Vuelva a importar la base.';

export const UPDATE_FINISHED =
  'Se interrumpió mientras aplicaba la actualización y se completó al reiniciar Recupera: quedó aplicada entera, no necesita volver a aplicarla.';
export const UPDATE_LOST =
  'Se interrumpió mientras aplicaba la actualización y no pudo completarse porque su archivo de trabajo ya no existe. Lo aplicado está en orden; vuelva a aplicar la actualización.';
export const UPDATE_FAILED =
  'Se interrumpió mientras aplicaba la actualización y no pudo completarse al reiniciar (el motivo quedó en el registro). Lo aplicado está en orden; vuelva a aplicar la actualización.';

export interface OpenRecovery {
  /** Jobs of a dead process now marked interrupted. */
  interrupted: number;
  /** Base imports completed from their stage (by file name), and those whose stage was gone. */
  importsFinished: string[];
  importsLost: string[];
  /** National updates completed from their data file; whose file was gone or which failed again (then applied only in part). */
  updatesFinished: string[];
  updatesUnfinished: string[];
  /** Depuración batches left half-recorded by a dead process, removed (their number is free again). */
  depurationsDiscarded: number;
}

/** Puts the outcome of a resumed import or update on its job (the newest about that file), or on a row of its own. */
function settleJob(db: Db, kind: 'importBase' | 'applyUpdate', fileName: string, message: string, at: string): string {
  const job = latestJobAbout(db, kind, fileName);
  if (job && (job.status === 'running' || job.status === 'queued' || job.status === 'interrupted')) {
    runWrite(db, (tx) => interruptJob(tx, job.id, message, at));
    return job.id;
  }
  const id = newId();
  runWrite(db, (tx) =>
    saveJob(tx, { id, kind, status: 'interrupted', userId: null, subject: fileName, stage: null, message, pid: null, queuedAt: at, startedAt: null, finishedAt: at }),
  );
  return id;
}

/**
 * Before anyone reads: a base import interrupted while applying is completed from its stage, a
 * national update from its data file, and
 * jobs left `running` or `queued` by a process that is gone are marked interrupted with what to do.
 * Jobs of a process still running (the app while a command runs) are theirs to finish.
 */
export function recoverOnOpen(db: Db): OpenRecovery {
  const open = openJobs(db);
  const dead = open.filter((j) => !processAlive(j.pid));
  const at = nowIso();
  const settled = new Set<string>();
  const out: OpenRecovery = { interrupted: 0, importsFinished: [], importsLost: [], updatesFinished: [], updatesUnfinished: [], depurationsDiscarded: 0 };
  if (open.some((j) => j.kind === 'importBase' && processAlive(j.pid))) {
    log.info('recovery.stagedAppliesSkipped', { reason: 'a base import is running in another process' });
  } else {
    const { resumed, lost } = resumeStagedApplies(db);
    for (const name of resumed) settled.add(settleJob(db, 'importBase', name, IMPORT_FINISHED, at));
    for (const name of lost) settled.add(settleJob(db, 'importBase', name, IMPORT_LOST, at));
    out.importsFinished = resumed;
    out.importsLost = lost;
    if (resumed.length > 0) log.warn('recovery.importFinished', { count: resumed.length, files: resumed });
    if (lost.length > 0) log.error('recovery.importLost', { count: lost.length, files: lost, reason: 'stage file is gone' });
  }
  // Updates a live process is writing are skipped inside (each row names its process).
  const updates = resumeUpdateApplies(db);
  for (const name of updates.finished) settled.add(settleJob(db, 'applyUpdate', name, UPDATE_FINISHED, at));
  for (const name of updates.lost) settled.add(settleJob(db, 'applyUpdate', name, UPDATE_LOST, at));
  for (const name of updates.failed) settled.add(settleJob(db, 'applyUpdate', name, UPDATE_FAILED, at));
  out.updatesFinished = updates.finished;
  out.updatesUnfinished = [...updates.lost, ...updates.failed];
  if (updates.finished.length > 0) log.warn('recovery.updateFinished', { files: updates.finished });
  if (updates.lost.length > 0) log.error('recovery.updateLost', { files: updates.lost, reason: 'data file is gone' });
  try {
    out.depurationsDiscarded = discardAbandonedRecordings(db).length;
  } catch (e) {
    // Hidden batches are harmless (never listed, sent or counted): the app starts, the next open tries again.
    log.error('recovery.depurationDiscardFailed', { err: e });
  }
  for (const j of dead.filter((d) => !settled.has(d.id))) {
    runWrite(db, (tx) => interruptJob(tx, j.id, messageFor(j), at));
    out.interrupted++;
    log.warn('recovery.jobInterrupted', { jobId: j.id, kind: j.kind, status: j.status, stage: j.stage });
  }
  return out;
}

function messageFor(j: JobRow): string {
  return j.status === 'queued' ? INTERRUPTED_QUEUED : INTERRUPTED_RUNNING;
}

export interface BackgroundRecovery {
  /** Leftover temporaries removed. */
  temporaries: number;
  /** Actas whose original PDF was archived now, and those that could not be. */
  archived: string[];
  failed: string[];
}

/** What the background part needs of the services (kept structural so services.ts can call it). */
export interface RecoveryTarget {
  db: Db;
  dataDir: string;
  pdf: PdfRenderer;
  /** The data key: plain files left by an earlier version are sealed with it, actas archived sealed. */
  dataKey?: Buffer;
}

/** The folders whose files are kept sealed (files/sealedFile.ts); packages and updates are sealed their own way. */
export const SEALED_FOLDERS = ['actas', 'respaldos', 'reportes', 'depuraciones'] as const;

/**
 * After start, without holding up the first screen: removes temporaries a killed run left (not
 * those of a process still writing them), then archives the PDF of each of this station's actas
 * saved without one. The actas are those there were at start, listed before this returns: an acta
 * saved since is the clerk's to print, as an original. The PDF renderer is only started when there
 * is an acta to archive. Never rejects: a failure is logged and the rest goes on.
 */
export function recoverInBackground(app: RecoveryTarget): Promise<BackgroundRecovery> {
  let actas: ActaArchive[] = [];
  try {
    const station = getLocalStation(app.db);
    actas = station ? ownActaArchives(app.db, station.code) : [];
  } catch (e) {
    log.error('recovery.actasFailed', { err: e });
  }
  return recoverFiles(app, actas);
}

async function recoverFiles(app: RecoveryTarget, actas: ActaArchive[]): Promise<BackgroundRecovery> {
  const out: BackgroundRecovery = { temporaries: 0, archived: [], failed: [] };
  try {
    out.temporaries =
      (await removeTemporaries([app.dataDir], { keepWrittenBy: processAlive })) +
      (await removeTemporaries(
        DATA_FOLDERS.map((f) => join(app.dataDir, f)),
        { recursive: true, keepWrittenBy: processAlive },
      ));
    if (out.temporaries > 0) log.info('recovery.temporariesRemoved', { count: out.temporaries });
    const folders = await removeDeadWorkFolders(app.dataDir, processAlive);
    if (folders > 0) log.info('recovery.workFoldersRemoved', { count: folders });
  } catch (e) {
    log.error('recovery.temporariesFailed', { err: e });
  }
  await keepFilesPrivate(app);
  try {
    const missing = await actasWithoutPdf(actas);
    if (missing.length === 0) return out;
    log.info('recovery.actasWithoutPdf', { count: missing.length });
    const r = await archiveMissingPdfs(app.db, app, missing);
    out.archived = r.archived;
    out.failed = r.failed.map((f) => f.number);
    for (const acta of r.archived) log.info('recovery.actaArchived', { acta });
    for (const f of r.failed) log.error('recovery.actaFailed', { acta: f.number, err: f.cause });
  } catch (e) {
    log.error('recovery.actasFailed', { err: e });
  }
  return out;
}

/**
 * Seals the plain files an earlier version kept (each whole, renamed over the plain one: a kill
 * leaves one or the other) and purges the respaldo documents past retention. Failures are logged.
 */
async function keepFilesPrivate(app: RecoveryTarget): Promise<void> {
  if (app.dataKey) {
    try {
      const sealed = await sealPlainFiles(
        SEALED_FOLDERS.map((f) => join(app.dataDir, f)),
        app.dataKey,
      );
      if (sealed > 0) log.info('recovery.filesSealed', { count: sealed });
    } catch (e) {
      log.error('recovery.sealFailed', { err: e });
    }
  }
  try {
    const purged = await purgeExpiredDocuments(app);
    if (purged.documents > 0) log.info('recovery.documentsPurged', { documents: purged.documents, records: purged.records });
  } catch (e) {
    log.error('recovery.purgeFailed', { err: e });
  }
}
