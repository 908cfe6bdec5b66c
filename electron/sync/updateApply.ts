import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import { countOf } from '../../shared/auditText';
import { updateCampaignRefusal } from '../../shared/contracts/campaigns';
import { UpdateCounts, type ApplyUpdateResult, type UpdateChanges } from '../../shared/contracts/updates';
import { AppFailure } from '../../shared/result';
import type { EncryptionKeyPair } from '../auth/encryptionKeys';
import { otherCampaign, setPendingCampaign } from '../db/campaigns';
import { newId, nowIso } from '../db/ids';
import { applyUpdatePrelude, attachUpdate, detachUpdate, emptyChanges, indexUpdateItems, updateContentsProblem } from '../db/nationalUpdateApply';
import { renumberedActas } from '../db/nationalUpdateRecords';
import { appliedUpdateBySha, lastNationalUpdate, nationalUpdateBySeq, type NationalUpdateRow } from '../db/nationalUpdates';
import type { Db, ReadDb } from '../db/open';
import { centralStation, getLocalStationKey, type StationKeyRow } from '../db/stations';
import { beginUpdateApply, pendingUpdateApplies } from '../db/updateApplies';
import { runWrite } from '../db/writeSession';
import { newWorkFolder } from '../files/workFolders';
import { stageDir } from '../import/stagedBase';
import { log } from '../platform/log';
import type { StageReporter } from '../platform/progress';
import { openReceivedUpdate, PLAIN_UPDATE_NOTICE } from './updateEnvelope';
import { receivedDataProblem, sqliteRefusal } from './receivedData';
import { isDamageCode, sqliteCode } from '../db/untrustedData';
import { readUpdate, updateSha256 } from './updateRead';
import { abandonUpdateApply, updateDataName, UpdateApplier, type PendingUpdate, type UpdateApplyRecord } from './updateApplier';

export interface ApplyUpdateOptions {
  db: Db;
  dataDir: string;
  path: string;
  name?: string;
  userId: string | null;
  /** Who asked for it: the apply's audit entry is recorded in the apply's own session. */
  actor?: AuditActor | null;
  /** This office's X25519 pair: updates arrive encrypted to it (updateEnvelope.ts); null when this process cannot open the key file. */
  decryptionKey?: EncryptionKeyPair | null;
  onStage?: StageReporter;
  /** Awaited between write sessions: lets a clerk's save take the write lock (see deskGate). */
  between?: () => Promise<void> | void;
  /** Whether a clerk has been saving lately: then sessions are kept short. */
  deskActive?: () => boolean;
  /** Rows of every write session instead of a size that follows the pace (tests cross many sessions with a few). */
  sessionRows?: number;
}

/** This office and the central it trusts; refused at the central or before any central is trusted. */
export function requireOfficeWithCentral(db: ReadDb): { local: StationKeyRow; central: StationKeyRow } {
  const local = getLocalStationKey(db);
  if (!local) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
  if (local.role === 'CENTRAL') {
    throw new AppFailure('refused', 'Esta es la estación central: publica las actualizaciones nacionales (publicar), no las aplica.');
  }
  const central = centralStation(db);
  if (!central || !central.public_key) {
    throw new AppFailure(
      'refused',
      'Esta oficina todavía no confía en ninguna central, así que no puede comprobar quién firmó la actualización. Confíe primero en la identidad de Posventa (confiar-central o Configuración).',
    );
  }
  return { local, central };
}

function appliedBefore(r: NationalUpdateRow, file: string, started: number): ApplyUpdateResult {
  return {
    seq: r.seq,
    kind: r.kind,
    sinceSeq: r.since_seq,
    central: r.central_code,
    counts: UpdateCounts.parse(JSON.parse(r.counts)),
    file,
    alreadyApplied: true,
    changes: emptyChanges(),
    seconds: (Date.now() - started) / 1000,
  };
}

/** Renames, or copies when the data folder and the database are on different disks. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

const UPDATE_IN_PROGRESS = (r: UpdateApplyRecord) =>
  `Otra actualización nacional (N.º ${r.update.seq}, «${r.file}») se está aplicando en esta oficina. Espere a que termine y vuelva a intentarlo.`;

const UNEXPECTED = 'Ocurrió un error inesperado; la causa quedó en el registro (registro/recupera.log).';
const partlyApplied = (seq: number, reason: string, damaged: boolean) =>
  `${reason} La actualización N.º ${seq} quedó aplicada solo en parte (lo aplicado está completo y en orden, pero no consta como aplicada): ${
    damaged ? 'vuelva a aplicarla cuando soporte haya revisado la base de esta oficina.' : 'vuelva a aplicarla; si se repite, pida a Posventa una nueva.'
  }`;

/**
 * The update's sessions after the first, letting a clerk's save through between two; a failure
 * gives the update up (its row and data file), keeping what its sessions wrote.
 */
async function writeUpdate(a: PendingUpdate, counts: UpdateCounts, o: ApplyUpdateOptions): Promise<UpdateChanges> {
  const total = counts.customers + counts.services + counts.expectedItems + counts.handovers;
  const applier = new UpdateApplier(o.db, a, o.deskActive, o.sessionRows);
  try {
    do {
      await o.between?.();
      o.onStage?.('Aplicando la actualización (ya no se puede cancelar)', Math.min(applier.rowsDone(), total), total);
    } while (applier.step());
    return applier.result();
  } catch (e) {
    applier.close();
    try {
      abandonUpdateApply(o.db, a);
    } catch (cleanup) {
      // The row stays: the next start finishes the update from its data file.
      log.error('update.abandonFailed', { err: cleanup });
    }
    throw e;
  }
}

/**
 * Applies a national update at an office: opened with this office's encryption key (an older plain
 * one is taken with a notice), read and verified whole (signature of the trusted
 * central, every hash), checked against what was applied before (never an older one, an
 * incremental only on the update it continues), then written in short write sessions, so the desk
 * goes on saving meanwhile (UpdateApplier); the last one records that it was applied. The same
 * update again changes nothing and says so.
 */
export async function applyUpdate(o: ApplyUpdateOptions): Promise<ApplyUpdateResult> {
  const started = Date.now();
  const { db } = o;
  const { local, central } = requireOfficeWithCentral(db);
  const file = o.name ?? basename(o.path);
  o.onStage?.('Verificando la firma y las huellas', 0, 3);
  const sha256 = await updateSha256(o.path);
  // The very bytes applied here before were verified then: a second run changes nothing and need not extract the whole base again.
  const before = appliedUpdateBySha(db, sha256);
  if (before) return appliedBefore(before, file, started);
  const work = await newWorkFolder(o.dataDir, 'paquete');
  try {
    const received = await openReceivedUpdate(o.path, work, { code: local.code, key: o.decryptionKey ?? null });
    const pkg = await readUpdate(received.zipPath, work, central, sha256);
    const m = pkg.manifest;
    // An update of another campaign would mix its base with this office's: refused, and its
    // campaign remembered so that starting it here (same name and year) joins it.
    const here = otherCampaign(db, m.campaign);
    if (here) {
      const named = m.campaign;
      if (named) runWrite(db, (tx) => setPendingCampaign(tx, named));
      throw new AppFailure('refused', updateCampaignRefusal(named ?? { name: 'inicial', year: here.year }, here));
    }
    const result = (alreadyApplied: boolean, changes = emptyChanges()): ApplyUpdateResult => ({
      seq: m.seq,
      kind: m.kind,
      sinceSeq: m.sinceSeq,
      central: m.central.code,
      counts: m.counts,
      file,
      alreadyApplied,
      changes,
      seconds: (Date.now() - started) / 1000,
      ...(received.encrypted ? {} : { notice: PLAIN_UPDATE_NOTICE }),
    });
    const same = nationalUpdateBySeq(db, 'APLICADA', m.seq);
    if (same) {
      if (same.sha256 === pkg.sha256) return result(true);
      throw new AppFailure('refused', `Ya se aplicó otra actualización con el N.º ${m.seq} y distinto contenido: esta no se aplica. Pida a Posventa la más reciente.`);
    }
    const last = lastNationalUpdate(db, 'APLICADA');
    if (last && m.seq < last.seq) {
      throw new AppFailure('refused', `La actualización N.º ${m.seq} es más antigua que la N.º ${last.seq} aplicada: no se aplica. Pida a Posventa la más reciente.`);
    }
    if (m.sinceSeq !== null && m.sinceSeq > (last?.seq ?? 0)) {
      throw new AppFailure('refused', `Falta la actualización N.º ${m.sinceSeq}: aplíquela primero o pida una completa. Esta (N.º ${m.seq}) solo trae lo cambiado desde aquella.`);
    }

    o.onStage?.('Aplicando la actualización', 1, 3);
    // Signed by the central, yet checked on its own connection before it is attached: only the
    // format's tables, sound pages, every text within its limit (receivedData.ts).
    const dataProblem = receivedDataProblem(db, pkg.dataPath, { kind: 'update', seq: m.seq });
    if (dataProblem) throw new AppFailure('refused', dataProblem);
    const pending = pendingUpdateApplies<UpdateApplyRecord>(db);
    if (pending.length > 0) throw new AppFailure('refused', UPDATE_IN_PROGRESS(pending[0]!.record));
    // Written in short sessions, the update's data must outlive this job's scratch folder until
    // its last session: a crash in between is finished from it on the next start.
    const id = newId();
    const dataPath = join(stageDir(db), updateDataName(id));
    await mkdir(stageDir(db), { recursive: true });
    await moveFile(pkg.dataPath, dataPath);
    const record: UpdateApplyRecord = {
      file,
      central: central.code,
      update: {
        direction: 'APLICADA',
        seq: m.seq,
        central_code: m.central.code,
        kind: m.kind,
        since_seq: m.sinceSeq,
        sha256: pkg.sha256,
        snapshot_at: m.snapshotAt,
        created_at: m.createdAt,
        file_name: file,
        counts: m.counts,
        user_id: o.userId,
      },
      audit: {
        actor: o.actor ?? null,
        event: {
          action: 'ACTUALIZACION_APLICADA',
          description: `Aplicó la actualización nacional N.º ${m.seq} de ${m.central.code} (${m.sinceSeq ? `cambios desde la N.º ${m.sinceSeq}` : 'completa'}): ${countOf(m.counts.customers, 'cliente', 'clientes')}, ${countOf(m.counts.handovers, 'acta', 'actas')}`,
          targetKind: 'actualizacion',
          targetId: file,
          detail: { seq: m.seq, kind: m.kind, sinceSeq: m.sinceSeq, sha256: pkg.sha256, counts: m.counts, encrypted: received.encrypted },
        },
      },
    };
    const a: PendingUpdate = { id, dataPath, pid: process.pid, phase: 'customers', afterRowid: 0, record, changes: emptyChanges() };
    let begun = false;
    let written = false;
    try {
      indexUpdateItems(db, dataPath);
      attachUpdate(db, dataPath);
      try {
        const problem = updateContentsProblem(db, m);
        if (problem) throw new AppFailure('refused', problem);
        const renumbered = renumberedActas(db);
        runWrite(db, (tx) => {
          applyUpdatePrelude(tx, { local, renumbered }, a.changes);
          beginUpdateApply(tx, a, nowIso());
        });
        begun = true;
      } finally {
        detachUpdate(db);
      }
      const changes = await writeUpdate(a, m.counts, o);
      written = true;
      o.onStage?.('Listo', 3, 3);
      return result(false, changes);
    } catch (e) {
      // Recorded as applied: nothing of it is partial, whatever failed after.
      if (written) throw e;
      if (!begun) await rm(dataPath, { force: true });
      // SQLite's own text is English: logged, and the user reads why in Spanish.
      const refusal = sqliteRefusal(e, { kind: 'update', seq: m.seq, begun });
      if (!begun) throw refusal === null ? e : new AppFailure('refused', refusal);
      // Once begun, whatever stopped it, the office holds part of it: that is what the user must know.
      if (refusal === null) log.error('update.failedAfterBegun', { seq: m.seq, err: e });
      throw new AppFailure('refused', partlyApplied(m.seq, refusal ?? (e instanceof AppFailure ? e.message : UNEXPECTED), isDamageCode(sqliteCode(e))));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
