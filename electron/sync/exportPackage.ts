import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { localDayStart } from '../../shared/dates';
import type { ExportResult } from '../../shared/contracts/sync';
import { AppFailure } from '../../shared/result';
import { APP_VERSION } from '../platform/version';
import type { StageReporter } from '../platform/progress';
import { backupFilePath, extOf } from '../backups/fileStore';
import type { Db, ReadDb } from '../db/open';
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
import { getLocalStation, type StationRow } from '../db/stations';
import { lastExportEnd, recordExportedPackage } from '../db/syncPackages';
import { runWrite } from '../db/writeSession';
import { describeFile } from '../files/hash';
import { fileStamp, safeFilePart } from '../files/names';
import { FILES, PACKAGE_EXTENSION, PACKAGE_FORMAT, PACKAGE_VERSION, type Manifest } from './packageFormat';
import { writePackageWorkbook } from './packageWorkbook';
import { writeZip, type ZipEntry } from './zipWrite';

export interface ExportOptions {
  db: Db;
  dataDir: string;
  outDir: string;
  /** First and last local day to include (`YYYY-MM-DD`); without `from`, everything since the last export. */
  from?: string;
  to?: string;
  includeDocuments: boolean;
  now?: Date;
  onStage?: StageReporter;
}

/**
 * An export picks up where the last one ended, minus this margin: an acta being saved at the very
 * moment of the last export cannot fall between two packages, and the overlap costs nothing
 * because consolidation recognises records it already has.
 */
const DEFAULT_OVERLAP_MS = 60 * 60 * 1000;

function range(db: ReadDb, o: ExportOptions, now: Date): { from: string | null; to: string } {
  const to = o.to ? new Date(localDayStart(o.to).getTime() + 86_400_000) : now;
  let from: string | null;
  if (o.from) from = localDayStart(o.from).toISOString();
  else {
    const last = lastExportEnd(db);
    from = last ? new Date(new Date(last).getTime() - DEFAULT_OVERLAP_MS).toISOString() : null;
  }
  if (from && from >= to.toISOString()) throw new AppFailure('validation', 'La fecha inicial debe ser anterior a la final.');
  return { from, to: to.toISOString() };
}

/** Marks the package as one of this station and returns the manifest's head, counted from it. */
export function packageHead(p: PackageData, station: StationRow, range: Manifest['range'], createdAt: string, documents: number): Omit<Manifest, 'files'> {
  writePackageMeta(p, { format: PACKAGE_FORMAT, formatVersion: String(PACKAGE_VERSION), station: station.code });
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_VERSION,
    appVersion: APP_VERSION,
    createdAt,
    station: { id: station.id, code: station.code, office: station.office, regional: station.regional, city: station.city },
    range,
    counts: { ...packageCounts(p), documents },
  };
}

/** Acta PDFs and respaldo documents, when asked for and still on disk. */
function documents(p: PackageData, dataDir: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (const h of packagedActaPdfs(p)) {
    if (!existsSync(h.pdf_path)) continue;
    const name = `actas/${safeFilePart(h.acta_number)}.pdf`;
    setPackagedActaPdf(p, h.id, name);
    entries.push({ name, path: h.pdf_path, compress: false });
  }
  const seen = new Set<string>();
  for (const f of packagedBackupFiles(p)) {
    const ext = extOf(f.mime);
    const path = backupFilePath(dataDir, f.sha256, ext);
    if (!existsSync(path)) continue;
    const name = `respaldos/${f.sha256}.${ext}`;
    setPackagedDocument(p, f.id, name);
    if (!seen.has(name)) entries.push({ name, path, compress: false });
    seen.add(name);
  }
  return entries;
}

/**
 * Hashes the files in `work` (datos.sqlite, entregas.xlsx) and the documents, writes the manifest
 * and zips everything as `{baseName}.recupera` in `outDir` (never over an existing package).
 */
export async function sealPackage(o: {
  work: string;
  head: Omit<Manifest, 'files'>;
  entries: ZipEntry[];
  outDir: string;
  baseName: string;
}): Promise<{ target: string; manifest: Manifest; sha256: string }> {
  const dataPath = join(o.work, FILES.data);
  const workbookPath = join(o.work, FILES.workbook);
  const files = [await describeFile(dataPath, FILES.data), await describeFile(workbookPath, FILES.workbook)];
  for (const e of o.entries) files.push(await describeFile(e.path!, e.name));
  const manifest: Manifest = { ...o.head, files };
  let target = join(o.outDir, o.baseName + PACKAGE_EXTENSION);
  for (let n = 2; existsSync(target); n++) target = join(o.outDir, `${o.baseName}_${n}${PACKAGE_EXTENSION}`);
  const sha256 = await writeZip(target, [
    { name: FILES.manifest, data: Buffer.from(JSON.stringify(manifest, null, 2)), compress: true },
    { name: FILES.data, path: dataPath, compress: true },
    { name: FILES.workbook, path: workbookPath, compress: false },
    ...o.entries,
  ]);
  return { target, manifest, sha256 };
}

/**
 * Writes the office package: the station's handovers, items, voids and respaldos of a range as
 * `datos.sqlite` and `entregas.xlsx`, optional documents, and a manifest with each file's SHA-256.
 * The records are copied in one transaction of the package's own connection, which reads the app's
 * database as one snapshot (the package is one moment's truth) without taking its write lock;
 * the export is recorded afterwards in a short write session.
 */
export async function exportPackage(o: ExportOptions): Promise<ExportResult> {
  const { db } = o;
  const station = getLocalStation(db);
  if (!station) throw new AppFailure('refused', 'Configure la estación antes de exportar.');
  const now = o.now ?? new Date();
  const { from, to } = range(db, o, now);
  await mkdir(o.outDir, { recursive: true });
  const work = await mkdtemp(join(o.outDir, '.exportando-'));
  try {
    const dataPath = join(work, FILES.data);
    const workbookPath = join(work, FILES.workbook);
    o.onStage?.('Copiando los registros', 0, 4);
    const p = openPackageData(dataPath, db);
    let entries: ZipEntry[] = [];
    let head: Omit<Manifest, 'files'>;
    try {
      head = inPackageSnapshot(p, () => {
        copyStationRecords(p, station.code, from, to);
        if (o.includeDocuments) entries = documents(p, o.dataDir);
        return packageHead(p, station, { from, to }, now.toISOString(), entries.length);
      });
      o.onStage?.('Escribiendo la hoja de cálculo', 1, 4);
      await writePackageWorkbook(p, workbookPath, head);
    } finally {
      p.close();
    }

    o.onStage?.('Calculando las huellas y comprimiendo', 2, 4);
    const { target, manifest, sha256 } = await sealPackage({ work, head, entries, outDir: o.outDir, baseName: `${safeFilePart(station.code)}_${fileStamp(now)}` });
    const fileName = target.slice(o.outDir.length + 1);
    runWrite(db, (tx) =>
      recordExportedPackage(tx, { station: station.code, sha256, rangeFrom: from, rangeTo: to, createdAt: now.toISOString(), counts: manifest.counts, fileName, path: target }),
    );
    o.onStage?.('Listo', 4, 4);
    return { package: target, fileName, sha256, from, to, ...manifest.counts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
