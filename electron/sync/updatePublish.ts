import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import { countOf } from '../../shared/auditText';
import type { PublishResult } from '../../shared/contracts/updates';
import { campaignLabel } from '../../shared/contracts/campaigns';
import { AppFailure } from '../../shared/result';
import type { StationKey } from '../auth/keyFile';
import { sealForRecipients } from '../auth/multiEnvelope';
import { recordAudit } from '../db/audit';
import { copyNationalData, inUpdateSnapshot, openUpdateData, updateDataCounts, writeUpdateMeta } from '../db/nationalUpdateExport';
import { isPublishedFileName, lastNationalUpdate, nationalUpdateBySeq, recordNationalUpdate } from '../db/nationalUpdates';
import type { Db, ReadDb } from '../db/open';
import { enrolledOffices, getLocalStationKey, type StationKeyRow } from '../db/stations';
import { runWrite } from '../db/writeSession';
import { checkDestination, deliverFile, withRoom } from '../files/destination';
import { describeFile } from '../files/hash';
import { fileStamp } from '../files/names';
import { newWorkFolder } from '../files/workFolders';
import type { StageReporter } from '../platform/progress';
import { APP_VERSION } from '../platform/version';
import { campaignRef, openCampaign } from '../db/campaigns';
import { SIGNATURE_FILE, signatureBytes, signManifest } from './packageSignature';
import { removeUnrecordedUpdates } from './updateLeftovers';
import { INCREMENTAL_MARGIN_MS, UPDATE_ENVELOPE_CONTENT, UPDATE_EXTENSION, UPDATE_FILES, UPDATE_FORMAT, UPDATE_VERSION, updateBaseName, type UpdateManifest } from './updateFormat';
import { writeZip } from './zipWrite';

export interface PublishOptions {
  db: Db;
  dataDir: string;
  /** The central's own folder for updates. */
  outDir: string;
  /** The user's folder the update is also delivered to (`--salida`); it counts only once it is there. */
  destination?: string;
  /** Publish only what changed since this update (incremental); the whole base without it. */
  sinceSeq?: number;
  userId: string | null;
  /** Who asked for it: the update's audit entry is recorded with the update. */
  actor?: AuditActor | null;
  /** The central's signing key. */
  key: StationKey;
  now?: Date;
  onStage?: StageReporter;
  /** Test seam: runs after the files are in place and before the update is recorded. */
  beforeRecord?: () => void;
}

/** The local station, which must be the central: only Posventa speaks for the whole campaign. */
export function requireCentral(db: ReadDb): StationKeyRow {
  const local = getLocalStationKey(db);
  if (!local) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
  if (local.role !== 'CENTRAL') {
    throw new AppFailure('refused', `Solo la estación central (Posventa) publica actualizaciones nacionales; ${local.code} es una oficina. Las oficinas las aplican con «actualizar».`);
  }
  return local;
}

/**
 * Who can read the update: every enrolled office with an encryption key, and the enrolled offices
 * without one (registered from an identity file of a version before encryption). An update no
 * office could open is refused before anything is written.
 */
export function updateReaders(db: ReadDb): { recipients: Array<{ code: string; office: string; publicKey: string }>; withoutKey: Array<{ code: string; office: string }> } {
  const offices = enrolledOffices(db);
  const recipients = offices.flatMap((o) => (o.encryption_key ? [{ code: o.code, office: o.office, publicKey: o.encryption_key }] : []));
  const withoutKey = offices.filter((o) => !o.encryption_key).map((o) => ({ code: o.code, office: o.office }));
  if (recipients.length === 0) {
    throw new AppFailure(
      'refused',
      offices.length === 0
        ? 'Esta central todavía no tiene oficinas registradas: la actualización viaja cifrada para cada oficina registrada, así que nadie podría abrirla. Registre el archivo de identidad de cada oficina (Configuración → Identidad y confianza → Registrar estación) y publique de nuevo.'
        : `Ninguna de las oficinas registradas tiene llave de cifrado (${withoutKey.map((o) => o.code).join(', ')}), así que nadie podría abrir la actualización. Pida a cada oficina su archivo de identidad actual, regístrelo y publique de nuevo.`,
    );
  }
  return { recipients, withoutKey };
}

/** The update the incremental one starts from, which this central must have published. */
function sinceUpdate(db: ReadDb, sinceSeq: number | undefined): { seq: number; since: string } | null {
  if (sinceSeq === undefined) return null;
  const base = nationalUpdateBySeq(db, 'PUBLICADA', sinceSeq);
  if (!base) throw new AppFailure('not_found', `Esta estación no publicó la actualización N.º ${sinceSeq}: indique en --desde una que sí publicó, o publique una completa.`);
  // An incremental carries only what changed: one on an update of the campaign before would leave
  // out the new campaign's base, which offices emptied when they started it.
  const campaign = openCampaign(db);
  if (base.recorded_at < campaign.started_at) {
    throw new AppFailure('refused', `La actualización N.º ${sinceSeq} es de una campaña anterior a ${campaignLabel(campaign)}: publique una completa.`);
  }
  return { seq: sinceSeq, since: new Date(Date.parse(base.snapshot_at) - INCREMENTAL_MARGIN_MS).toISOString() };
}

/**
 * Checked before the job is queued, so a wrong station, an unknown `--desde` or a bad destination
 * are refused in seconds: the database file's size is a generous bound on what the update holds.
 */
export async function planPublish(db: ReadDb, dbPath: string, o: { sinceSeq?: number; destination?: string }): Promise<void> {
  requireCentral(db);
  updateReaders(db);
  sinceUpdate(db, o.sinceSeq);
  if (o.destination) await checkDestination(o.destination, (await stat(dbPath).catch(() => null))?.size ?? 0);
}

/**
 * Publishes the next national update: the records read in one snapshot of the central's data into
 * `datos.sqlite`, a manifest with its hash, the central's signature over the manifest, all zipped
 * and encrypted to every enrolled office that has an encryption key (auth/multiEnvelope.ts), whole
 * or not at all. It is recorded (and its number taken) only once it is whole in the central's
 * folder and, with a destination, delivered there; a failure before that records nothing, so the
 * next run publishes the same number again.
 */
export async function publishUpdate(o: PublishOptions): Promise<PublishResult> {
  const { db } = o;
  const central = requireCentral(db);
  if (central.public_key !== o.key.publicKey) {
    throw new AppFailure('refused', 'La clave con la que se iba a firmar no es la registrada para esta estación central. Revise el archivo de clave.');
  }
  const now = o.now ?? new Date();
  const seq = (lastNationalUpdate(db, 'PUBLICADA')?.seq ?? 0) + 1;
  const from = sinceUpdate(db, o.sinceSeq);
  const readers = updateReaders(db);
  const kind = from ? 'INCREMENTAL' : 'COMPLETA';
  await mkdir(o.outDir, { recursive: true });
  await removeUnrecordedUpdates(db, o.outDir, seq, o.destination);
  const work = await newWorkFolder(o.dataDir, 'paquete');
  let target: string | null = null;
  let delivered: string | undefined;
  let recorded = false;
  try {
    o.onStage?.('Leyendo los datos nacionales', 0, 4);
    const dataPath = join(work, UPDATE_FILES.data);
    const p = openUpdateData(dataPath, db);
    let snapshotAt: string;
    let counts: UpdateManifest['counts'];
    try {
      ({ snapshotAt, counts } = inUpdateSnapshot(p, () => {
        const at = copyNationalData(p, from?.since ?? null);
        writeUpdateMeta(p, { format: UPDATE_FORMAT, formatVersion: String(UPDATE_VERSION), central: central.code, seq: String(seq) });
        return { snapshotAt: at, counts: updateDataCounts(p) };
      }));
    } finally {
      p.close();
    }
    const bytes = (await stat(dataPath)).size;

    o.onStage?.('Firmando, comprimiendo y cifrando para las oficinas', 1, 4);
    const manifest: UpdateManifest = {
      format: UPDATE_FORMAT,
      formatVersion: UPDATE_VERSION,
      appVersion: APP_VERSION,
      central: { id: central.id, code: central.code, fingerprint: o.key.fingerprint },
      seq,
      kind,
      sinceSeq: from?.seq ?? null,
      snapshotAt,
      createdAt: now.toISOString(),
      counts,
      campaign: campaignRef(db),
      files: [await describeFile(dataPath, UPDATE_FILES.data)],
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
    const signature = signManifest(o.key, central.code, manifestBytes);
    const baseName = updateBaseName(seq, fileStamp(now));
    let name = baseName + UPDATE_EXTENSION;
    for (let n = 2; existsSync(join(o.outDir, name)) && isPublishedFileName(db, name); n++) name = `${baseName}_${n}${UPDATE_EXTENSION}`;
    target = join(o.outDir, name);
    const zipPath = target;
    // The signed zip stays in the work folder; only its envelope, encrypted to every enrolled office, leaves it.
    const clearZip = join(work, 'actualizacion.zip');
    await withRoom(work, bytes, () =>
      writeZip(clearZip, [
        { name: UPDATE_FILES.manifest, data: manifestBytes, compress: true },
        { name: SIGNATURE_FILE, data: signatureBytes(signature), compress: true },
        { name: UPDATE_FILES.data, path: dataPath, compress: true },
      ]),
    );
    const sha256 = await withRoom(o.outDir, bytes, () => sealForRecipients(clearZip, zipPath, readers.recipients, UPDATE_ENVELOPE_CONTENT));
    if (o.destination) {
      const destination = o.destination;
      o.onStage?.('Copiando la actualización a la carpeta elegida', 2, 4);
      delivered = await withRoom(destination, bytes, () => deliverFile(zipPath, destination, sha256));
    }
    o.beforeRecord?.();
    runWrite(db, (tx) => {
      recordNationalUpdate(tx, {
        direction: 'PUBLICADA',
        seq,
        central_code: central.code,
        kind,
        since_seq: from?.seq ?? null,
        sha256,
        snapshot_at: snapshotAt,
        created_at: manifest.createdAt,
        file_name: name,
        counts,
        user_id: o.userId,
      });
      recordAudit(tx, o.actor ?? null, {
        action: 'ACTUALIZACION_PUBLICADA',
        description: `Publicó la actualización nacional N.º ${seq} (${from ? `cambios desde la N.º ${from.seq}` : 'completa'}): ${countOf(counts.customers, 'cliente', 'clientes')}, ${countOf(counts.handovers, 'acta', 'actas')}`,
        targetKind: 'actualizacion',
        targetId: name,
        detail: {
          seq,
          kind,
          sinceSeq: from?.seq ?? null,
          sha256,
          counts,
          delivered: o.destination ?? null,
          recipients: readers.recipients.map((r) => r.code),
          withoutKey: readers.withoutKey.map((r) => r.code),
        },
      });
    });
    recorded = true;
    o.onStage?.('Listo', 4, 4);
    return {
      seq,
      kind,
      sinceSeq: from?.seq ?? null,
      snapshotAt,
      counts,
      path: target,
      fileName: name,
      sha256,
      ...(delivered ? { delivered } : {}),
      recipients: readers.recipients.map((r) => ({ code: r.code, office: r.office })),
      withoutKey: readers.withoutKey,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    // Unrecorded, its number is taken again by the next run: no copy of it may stay to be applied.
    for (const f of target && !recorded ? [target, delivered] : []) if (f) await rm(f, { force: true }).catch(() => undefined);
  }
}
