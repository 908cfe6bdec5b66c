import { attachOwnFile, type Db, type ReadDb, type Tx } from './open';
import { stmt } from './stmt';
import { touchService } from './writeSession';

/**
 * Applying a sealed base stage (see baseStage.ts) to the live database, a range of rows at a
 * time, each range in its own short write session: customers first, then services, then items,
 * so every reference exists when it is written. A record is matched to the live one by its key
 * (customer_key, service_key, service + line_key), so a customer or service a clerk created
 * while the file was being read is updated, not duplicated. Re-applying a range changes nothing
 * more: an interrupted apply is finished by running it again from where it stopped.
 */

export type ApplyPhase = 'customers' | 'services' | 'items';
export const APPLY_PHASES: readonly ApplyPhase[] = ['customers', 'services', 'items'];

export function attachStage(db: Db, path: string): void {
  attachOwnFile(db, path, 'stage');
}

export function detachStage(db: Db): void {
  if ((db.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'stage'").get())) db.exec('DETACH DATABASE stage');
}

/** The largest row number of a phase's table in the stage. */
export function stageSize(db: ReadDb, phase: ApplyPhase): number {
  return (db.prepare(`SELECT coalesce(max(num), 0) FROM stage.${phase === 'items' ? 'expected_items' : phase}`).pluck().get() as number) ?? 0;
}

/**
 * A staged record's reference is taken as it is when the live table holds that id (the record
 * this apply wrote, or the live one the stage copied): one probe of the id index. Only a record
 * merged into one a clerk created while the file was read has another id, found by its key.
 */
const CUSTOMER_OF_SERVICE = `coalesce((SELECT l.id FROM main.customers l WHERE l.id = s.customer_id),
    (SELECT l.id FROM stage.customers sc JOIN main.customers l ON l.customer_key = sc.customer_key WHERE sc.id = s.customer_id), s.customer_id)`;
const SERVICE_OF_ITEM = `coalesce((SELECT l.id FROM main.services l WHERE l.id = s.service_id),
    (SELECT l.id FROM stage.services ss JOIN main.services l ON l.service_key = ss.service_key WHERE ss.id = s.service_id), s.service_id)`;

const CUSTOMER_SET = `id_type = excluded.id_type, phone = excluded.phone, email = excluded.email,
      import_id = excluded.import_id, import_row = excluded.import_row, updated_at = excluded.updated_at`;
const SERVICE_SET = `customer_id = excluded.customer_id, service_number = excluded.service_number,
      business_line = excluded.business_line, business_line_raw = excluded.business_line_raw, cancel_date = excluded.cancel_date,
      regional = excluded.regional, province = excluded.province, city = excluded.city, charges_loaded = excluded.charges_loaded,
      paid = excluded.paid, claim = excluded.claim, in_base = excluded.in_base, import_id = excluded.import_id,
      import_row = excluded.import_row, updated_at = excluded.updated_at`;
const ITEM_SET = `equipment_type = excluded.equipment_type, brand = excluded.brand, model = excluded.model,
      serial = excluded.serial, serial_key = excluded.serial_key, value_cents = excluded.value_cents, source_row = excluded.source_row,
      import_id = excluded.import_id, updated_at = excluded.updated_at`;

/**
 * A record is matched to the live one by its key through the insert's own uniqueness check
 * (ON CONFLICT on the key), not by a lookup before it: a lookup was a second descent of the same
 * index for every row. The `id` clause covers a record copied from the live base, whose id and
 * key are both there.
 */
export const UPSERT: Record<ApplyPhase, string> = {
  customers: `INSERT INTO main.customers (id, origin_station, customer_key, identification, id_type, name, phone, email, import_id, import_row,
      created_at, updated_at)
    SELECT s.id, s.origin_station, s.customer_key, s.identification, s.id_type, s.name, s.phone, s.email,
      s.import_id, s.import_row, s.created_at, s.updated_at
    FROM stage.customers s WHERE s.num BETWEEN ? AND ?
    ON CONFLICT (customer_key) DO UPDATE SET ${CUSTOMER_SET}
    ON CONFLICT (id) DO UPDATE SET ${CUSTOMER_SET}`,
  services: `INSERT INTO main.services (id, origin_station, customer_id, service_number, service_key, business_line, business_line_raw,
      cancel_date, regional, province, city, charges_loaded, paid, claim, in_base, import_id, import_row, created_at, updated_at)
    SELECT s.id, s.origin_station, ${CUSTOMER_OF_SERVICE}, s.service_number, s.service_key, s.business_line,
      s.business_line_raw, s.cancel_date, s.regional, s.province, s.city, s.charges_loaded, s.paid, s.claim, s.in_base, s.import_id,
      s.import_row, s.created_at, s.updated_at
    FROM stage.services s WHERE s.num BETWEEN ? AND ?
    ON CONFLICT (service_key) DO UPDATE SET ${SERVICE_SET}
    ON CONFLICT (id) DO UPDATE SET ${SERVICE_SET}`,
  items: `INSERT INTO main.expected_items (id, origin_station, service_id, line_key, equipment_type, brand, model, serial, serial_key,
      value_cents, source_row, import_id, created_at, updated_at)
    SELECT s.id, s.origin_station, ${SERVICE_OF_ITEM}, s.line_key, s.equipment_type, s.brand, s.model, s.serial,
      s.serial_key, s.value_cents, s.source_row, s.import_id, s.created_at, s.updated_at
    FROM stage.expected_items s WHERE s.num BETWEEN ? AND ?
    ON CONFLICT (service_id, line_key) DO UPDATE SET ${ITEM_SET}
    ON CONFLICT (id) DO UPDATE SET ${ITEM_SET}`,
};

/**
 * A customer's name is written apart, and only where it differs: naming it in an UPDATE's SET
 * fires the search index's trigger (customers_fts_update deletes and re-adds the name), so a
 * re-import that wrote every name back unchanged rewrote the whole search index. New customers
 * got their name with the INSERT above and are indexed in bulk when the session ends.
 */
export const CUSTOMER_NAMES = `UPDATE main.customers AS l SET name = s.name
  FROM stage.customers s WHERE s.num BETWEEN ? AND ? AND l.customer_key = s.customer_key AND l.name IS NOT s.name`;

/**
 * Services whose status may change with the base: those the stage flagged (returns recorded, or
 * outside the base) and those created in the live database while the file was read. Looked at
 * when their own row is applied and again when their items are. By the items' turn every staged
 * service is live under its own id unless it was merged into one a clerk created: an item's
 * service is checked by that id (in insertion order, so on pages just read) and looked up by its
 * random key only when merged. Joining every item to the live service by key cost 2-5 s of a
 * million-row apply.
 */
export const RECHECK: Partial<Record<ApplyPhase, string>> = {
  services: `SELECT l.id FROM stage.services s JOIN main.services l ON l.service_key = s.service_key
    WHERE s.num BETWEEN ? AND ? AND (s.recheck = 1 OR (s.live = 0 AND l.id <> s.id))`,
  items: `SELECT DISTINCT l.id FROM stage.expected_items s JOIN stage.services ss ON ss.id = s.service_id
      JOIN main.services l ON l.service_key = ss.service_key
    WHERE s.num BETWEEN ? AND ? AND (ss.recheck = 1 OR (ss.live = 0 AND NOT EXISTS (SELECT 1 FROM main.services x WHERE x.id = ss.id)))`,
};

/** Writes rows `from`..`to` of one phase; returns how many live rows were written. */
export function applyStageRange(tx: Tx, phase: ApplyPhase, from: number, to: number): number {
  const check = RECHECK[phase];
  const recheck = check ? (stmt(tx, check).pluck().all(from, to) as string[]) : [];
  const written = stmt(tx, UPSERT[phase]).run(from, to).changes;
  if (phase === 'customers') stmt(tx, CUSTOMER_NAMES).run(from, to);
  for (const id of recheck) touchService(tx, id);
  return written;
}

