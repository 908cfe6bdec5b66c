import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import { countOf } from '../../shared/auditText';
import { updateCampaignRefusal } from '../../shared/contracts/campaigns';
import { UpdateCounts, type ApplyUpdateResult } from '../../shared/contracts/updates';
import { AppFailure } from '../../shared/result';
import type { EncryptionKeyPair } from '../auth/encryptionKeys';
import { recordAudit } from '../db/audit';
import { keepOpenCampaignInStep, otherCampaign, setPendingCampaign } from '../db/campaigns';
import { applyNationalUpdate, attachUpdate, detachUpdate, emptyChanges, updateContentsProblem } from '../db/nationalUpdateApply';
import { appliedUpdateBySha, lastNationalUpdate, nationalUpdateBySeq, recordNationalUpdate, type NationalUpdateRow } from '../db/nationalUpdates';
import type { Db, ReadDb } from '../db/open';
import { centralStation, getLocalStationKey, type StationKeyRow } from '../db/stations';
import { runWrite } from '../db/writeSession';
import { newWorkFolder } from '../files/workFolders';
import type { StageReporter } from '../platform/progress';
import { openReceivedUpdate, PLAIN_UPDATE_NOTICE } from './updateEnvelope';
import { receivedDataProblem, sqliteRefusal } from './receivedData';
import { readUpdate, updateSha256 } from './updateRead';

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

/**
 * Applies a national update at an office: opened with this office's encryption key (an older plain
 * one is taken with a notice), read and verified whole (signature of the trusted
 * central, every hash), checked against what was applied before (never an older one, an
 * incremental only on the update it continues), then written in one write session together with
 * the record that it was applied. The same update again changes nothing and says so.
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
    attachUpdate(db, pkg.dataPath);
    try {
      const problem = updateContentsProblem(db, m);
      if (problem) throw new AppFailure('refused', problem);
      const changes = runWrite(db, (tx) => {
        const c = applyNationalUpdate(tx, { local, central });
        keepOpenCampaignInStep(tx);
        recordNationalUpdate(tx, {
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
        });
        recordAudit(tx, o.actor ?? null, {
          action: 'ACTUALIZACION_APLICADA',
          description: `Aplicó la actualización nacional N.º ${m.seq} de ${m.central.code} (${m.sinceSeq ? `cambios desde la N.º ${m.sinceSeq}` : 'completa'}): ${countOf(m.counts.customers, 'cliente', 'clientes')}, ${countOf(m.counts.handovers, 'acta', 'actas')}`,
          targetKind: 'actualizacion',
          targetId: file,
          detail: { seq: m.seq, kind: m.kind, sinceSeq: m.sinceSeq, sha256: pkg.sha256, counts: m.counts, encrypted: received.encrypted },
        });
        return c;
      });
      o.onStage?.('Listo', 3, 3);
      return result(false, changes);
    } catch (e) {
      // SQLite's own text is English: logged, and the user reads why in Spanish.
      const refusal = sqliteRefusal(e, { kind: 'update', seq: m.seq });
      throw refusal === null ? e : new AppFailure('refused', refusal);
    } finally {
      detachUpdate(db);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
