import { UNTYPED } from '../../shared/prices';
import type { ServiceStatus } from '../../shared/status';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/**
 * What depuración reads, and its batches. A service's status is kept current by every acta, void,
 * respaldo review and consolidation, so these are plain scans of services in base order.
 */

/** An expected item still owed: no acta that is not voided took it (by its line or its serial). */
const ITEM_OWED = `NOT EXISTS (
  SELECT 1 FROM handover_items hi
  WHERE hi.service_id = s.id AND (hi.expected_item_id = e.id OR (e.serial_key IS NOT NULL AND hi.serial_key = e.serial_key))
    AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = hi.handover_id))`;

const OWING = `('PENDIENTE', 'ENTREGA_PARCIAL', 'RESPALDO_RECHAZADO')`;

/** The base depurada's columns: the base's own order (BASE_FIELDS), then the status. */
const BASE_DEPURADA_COLUMNS = `s.regional, s.province, s.city, c.identification, c.name, coalesce(s.business_line_raw, s.business_line) AS business_line,
  s.service_number, s.cancel_date, e.equipment_type, e.brand, e.model, e.serial, e.value_cents,
  s.charges_loaded, s.paid, s.claim, c.phone, c.email, s.status`;

/** The base without delivered and regularised services; partial returns keep only what is missing. */
const BASE_DEPURADA_FROM = `
FROM services s JOIN customers c ON c.id = s.customer_id LEFT JOIN expected_items e ON e.service_id = s.id
WHERE s.in_base = 1 AND s.status NOT IN ('ENTREGADO', 'REGULARIZADO') AND (e.id IS NULL OR ${ITEM_OWED})`;

export const BASE_DEPURADA_SQL = `SELECT ${BASE_DEPURADA_COLUMNS}${BASE_DEPURADA_FROM}`;

/** Batch b is wholly recorded: one still being written (or left so by a crash) is neither listed nor sent (migration 12). */
export const RECORDED = `NOT EXISTS (SELECT 1 FROM depuration_recordings rec WHERE rec.batch_id = b.id)`;

/** Batches whose lines billing received: only these count as billed (a GENERADO batch never went out). */
const SENT = `('ENVIADO', 'CONFIRMADO')`;

/** Item e is charged in a sent batch, and no sent batch reversed that charge. */
export const CHARGED_BY_BATCH = `EXISTS (
  SELECT 1 FROM billing_lines c JOIN depuration_batches cb ON cb.id = c.batch_id
  WHERE c.expected_item_id = e.id AND c.kind = 'CARGO' AND cb.status IN ${SENT}
    AND NOT EXISTS (
      SELECT 1 FROM billing_lines r JOIN depuration_batches rb ON rb.id = r.batch_id
      WHERE r.expected_item_id = e.id AND r.kind = 'REVERSO' AND r.origin_batch_id = c.batch_id AND rb.status IN ${SENT}))`;

/**
 * Some item of the service `service` (an expression naming its id) is charged in a sent batch and
 * no sent batch reversed that charge: CHARGED_BY_BATCH reached through the service's own billing
 * lines, so a service never charged costs one probe of an index, not a walk of its items.
 */
export function serviceChargedByBatch(service: string): string {
  return `EXISTS (
  SELECT 1 FROM billing_lines c JOIN depuration_batches cb ON cb.id = c.batch_id
  WHERE c.service_id = ${service} AND c.kind = 'CARGO' AND cb.status IN ${SENT}
    AND NOT EXISTS (
      SELECT 1 FROM billing_lines r JOIN depuration_batches rb ON rb.id = r.batch_id
      WHERE r.expected_item_id = c.expected_item_id AND r.kind = 'REVERSO' AND r.origin_batch_id = c.batch_id AND rb.status IN ${SENT}))`;
}

/**
 * Item e is charged by the base itself (VALORES CARGADOS = SI) and that charge still stands: no sent
 * batch reversed it, and Recupera never charged e (once it has, a base that says SI may only be
 * echoing Recupera's own charge, which is reversed as a batch charge, never twice).
 */
export const CHARGED_BY_BASE = `(s.charges_loaded = 1 AND NOT EXISTS (
  SELECT 1 FROM billing_lines x JOIN depuration_batches xb ON xb.id = x.batch_id
  WHERE x.expected_item_id = e.id AND xb.status IN ${SENT} AND (x.kind = 'CARGO' OR x.origin_batch_id IS NULL)))`;

/** What billing must load: items owed, by services that owe, whose charge does not stand already. */
const TO_CHARGE = `s.in_base = 1 AND s.status IN ${OWING} AND ${ITEM_OWED} AND NOT ${CHARGED_BY_BATCH} AND NOT ${CHARGED_BY_BASE}`;

/** Where item e's type sits in the price list: a quoted JSON path label, its type as shared/prices.ts priceKey writes it. */
const PRICE_TYPE = `replace(replace(coalesce(e.equipment_type, '${UNTYPED}'), '"', ''''), '\\', '/')`;
const PRICE_PATH = `'$."' || ${PRICE_TYPE} || '"'`;

/**
 * What item e is worth (shared/prices.ts effectiveValue): the base's VALOR when usable (a whole,
 * non-negative amount), else the price of its type from the `prices` setting; NULL when neither
 * exists. The price is looked up only for items without a usable VALOR (CASE evaluates lazily),
 * by the setting's key and a JSON path: no scan of the list per item.
 */
export const EFFECTIVE_VALUE = `CASE WHEN e.value_cents >= 0 THEN e.value_cents ELSE (
  SELECT CASE WHEN json_type(st.value, ${PRICE_PATH}) = 'integer' AND json_extract(st.value, ${PRICE_PATH}) >= 0 THEN json_extract(st.value, ${PRICE_PATH}) END
  FROM settings st WHERE st.key = 'prices' AND json_valid(st.value)) END`;

/**
 * Items to charge, item by item, in the base's order (CROSS JOIN keeps services as the outer loop:
 * a service's items come together, as in the base depurada); the last column (the item's rowid) names its CARGO line.
 */
export const CARGA_SQL = `
SELECT c.identification, c.name, s.service_number, coalesce(s.business_line, s.business_line_raw) AS business_line, s.cancel_date, s.status,
  e.equipment_type, e.brand, e.model, e.serial, ${EFFECTIVE_VALUE} AS value_cents, e.rowid
FROM services s JOIN customers c ON c.id = s.customer_id CROSS JOIN expected_items e ON e.service_id = s.id
WHERE ${TO_CHARGE}`;

/**
 * The base depurada and the carga de valores in one pass (every item to charge is a row of the base
 * depurada, in the same order): the base depurada's columns, then whether the row is an item to
 * charge (CARGA_SQL's rows, exactly), its value, the carga's line of business, the item's rowid
 * (its CARGO line) and the service's rowid (its line in the totals). Reading the base once instead
 * of three times (base depurada, carga, totals) took a fifth off a million-row depuración.
 */
export const DEPURATION_SQL = `
SELECT ${BASE_DEPURADA_COLUMNS},
  CASE WHEN e.id IS NULL OR s.status NOT IN ${OWING} THEN 0 WHEN ${CHARGED_BY_BATCH} THEN 0 WHEN ${CHARGED_BY_BASE} THEN 0 ELSE 1 END AS to_charge,
  CASE WHEN e.id IS NOT NULL THEN ${EFFECTIVE_VALUE} END AS charge_cents,
  coalesce(s.business_line, s.business_line_raw) AS charge_business_line, e.rowid, s.rowid${BASE_DEPURADA_FROM}`;

/** Where DEPURATION_SQL's columns past the base depurada's are. */
export const DEPURATION_COLUMN = { toCharge: 19, chargeCents: 20, chargeBusinessLine: 21, itemRow: 22, serviceRow: 23 } as const;

/**
 * Items the carga de valores would list with no value: no usable VALOR in the base and no price for
 * their type. Counted by type (the untyped under UNTYPED) so the refusal names what needs a price.
 * The cheap test on the item's own value comes first: only those items meet the owed checks.
 */
export const UNPRICED_SQL = `
SELECT ${PRICE_TYPE} AS type, count(*) AS n
FROM services s CROSS JOIN expected_items e ON e.service_id = s.id
WHERE (e.value_cents IS NULL OR e.value_cents < 0) AND ${TO_CHARGE} AND (${EFFECTIVE_VALUE}) IS NULL
GROUP BY 1 ORDER BY 1`;

/**
 * Charges that stand (sent in a batch, or loaded by the base) on items whose equipment came back
 * (an acta not voided took it) or whose service was regularised: one row per item, a service's
 * items together. Columns: customer and service, status, the item, the charge's origin (batch id
 * and number, NULL for the base), the value to reverse (what was charged), what that origin charged
 * the whole service, the acta that took the item, and the item's rowid (its REVERSO line).
 */
export const REVERSALS_SQL = `
SELECT c.identification, c.name, s.service_number, coalesce(s.business_line, s.business_line_raw) AS business_line, s.status,
  s.id, coalesce(e.serial, e.equipment_type) AS item,
  ob.id AS origin_id, ob.batch AS origin_batch,
  coalesce(oc.value_cents, e.value_cents, 0) AS cents,
  CASE WHEN oc.batch_id IS NULL THEN (SELECT coalesce(sum(a.value_cents), 0) FROM expected_items a WHERE a.service_id = s.id)
    ELSE (SELECT sum(x.value_cents) FROM billing_lines x WHERE x.service_id = s.id AND x.batch_id = oc.batch_id AND x.kind = 'CARGO') END AS charged,
  (SELECT max(h.acta_number) FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
    WHERE hi.service_id = s.id AND (hi.expected_item_id = e.id OR (e.serial_key IS NOT NULL AND hi.serial_key = e.serial_key))
      AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)) AS acta,
  e.rowid
FROM services s JOIN customers c ON c.id = s.customer_id CROSS JOIN expected_items e ON e.service_id = s.id
  LEFT JOIN billing_lines oc ON oc.expected_item_id = e.id AND oc.kind = 'CARGO'
    AND EXISTS (SELECT 1 FROM depuration_batches cb WHERE cb.id = oc.batch_id AND cb.status IN ${SENT})
    AND NOT EXISTS (
      SELECT 1 FROM billing_lines r JOIN depuration_batches rb ON rb.id = r.batch_id
      WHERE r.expected_item_id = e.id AND r.kind = 'REVERSO' AND r.origin_batch_id = oc.batch_id AND rb.status IN ${SENT})
  LEFT JOIN depuration_batches ob ON ob.id = oc.batch_id
WHERE s.in_base = 1 AND (oc.batch_id IS NOT NULL OR ${CHARGED_BY_BASE})
  AND (s.status = 'REGULARIZADO' OR NOT ${ITEM_OWED})`;

/**
 * One row per owing service of a customer with no respaldo under review. Its charges count as loaded
 * when the base says so or when a charge Recupera sent billing stands on one of its items: a customer
 * charged by an earlier batch was otherwise told to act «para evitar que se generen valores».
 */
export const COMUNICACIONES_SQL = `
SELECT c.identification, c.name, c.phone, c.email, s.service_number, coalesce(s.business_line, s.business_line_raw) AS business_line,
  s.cancel_date, s.charges_loaded = 1 OR ${serviceChargedByBatch('s.id')} AS charges_loaded,
  s.paid, s.claim
FROM services s JOIN customers c ON c.id = s.customer_id
WHERE s.in_base = 1 AND s.status IN ${OWING}
  AND NOT EXISTS (SELECT 1 FROM backups b WHERE b.customer_id = c.id AND b.status = 'EN_REVISION')`;

export const STATUS_COUNTS_SQL = `SELECT status, count(*) AS n FROM services WHERE in_base = 1 GROUP BY status`;

type Row = unknown[];

/** How many services the base has: the scale of depuración's progress. */
export function baseServiceCount(db: ReadDb): number {
  return stmt(db, 'SELECT count(*) FROM services WHERE in_base = 1').pluck().get() as number;
}

export function baseStatusCounts(db: ReadDb): Array<{ status: ServiceStatus; n: number }> {
  return stmt(db, STATUS_COUNTS_SQL).all() as Array<{ status: ServiceStatus; n: number }>;
}

// Rows as arrays in the statements' column order, pulled one by one while the files are written.
const rows = (db: ReadDb, sql: string) => stmt(db, sql).raw(true).iterate() as IterableIterator<Row>;
export const baseDepuradaRows = (db: ReadDb): IterableIterator<Row> => rows(db, BASE_DEPURADA_SQL);
export const cargaRows = (db: ReadDb): IterableIterator<Row> => rows(db, CARGA_SQL);
export const depurationRows = (db: ReadDb): IterableIterator<Row> => rows(db, DEPURATION_SQL);
export const unpricedTypes = (db: ReadDb): Array<{ type: string; n: number }> => stmt(db, UNPRICED_SQL).all() as Array<{ type: string; n: number }>;
export const reversalRows = (db: ReadDb): IterableIterator<Row> => rows(db, REVERSALS_SQL);
export const comunicacionesRows = (db: ReadDb): IterableIterator<Row> => rows(db, COMUNICACIONES_SQL);

/**
 * The rows a depuración writes at most (services and their expected items): the scale of its files.
 * Every service and item is counted, those out of the base too: a bare count(*) walks the smallest
 * index only, where filtering by the base joined a million items to their services (seconds, asked
 * once by the handler on the main thread and again by the job).
 */
export function depurationVolume(db: ReadDb): { services: number; items: number } {
  return stmt(db, 'SELECT (SELECT count(*) FROM services) AS services, (SELECT count(*) FROM expected_items) AS items').get() as { services: number; items: number };
}

/**
 * The highest batch number recorded in a year (`DEP-YYYY-NNNN`), 0 for none. Not a count: a batch
 * left half-recorded by a crash is removed later (batchRecording.ts), possibly below a newer one.
 */
export function lastBatchOfYear(db: ReadDb, year: number): number {
  const prefix = `DEP-${year}-`;
  return stmt(db, 'SELECT coalesce(max(CAST(substr(batch, ?) AS INTEGER)), 0) FROM depuration_batches WHERE batch LIKE ?').pluck().get(prefix.length + 1, `${prefix}%`) as number;
}

export function insertDepurationBatch(
  tx: Tx,
  b: { id: string; batch: string; originStation: string; userId: string | null; createdAt: string; counts: string; files: string },
): void {
  stmt(tx, 'INSERT INTO depuration_batches (id, batch, origin_station, user_id, created_at, counts, files) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    b.id, b.batch, b.originStation, b.userId, b.createdAt, b.counts, b.files);
}

/** The latest batches, newest first; counts and files as recorded (JSON). */
export function recentBatches(db: ReadDb, limit: number): Array<{ batch: string; created_at: string; counts: string; files: string }> {
  return stmt(db, `SELECT batch, created_at, counts, files FROM depuration_batches b WHERE ${RECORDED} ORDER BY created_at DESC LIMIT ?`).all(limit) as Array<{
    batch: string;
    created_at: string;
    counts: string;
    files: string;
  }>;
}
