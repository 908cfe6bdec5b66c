import type Database from 'better-sqlite3-multiple-ciphers';
import type { UpdateCounts } from '../../shared/contracts/updates';
import { attachAppDatabase, openScratchDatabase, type ReadDb } from './open';
import { NATIONAL_SETTINGS, UPDATE_SCHEMA } from './nationalUpdateSchema';

declare const updateDataBrand: unique symbol;

/**
 * A national update's `datos.sqlite` being written at the central: a scratch connection with the
 * app's database attached as `app`, filled by set-based copies in one deferred transaction of its
 * own, so the update describes one moment of the central's data while clerks keep saving, and the
 * app's connection stays query-only. Nothing here writes to `app`.
 */
export type UpdateData = Database.Database & { readonly [updateDataBrand]: true };

export function openUpdateData(path: string, like: ReadDb): UpdateData {
  const p = openScratchDatabase(path, like, { portable: true });
  try {
    p.pragma('busy_timeout = 5000');
    p.pragma('journal_mode = OFF');
    p.pragma('synchronous = OFF');
    p.exec(UPDATE_SCHEMA);
    attachAppDatabase(p, like, 'app');
    return p as UpdateData;
  } catch (e) {
    p.close();
    throw e;
  }
}

/**
 * Runs `fn` in one deferred transaction of the update's connection: its reads of `app` see one
 * moment. The first read opens the snapshot, so `fn` reads the clock after it (see copyNationalData).
 */
export function inUpdateSnapshot<T>(p: UpdateData, fn: () => T): T {
  return p.transaction(fn)();
}

/**
 * Copies what the central tells every office, and returns the moment it describes. The base travels
 * whole, or only the rows created or changed since `since` (an incremental update); actas, voids,
 * respaldos, conflicts, stations and settings always travel whole (they are small next to the base,
 * and an office then never depends on which earlier update carried a review or a resolution).
 */
export function copyNationalData(p: UpdateData, since: string | null): string {
  // Opens the read snapshot before the clock is read: every row committed before it has an earlier stamp.
  p.prepare('SELECT count(*) FROM app.stations').get();
  const snapshotAt = new Date().toISOString();
  const r = { since: since ?? '' };
  p.prepare(
    `INSERT INTO main.customers SELECT customer_key, identification, id_type, name, phone, email, created_at, updated_at
     FROM app.customers WHERE updated_at >= @since OR created_at >= @since`,
  ).run(r);
  p.prepare(
    `INSERT INTO main.services
     SELECT s.service_key, c.customer_key, s.service_number, s.business_line, s.business_line_raw, s.cancel_date, s.regional, s.province, s.city,
       s.charges_loaded, s.paid, s.claim, s.in_base, s.created_at, s.updated_at
     FROM app.services s JOIN app.customers c ON c.id = s.customer_id WHERE s.updated_at >= @since OR s.created_at >= @since`,
  ).run(r);
  p.prepare(
    `INSERT INTO main.expected_items
     SELECT s.service_key, e.line_key, e.equipment_type, e.brand, e.model, e.serial, e.serial_key, e.value_cents, e.created_at, e.updated_at
     FROM app.expected_items e JOIN app.services s ON s.id = e.service_id WHERE e.updated_at >= @since OR e.created_at >= @since`,
  ).run(r);
  // A row that travels needs its customer and service at the office even when they did not change.
  if (since) {
    p.exec(
      `INSERT OR IGNORE INTO main.services
       SELECT s.service_key, c.customer_key, s.service_number, s.business_line, s.business_line_raw, s.cancel_date, s.regional, s.province, s.city,
         s.charges_loaded, s.paid, s.claim, s.in_base, s.created_at, s.updated_at
       FROM app.services s JOIN app.customers c ON c.id = s.customer_id
       WHERE s.service_key IN (SELECT service_key FROM main.expected_items);
       INSERT OR IGNORE INTO main.customers SELECT c.customer_key, c.identification, c.id_type, c.name, c.phone, c.email, c.created_at, c.updated_at
       FROM app.customers c WHERE c.customer_key IN (SELECT customer_key FROM main.services);`,
    );
  }
  p.exec(
    `INSERT INTO main.handovers
     SELECT h.id, h.origin_station, h.acta_number, h.acta_year, h.acta_seq, h.historical, h.out_of_base, c.customer_key, h.holder_identification,
       h.holder_name, h.delivered_by, h.third_party_identification, h.third_party_name, h.third_party_documents, h.observations, h.office, h.city,
       h.clerk_user_id, h.clerk_name, h.delivered_at, h.created_at, h.content_hash, h.verification_code, h.signature, h.original_number
     FROM app.handovers h LEFT JOIN app.customers c ON c.id = h.customer_id;
     -- An item keeps the service number its acta printed and signed, also once linked to another service.
     INSERT INTO main.items
     SELECT hi.id, hi.origin_station, hi.handover_id, COALESCE(hi.service_number, s.service_number), s.service_key, e.line_key, hi.equipment_type,
       hi.brand, hi.model, hi.serial, hi.serial_key, hi.condition, hi.accessories, hi.note, hi.unexpected, hi.created_at
     FROM app.handover_items hi LEFT JOIN app.services s ON s.id = hi.service_id LEFT JOIN app.expected_items e ON e.id = hi.expected_item_id;
     INSERT INTO main.voids SELECT id, origin_station, handover_id, reason, user_id, user_name, created_at FROM app.handover_voids;
     INSERT INTO main.backups
     SELECT b.id, b.origin_station, c.customer_key, b.status, b.acta_number, b.acta_date, b.office, b.source, b.note, b.review_reason,
       b.reviewed_by, b.reviewed_at, b.created_by, b.created_at
     FROM app.backups b LEFT JOIN app.customers c ON c.id = b.customer_id;
     INSERT INTO main.backup_services SELECT bs.backup_id, s.service_key FROM app.backup_services bs JOIN app.services s ON s.id = bs.service_id;
     INSERT INTO main.backup_files SELECT id, backup_id, sha256, file_name, mime, size FROM app.backup_files;
     INSERT INTO main.conflicts
     SELECT id, kind, conflict_key, detail, payload, package_sha256, created_at, resolution, resolution_reason, resolution_detail, resolved_by, resolved_at
     FROM app.sync_conflicts;
     INSERT INTO main.stations SELECT id, code, office, regional, city, role, public_key, fingerprint
     FROM app.stations WHERE enrolled_at IS NOT NULL AND public_key IS NOT NULL AND fingerprint IS NOT NULL;`,
  );
  // The records that travel whole refer to customers and services the base slice may not hold.
  if (since) {
    p.exec(
      `INSERT OR IGNORE INTO main.services
       SELECT s.service_key, c.customer_key, s.service_number, s.business_line, s.business_line_raw, s.cancel_date, s.regional, s.province, s.city,
         s.charges_loaded, s.paid, s.claim, s.in_base, s.created_at, s.updated_at
       FROM app.services s JOIN app.customers c ON c.id = s.customer_id
       WHERE s.service_key IN (SELECT service_key FROM main.items UNION SELECT service_key FROM main.backup_services);
       INSERT OR IGNORE INTO main.expected_items
       SELECT s.service_key, e.line_key, e.equipment_type, e.brand, e.model, e.serial, e.serial_key, e.value_cents, e.created_at, e.updated_at
       FROM main.items i JOIN app.services s ON s.service_key = i.service_key JOIN app.expected_items e ON e.service_id = s.id AND e.line_key = i.line_key;
       INSERT OR IGNORE INTO main.customers SELECT c.customer_key, c.identification, c.id_type, c.name, c.phone, c.email, c.created_at, c.updated_at
       FROM app.customers c
       WHERE c.customer_key IN (SELECT customer_key FROM main.services UNION SELECT customer_key FROM main.handovers UNION SELECT customer_key FROM main.backups);`,
    );
  }
  const settings = p.prepare(`INSERT INTO main.settings SELECT key, value FROM app.settings WHERE key = ?`);
  for (const key of NATIONAL_SETTINGS) settings.run(key);
  return snapshotAt;
}

export function writeUpdateMeta(p: UpdateData, meta: Record<string, string>): void {
  const ins = p.prepare('INSERT INTO main.meta (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(meta)) ins.run(k, v);
}

/** How many rows of each kind the update carries (the manifest's counts). */
export function updateDataCounts(p: Database.Database, schema = 'main'): UpdateCounts {
  const n = (table: string) => p.prepare(`SELECT count(*) FROM ${schema}.${table}`).pluck().get() as number;
  return {
    customers: n('customers'),
    services: n('services'),
    expectedItems: n('expected_items'),
    handovers: n('handovers'),
    items: n('items'),
    voids: n('voids'),
    backups: n('backups'),
    conflicts: n('conflicts'),
    stations: n('stations'),
    settings: n('settings'),
  };
}
