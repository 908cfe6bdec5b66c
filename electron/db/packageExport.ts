import type Database from 'better-sqlite3-multiple-ciphers';
import { attachAppDatabase, openScratchDatabase, type ReadDb } from './open';
import { PACKAGE_SCHEMA } from './packageSchema';
import { stmt } from './stmt';

declare const packageDataBrand: unique symbol;

/**
 * An office package's `datos.sqlite` being written: a scratch connection of its own, with the
 * app's database attached as `app`. The package is filled by set-based copies from `app` in one
 * deferred transaction on this connection, which takes the package file's write lock and only a
 * read snapshot of the app's database: clerks keep saving while an export runs, and the app's
 * connection stays query-only. Nothing here writes to `app`.
 */
export type PackageData = Database.Database & { readonly [packageDataBrand]: true };

/**
 * Creates the package database at `path` with the package's tables and attaches the app's
 * database file `like` is connected to.
 */
export function openPackageData(path: string, like: ReadDb): PackageData {
  const p = openScratchDatabase(path, like, { portable: true });
  try {
    p.pragma('busy_timeout = 5000');
    p.exec(PACKAGE_SCHEMA);
    attachAppDatabase(p, like, 'app');
    return p as PackageData;
  } catch (e) {
    p.close();
    throw e;
  }
}

/**
 * Runs `fn` in one deferred transaction of the package connection: its reads of `app` see one
 * moment (the package is one moment's truth) and its writes land in the package together. Never
 * IMMEDIATE: that would take the app database's write lock for the whole copy.
 */
export function inPackageSnapshot<T>(p: PackageData, fn: () => T): T {
  return p.transaction(fn)();
}

/** Copies a station's records created in `[from, to)` (from the start when `from` is null). */
export function copyStationRecords(p: PackageData, station: string, from: string | null, to: string): void {
  const r = { station, from: from ?? '', to };
  p.prepare(
    `INSERT INTO main.handovers
     SELECT h.id, h.origin_station, h.acta_number, h.acta_year, h.acta_seq, h.historical, h.out_of_base, c.customer_key, c.identification,
       c.id_type, c.name, c.phone, h.holder_identification, h.holder_name, h.delivered_by, h.third_party_identification, h.third_party_name,
       h.third_party_documents, h.observations, h.office, h.city, h.clerk_user_id, h.clerk_name, h.delivered_at, h.created_at,
       h.content_hash, h.verification_code, h.signature, NULL
     FROM app.handovers h LEFT JOIN app.customers c ON c.id = h.customer_id
     WHERE h.origin_station = @station AND h.created_at >= @from AND h.created_at < @to`,
  ).run(r);
  p.exec(
    `-- An item keeps the service number its acta printed and signed, also once linked to another service.
     INSERT INTO main.items
     SELECT hi.id, hi.origin_station, hi.handover_id, COALESCE(hi.service_number, s.service_number), s.service_key, s.business_line, e.line_key,
       hi.equipment_type, hi.brand, hi.model, hi.serial, hi.serial_key, hi.condition, hi.accessories, hi.note, hi.unexpected, hi.created_at
     FROM main.handovers ph JOIN app.handover_items hi ON hi.handover_id = ph.id
       LEFT JOIN app.services s ON s.id = hi.service_id LEFT JOIN app.expected_items e ON e.id = hi.expected_item_id`,
  );
  // Only voids of this station's own actas: the central refuses a package that voids another's.
  p.prepare(
    `INSERT INTO main.voids
     SELECT v.id, v.origin_station, v.handover_id, h.acta_number, v.reason, v.user_id, v.user_name, v.created_at
     FROM app.handover_voids v JOIN app.handovers h ON h.id = v.handover_id
     WHERE v.origin_station = @station AND h.origin_station = @station AND v.created_at >= @from AND v.created_at < @to`,
  ).run(r);
  // A respaldo travels as it was registered, under review: review decisions are Posventa's and come
  // back in national updates, never in an office package (the central refuses one that carries them).
  p.prepare(
    `INSERT INTO main.backups
     SELECT b.id, b.origin_station, c.customer_key, c.identification, c.name, 'EN_REVISION', b.acta_number, b.acta_date, b.office, b.source, b.note,
       NULL, NULL, NULL, b.created_by, b.created_at
     FROM app.backups b LEFT JOIN app.customers c ON c.id = b.customer_id
     WHERE b.origin_station = @station AND b.created_at >= @from AND b.created_at < @to`,
  ).run(r);
  p.exec(
    `INSERT INTO main.backup_services SELECT bs.backup_id, s.service_key, s.service_number
       FROM main.backups pb JOIN app.backup_services bs ON bs.backup_id = pb.id JOIN app.services s ON s.id = bs.service_id;
     INSERT INTO main.backup_files SELECT f.id, f.backup_id, f.sha256, f.file_name, f.mime, f.size, NULL
       FROM main.backups pb JOIN app.backup_files f ON f.backup_id = pb.id;`,
  );
}

/** The packaged actas whose PDF was archived, with where the archive is. */
export function packagedActaPdfs(p: PackageData): Array<{ id: string; acta_number: string; pdf_path: string }> {
  return p
    .prepare('SELECT ph.id, ph.acta_number, h.pdf_path FROM main.handovers ph JOIN app.handovers h ON h.id = ph.id WHERE h.pdf_path IS NOT NULL')
    .all() as Array<{ id: string; acta_number: string; pdf_path: string }>;
}

export function packagedBackupFiles(p: PackageData): Array<{ id: string; sha256: string; mime: string }> {
  return p.prepare('SELECT id, sha256, mime FROM main.backup_files').all() as Array<{ id: string; sha256: string; mime: string }>;
}

/** Names the acta's PDF inside the package. */
export function setPackagedActaPdf(p: PackageData, id: string, name: string): void {
  p.prepare('UPDATE main.handovers SET pdf_file = ? WHERE id = ?').run(name, id);
}

/** Names a respaldo document inside the package. */
export function setPackagedDocument(p: PackageData, id: string, name: string): void {
  p.prepare('UPDATE main.backup_files SET package_file = ? WHERE id = ?').run(name, id);
}

export function writePackageMeta(p: PackageData, meta: Record<string, string>): void {
  const ins = p.prepare('INSERT INTO main.meta (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(meta)) ins.run(k, v);
}

export function packageCounts(p: PackageData): { handovers: number; items: number; backups: number; voids: number } {
  const n = (table: string) => p.prepare(`SELECT count(*) FROM main.${table}`).pluck().get() as number;
  return { handovers: n('handovers'), items: n('items'), backups: n('backups'), voids: n('voids') };
}

// The package's records for its workbook, in the order people read them.

type PackagedRow = Record<string, string | number | null>;

/** Actas with their item count and whether they are voided (in the package or, since, at the office). */
export function packagedHandovers(p: PackageData): IterableIterator<PackagedRow> {
  return p
    .prepare(
      `SELECT h.*, (SELECT count(*) FROM main.items i WHERE i.handover_id = h.id) AS items,
         EXISTS (SELECT 1 FROM main.voids v WHERE v.handover_id = h.id) OR EXISTS (SELECT 1 FROM app.handover_voids v WHERE v.handover_id = h.id) AS voided
       FROM main.handovers h ORDER BY h.delivered_at, h.acta_number`,
    )
    .iterate() as IterableIterator<PackagedRow>;
}

export function packagedItems(p: PackageData): IterableIterator<PackagedRow> {
  return p
    .prepare('SELECT i.*, h.acta_number FROM main.items i JOIN main.handovers h ON h.id = i.handover_id ORDER BY h.delivered_at, h.acta_number, i.rowid')
    .iterate() as IterableIterator<PackagedRow>;
}

/** Respaldos with their service numbers, comma-separated. */
export function packagedBackups(p: PackageData): IterableIterator<Record<string, string | null>> {
  return p
    .prepare(
      `SELECT b.*, (SELECT group_concat(service_number, ', ') FROM main.backup_services s WHERE s.backup_id = b.id) AS services
       FROM main.backups b ORDER BY b.created_at`,
    )
    .iterate() as IterableIterator<Record<string, string | null>>;
}

export function packagedVoids(p: PackageData): IterableIterator<Record<string, string | null>> {
  return p.prepare('SELECT * FROM main.voids ORDER BY created_at').iterate() as IterableIterator<Record<string, string | null>>;
}

/**
 * How much an export of a station's `[from, to)` will carry, counted before it starts, so the
 * folders it writes into can be checked for room: the same selection as `copyStationRecords`.
 */
export function exportVolume(
  db: ReadDb,
  station: string,
  from: string | null,
  to: string,
): { handovers: number; items: number; actaPdfs: number; voids: number; backups: number; documentBytes: number } {
  const r = { station, from: from ?? '', to };
  const inRange = `h.origin_station = @station AND h.created_at >= @from AND h.created_at < @to`;
  const backupInRange = `b.origin_station = @station AND b.created_at >= @from AND b.created_at < @to`;
  return stmt(
    db,
    `SELECT
         (SELECT count(*) FROM handovers h WHERE ${inRange}) AS handovers,
         (SELECT count(*) FROM handovers h JOIN handover_items hi ON hi.handover_id = h.id WHERE ${inRange}) AS items,
         (SELECT count(*) FROM handovers h WHERE ${inRange} AND h.pdf_path IS NOT NULL) AS actaPdfs,
         (SELECT count(*) FROM handover_voids v JOIN handovers h ON h.id = v.handover_id
            WHERE v.origin_station = @station AND h.origin_station = @station AND v.created_at >= @from AND v.created_at < @to) AS voids,
         (SELECT count(*) FROM backups b WHERE ${backupInRange}) AS backups,
         (SELECT coalesce(sum(f.size), 0) FROM backups b JOIN backup_files f ON f.backup_id = b.id WHERE ${backupInRange}) AS documentBytes`,
  ).get(r) as { handovers: number; items: number; actaPdfs: number; voids: number; backups: number; documentBytes: number };
}
