import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { localDayStart } from '../../shared/dates';
import type { ExportResult } from '../../shared/contracts/sync';
import { AppFailure } from '../../shared/result';
import { APP_VERSION } from '../platform/version';
import type { StageReporter } from '../platform/progress';
import { backupFilePath, extOf } from '../backups/fileStore';
import { newId } from '../db/ids';
import type { Db } from '../db/open';
import { getLocalStation, type StationRow } from '../db/stations';
import { describeFile } from '../files/hash';
import { fileStamp, safeFilePart } from '../files/names';
import { FILES, PACKAGE_EXTENSION, PACKAGE_FORMAT, PACKAGE_SCHEMA, PACKAGE_VERSION, type Manifest } from './packageFormat';
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

function range(db: Db, o: ExportOptions, now: Date): { from: string | null; to: string } {
  const to = o.to ? new Date(localDayStart(o.to).getTime() + 86_400_000) : now;
  let from: string | null;
  if (o.from) from = localDayStart(o.from).toISOString();
  else {
    // A range chosen by hand may end after the export ran; nothing created later was in it.
    const last = db
      .prepare("SELECT min(range_to, created_at) FROM sync_packages WHERE direction = 'EXPORT' ORDER BY created_at DESC LIMIT 1")
      .pluck()
      .get() as string | undefined;
    from = last ? new Date(new Date(last).getTime() - DEFAULT_OVERLAP_MS).toISOString() : null;
  }
  if (from && from >= to.toISOString()) throw new AppFailure('validation', 'La fecha inicial debe ser anterior a la final.');
  return { from, to: to.toISOString() };
}

/** The package tables created in an attached database. */
export function packageSchemaIn(schema: string): string {
  return PACKAGE_SCHEMA.replace(/CREATE (TABLE|INDEX) /g, `CREATE $1 ${schema}.`);
}

function count(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM pkg.${table}`).pluck().get() as number;
}

/** Marks the attached `pkg` database as a package of this station and returns the manifest's head, counted from it. */
export function packageHead(db: Db, station: StationRow, range: Manifest['range'], createdAt: string, documents: number): Omit<Manifest, 'files'> {
  const meta = db.prepare('INSERT INTO pkg.meta (key, value) VALUES (?, ?)');
  meta.run('format', PACKAGE_FORMAT);
  meta.run('formatVersion', String(PACKAGE_VERSION));
  meta.run('station', station.code);
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_VERSION,
    appVersion: APP_VERSION,
    createdAt,
    station: { id: station.id, code: station.code, office: station.office, regional: station.regional, city: station.city },
    range,
    counts: { handovers: count(db, 'handovers'), items: count(db, 'items'), backups: count(db, 'backups'), voids: count(db, 'voids'), documents },
  };
}

/** Copies this station's records of the range into the attached package database. */
function copyRecords(db: Db, station: string, from: string | null, to: string): void {
  const p = { station, from: from ?? '', to };
  db.prepare(
    `INSERT INTO pkg.handovers
     SELECT h.id, h.origin_station, h.acta_number, h.acta_year, h.acta_seq, h.historical, h.out_of_base, c.customer_key, c.identification,
       c.id_type, c.name, c.phone, h.holder_identification, h.holder_name, h.delivered_by, h.third_party_identification, h.third_party_name,
       h.third_party_documents, h.observations, h.office, h.city, h.clerk_user_id, h.clerk_name, h.delivered_at, h.created_at,
       h.content_hash, h.verification_code, NULL
     FROM handovers h LEFT JOIN customers c ON c.id = h.customer_id
     WHERE h.origin_station = @station AND h.created_at >= @from AND h.created_at < @to`,
  ).run(p);
  db.exec(
    `INSERT INTO pkg.items
     SELECT hi.id, hi.origin_station, hi.handover_id, COALESCE(s.service_number, hi.service_number), s.service_key, s.business_line, e.line_key,
       hi.equipment_type, hi.brand, hi.model, hi.serial, hi.serial_key, hi.condition, hi.accessories, hi.note, hi.unexpected, hi.created_at
     FROM pkg.handovers ph JOIN main.handover_items hi ON hi.handover_id = ph.id
       LEFT JOIN main.services s ON s.id = hi.service_id LEFT JOIN main.expected_items e ON e.id = hi.expected_item_id`,
  );
  db.prepare(
    `INSERT INTO pkg.voids
     SELECT v.id, v.origin_station, v.handover_id, h.acta_number, v.reason, v.user_id, v.user_name, v.created_at
     FROM handover_voids v LEFT JOIN handovers h ON h.id = v.handover_id
     WHERE v.origin_station = @station AND v.created_at >= @from AND v.created_at < @to`,
  ).run(p);
  // A respaldo travels when it was registered in the range, and again when it was reviewed in it.
  db.prepare(
    `INSERT INTO pkg.backups
     SELECT b.id, b.origin_station, c.customer_key, c.identification, c.name, b.status, b.acta_number, b.acta_date, b.office, b.source, b.note,
       b.review_reason, b.reviewed_by, b.reviewed_at, b.created_by, b.created_at
     FROM backups b LEFT JOIN customers c ON c.id = b.customer_id
     WHERE b.origin_station = @station AND ((b.created_at >= @from AND b.created_at < @to) OR (b.reviewed_at >= @from AND b.reviewed_at < @to))`,
  ).run(p);
  db.exec(
    `INSERT INTO pkg.backup_services SELECT bs.backup_id, s.service_key, s.service_number
       FROM pkg.backups pb JOIN main.backup_services bs ON bs.backup_id = pb.id JOIN main.services s ON s.id = bs.service_id;
     INSERT INTO pkg.backup_files SELECT f.id, f.backup_id, f.sha256, f.file_name, f.mime, f.size, NULL
       FROM pkg.backups pb JOIN main.backup_files f ON f.backup_id = pb.id;`,
  );
}

/** Acta PDFs and respaldo documents, when asked for and still on disk. */
function documents(db: Db, dataDir: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const setPdf = db.prepare('UPDATE pkg.handovers SET pdf_file = ? WHERE id = ?');
  for (const h of db.prepare('SELECT ph.id, ph.acta_number, h.pdf_path FROM pkg.handovers ph JOIN main.handovers h ON h.id = ph.id WHERE h.pdf_path IS NOT NULL').all() as Array<{
    id: string;
    acta_number: string;
    pdf_path: string;
  }>) {
    if (!existsSync(h.pdf_path)) continue;
    const name = `actas/${safeFilePart(h.acta_number)}.pdf`;
    setPdf.run(name, h.id);
    entries.push({ name, path: h.pdf_path, compress: false });
  }
  const setFile = db.prepare('UPDATE pkg.backup_files SET package_file = ? WHERE id = ?');
  const seen = new Set<string>();
  for (const f of db.prepare('SELECT id, sha256, mime FROM pkg.backup_files').all() as Array<{ id: string; sha256: string; mime: string }>) {
    const ext = extOf(f.mime);
    const path = backupFilePath(dataDir, f.sha256, ext);
    if (!existsSync(path)) continue;
    const name = `respaldos/${f.sha256}.${ext}`;
    setFile.run(name, f.id);
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
 * Reading the records happens in one read transaction, so the package is one moment's truth.
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
    db.prepare('ATTACH DATABASE ? AS pkg').run(dataPath);
    let entries: ZipEntry[] = [];
    let head: Omit<Manifest, 'files'>;
    try {
      db.exec('BEGIN');
      try {
        db.exec(packageSchemaIn('pkg'));
        copyRecords(db, station.code, from, to);
        if (o.includeDocuments) entries = documents(db, o.dataDir);
        head = packageHead(db, station, { from, to }, now.toISOString(), entries.length);
        db.exec('COMMIT');
      } catch (e) {
        db.exec('ROLLBACK');
        throw e;
      }
      o.onStage?.('Escribiendo la hoja de cálculo', 1, 4);
      await writePackageWorkbook(db, workbookPath, head);
    } finally {
      db.exec('DETACH DATABASE pkg');
    }

    o.onStage?.('Calculando las huellas y comprimiendo', 2, 4);
    const { target, manifest, sha256 } = await sealPackage({ work, head, entries, outDir: o.outDir, baseName: `${safeFilePart(station.code)}_${fileStamp(now)}` });
    const fileName = target.slice(o.outDir.length + 1);
    db.prepare(
      `INSERT INTO sync_packages (id, direction, station_code, sha256, range_from, range_to, created_at, summary, file_name, path)
       VALUES (?, 'EXPORT', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(newId(), station.code, sha256, from, to, now.toISOString(), JSON.stringify(manifest.counts), fileName, target);
    o.onStage?.('Listo', 4, 4);
    return { package: target, fileName, sha256, from, to, ...manifest.counts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
