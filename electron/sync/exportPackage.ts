import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import type { ExportResult } from '../../shared/contracts/sync';
import { countOf } from '../../shared/auditText';
import { formatDate } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import { processAlive } from '../platform/processes';
import { APP_VERSION } from '../platform/version';
import type { StageReporter } from '../platform/progress';
import type { StationKey } from '../auth/keyFile';
import { backupFilePath, extOf } from '../backups/fileStore';
import type { Db } from '../db/open';
import {
  copyStationRecords,
  inPackageSnapshot,
  openPackageData,
  packageCounts,
  packagedActaPdfs,
  packagedBackupFiles,
  setPackagedActaPdf,
  setPackagedDocument,
  writePackageMeta,
  type PackageData,
} from '../db/packageExport';
import { campaignRef } from '../db/campaigns';
import { getLocalStation, type StationRow } from '../db/stations';
import { isExportedFileName, recordExportedPackage } from '../db/syncPackages';
import { recordAudit } from '../db/audit';
import { runWrite } from '../db/writeSession';
import { deliverFile, withRoom } from '../files/destination';
import { sealEnvelope } from '../auth/envelope';
import { describeFile } from '../files/hash';
import { openKept } from '../files/sealedFile';
import { fileStamp, safeFilePart } from '../files/names';
import { planExport, type PackageRecipient } from './exportPlan';
import { AUDIT_FILE, writePackageAudit } from './packageAudit';
import { ENVELOPE_CONTENT, FILES, PACKAGE_EXTENSION, PACKAGE_FORMAT, PACKAGE_VERSION, type Manifest } from './packageFormat';
import { signatureBytes, signManifest } from './packageSignature';
import { writePackageWorkbook } from './packageWorkbook';
import { describeEntry, writeZip, type ZipEntry } from './zipWrite';

export interface ExportOptions {
  db: Db;
  dataDir: string;
  /** The app's own folder for packages. */
  outDir: string;
  /** The user's folder the package is also delivered to (`--salida`); the export counts only once it is there. */
  destination?: string;
  /** First and last local day to include (`YYYY-MM-DD`); without `from`, everything since the last export. */
  from?: string;
  to?: string;
  includeDocuments: boolean;
  /** The station's key: the package's manifest is signed with it, so the central can tell who made it. */
  key: StationKey;
  /** The data key: the acta PDFs and respaldo documents kept here are sealed with it. */
  dataKey?: Buffer;
  /** The clock, injectable so tests can run an export hours later. */
  now?: Date;
  /** Who asked for it: the export's audit entry is recorded with the export itself. */
  actor?: AuditActor | null;
  onStage?: StageReporter;
  /** Test seam: runs after the files are in place and before the export is recorded (a crash there). */
  beforeRecord?: () => void;
}

/** Work folders are named for their process, so a later export can tell a dead run's from a live one's. */
const WORK_PREFIX = '.exportando-';

/** A killed export leaves its work folder, a copy of the station's records: removed before the next one starts. */
async function removeDeadWork(outDir: string): Promise<void> {
  for (const name of await readdir(outDir).catch(() => [] as string[])) {
    if (!name.startsWith(WORK_PREFIX)) continue;
    const pid = name.match(/^\.exportando-(\d+)-/)?.[1];
    if (!pid || !processAlive(Number(pid))) await rm(join(outDir, name), { recursive: true, force: true });
  }
}

/** Marks the package as one of this station and returns the manifest's head, counted from it. */
export function packageHead(p: PackageData, station: StationRow, range: Manifest['range'], createdAt: string, documents: number, campaign?: Manifest['campaign']): Omit<Manifest, 'files'> {
  writePackageMeta(p, { format: PACKAGE_FORMAT, formatVersion: String(PACKAGE_VERSION), station: station.code });
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_VERSION,
    appVersion: APP_VERSION,
    createdAt,
    station: { id: station.id, code: station.code, office: station.office, regional: station.regional, city: station.city },
    range,
    ...(campaign ? { campaign } : {}),
    counts: { ...packageCounts(p), documents },
  };
}

/** Acta PDFs and respaldo documents, when asked for and still on disk. */
function documents(p: PackageData, dataDir: string, dataKey: Buffer | undefined): ZipEntry[] {
  // Kept sealed here (files/sealedFile.ts); the package carries them in clear, inside its own envelope.
  const kept = (path: string) => () => openKept(path, dataKey);
  const entries: ZipEntry[] = [];
  for (const h of packagedActaPdfs(p)) {
    if (!existsSync(h.pdf_path)) continue;
    const name = `actas/${safeFilePart(h.acta_number)}.pdf`;
    setPackagedActaPdf(p, h.id, name);
    entries.push({ name, open: kept(h.pdf_path), compress: false });
  }
  const seen = new Set<string>();
  for (const f of packagedBackupFiles(p)) {
    const ext = extOf(f.mime);
    const path = backupFilePath(dataDir, f.sha256, ext);
    if (!existsSync(path)) continue;
    const name = `respaldos/${f.sha256}.${ext}`;
    setPackagedDocument(p, f.id, name);
    if (!seen.has(name)) entries.push({ name, open: kept(path), compress: false });
    seen.add(name);
  }
  return entries;
}

/**
 * Hashes the files in `work` (datos.sqlite, entregas.xlsx) and the documents, writes the manifest,
 * signs its exact bytes with the station's key (`firma.json`) and zips everything as
 * `{baseName}.recupera` in `outDir` (never over a package `keep` keeps). With a `recipient` the zip
 * is written in `work` and what lands in `outDir` is that zip encrypted to the recipient
 * (auth/envelope.ts): sign, then encrypt.
 */
export async function sealPackage(o: {
  work: string;
  head: Omit<Manifest, 'files'>;
  key: StationKey;
  entries: ZipEntry[];
  outDir: string;
  baseName: string;
  /** Whether a package already under this name must be kept; by default any existing file is. */
  keep?: (fileName: string) => boolean;
  /** The central the package is encrypted to; without it (benchmark fixtures) the zip is the package. */
  recipient?: PackageRecipient;
}): Promise<{ target: string; manifest: Manifest; sha256: string }> {
  const dataPath = join(o.work, FILES.data);
  const workbookPath = join(o.work, FILES.workbook);
  const files = [await describeFile(dataPath, FILES.data), await describeFile(workbookPath, FILES.workbook)];
  for (const e of o.entries) files.push(await describeEntry(e));
  const manifest: Manifest = { ...o.head, files };
  const keep = o.keep ?? (() => true);
  const taken = (name: string) => existsSync(join(o.outDir, name)) && keep(name);
  let name = o.baseName + PACKAGE_EXTENSION;
  for (let n = 2; taken(name); n++) name = `${o.baseName}_${n}${PACKAGE_EXTENSION}`;
  const target = join(o.outDir, name);
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const signature = signManifest(o.key, o.head.station.code, manifestBytes);
  const zipPath = o.recipient ? join(o.work, 'paquete.zip') : target;
  const zipSha256 = await writeZip(zipPath, [
    { name: FILES.manifest, data: manifestBytes, compress: true },
    { name: FILES.signature, data: signatureBytes(signature), compress: true },
    { name: FILES.data, path: dataPath, compress: true },
    { name: FILES.workbook, path: workbookPath, compress: false },
    ...o.entries,
  ]);
  if (!o.recipient) return { target, manifest, sha256: zipSha256 };
  const sha256 = await sealEnvelope(zipPath, target, o.recipient, ENVELOPE_CONTENT);
  await rm(zipPath, { force: true });
  return { target, manifest, sha256 };
}

/**
 * Writes the office package: the station's handovers, items, voids and respaldos of a range as
 * `datos.sqlite` and `entregas.xlsx`, optional documents, and a manifest with each file's SHA-256,
 * signed with the station's key.
 * The records are copied in one transaction of the package's own connection, which reads the app's
 * database as one snapshot (the package is one moment's truth) without taking its write lock.
 *
 * The export is recorded — the mark the next one starts from — only once the package is whole in
 * the app's folder and, with a destination, delivered there too. If anything fails before that,
 * nothing is recorded and the unrecorded package is removed, so the next export covers the same
 * range. A package a killed run left unrecorded is inert (never listed, moves no mark) and is
 * replaced if a rerun picks its name.
 */
export async function exportPackage(o: ExportOptions): Promise<ExportResult> {
  const { db } = o;
  const station = getLocalStation(db);
  if (!station) throw new AppFailure('refused', 'Configure la estación antes de exportar.');
  if (o.key.stationId !== station.id) throw new AppFailure('internal', 'La clave recibida no es la de esta estación; no se exportó nada.');
  const now = o.now ?? new Date();
  const { range, bytes, recipient } = await planExport({ ...o, db, station: station.code, now });
  const { from, to } = range;
  const inApp = <T>(step: () => Promise<T>) => withRoom(o.outDir, 2 * bytes, step);
  await removeDeadWork(o.outDir);
  const work = await inApp(() => mkdtemp(join(o.outDir, `${WORK_PREFIX}${process.pid}-`)));
  let target: string | null = null;
  let recorded = false;
  try {
    const dataPath = join(work, FILES.data);
    const workbookPath = join(work, FILES.workbook);
    o.onStage?.('Copiando los registros', 0, 4);
    const p = openPackageData(dataPath, db);
    let entries: ZipEntry[] = [];
    let head: Omit<Manifest, 'files'>;
    try {
      head = await inApp(async () =>
        inPackageSnapshot(p, () => {
          copyStationRecords(p, station.code, from, to);
          if (o.includeDocuments) entries = documents(p, o.dataDir, o.dataKey);
          return packageHead(p, station, { from, to }, now.toISOString(), entries.length, campaignRef(db));
        }),
      );
      o.onStage?.('Escribiendo la hoja de cálculo', 1, 4);
      await inApp(() => writePackageWorkbook(p, workbookPath, head));
    } finally {
      p.close();
    }

    o.onStage?.('Calculando las huellas y comprimiendo', 2, 4);
    // The station's audit entries travel inside the signed package (an export that names its days resends them all).
    const audit = await inApp(() => writePackageAudit(db, station.code, work, o.from !== undefined));
    entries.push({ name: AUDIT_FILE, path: audit.path, compress: true });
    const baseName = `${safeFilePart(station.code)}_${fileStamp(now)}`;
    const sealed = await inApp(() => sealPackage({ work, head, key: o.key, entries, outDir: o.outDir, baseName, keep: (name) => isExportedFileName(db, name), recipient }));
    target = sealed.target;
    const { manifest, sha256 } = sealed;
    const fileName = target.slice(o.outDir.length + 1);
    let delivered: string | undefined;
    if (o.destination) {
      const destination = o.destination;
      o.onStage?.('Copiando el paquete a la carpeta elegida', 3, 4);
      delivered = await withRoom(destination, bytes, () => deliverFile(sealed.target, destination, sha256));
    }
    o.beforeRecord?.();
    runWrite(db, (tx) => {
      recordExportedPackage(tx, { station: station.code, sha256, rangeFrom: from, rangeTo: to, createdAt: now.toISOString(), counts: { ...manifest.counts, auditThrough: audit.through }, fileName, path: sealed.target });
      const c = manifest.counts;
      recordAudit(tx, o.actor ?? null, {
        action: 'PAQUETE_EXPORTADO',
        description: `Exportó el paquete ${fileName} (${from ? `del ${formatDate(from)} al` : 'todo hasta el'} ${formatDate(to)}): ${countOf(c.handovers, 'acta', 'actas')}, ${countOf(c.voids, 'anulación', 'anulaciones')}, ${countOf(c.backups, 'respaldo', 'respaldos')}, ${countOf(c.documents, 'documento', 'documentos')}`,
        targetKind: 'paquete',
        targetId: fileName,
        detail: { sha256, from, to, ...c, delivered: o.destination ?? null },
      });
    });
    recorded = true;
    o.onStage?.('Listo', 4, 4);
    return { package: target, fileName, sha256, from, to, ...manifest.counts, ...(delivered ? { delivered } : {}) };
  } finally {
    await rm(work, { recursive: true, force: true });
    if (target && !recorded) await rm(target, { force: true }).catch(() => undefined);
  }
}
