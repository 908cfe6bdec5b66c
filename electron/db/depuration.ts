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

/**
 * The base without delivered and regularised services; partial returns keep only what is missing.
 * Columns in the base's own order (BASE_FIELDS), then the status.
 */
export const BASE_DEPURADA_SQL = `
SELECT s.regional, s.province, s.city, c.identification, c.name, coalesce(s.business_line_raw, s.business_line) AS business_line,
  s.service_number, s.cancel_date, e.equipment_type, e.brand, e.model, e.serial, e.value_cents,
  s.charges_loaded, s.paid, s.claim, c.phone, c.email, s.status
FROM services s JOIN customers c ON c.id = s.customer_id LEFT JOIN expected_items e ON e.service_id = s.id
WHERE s.in_base = 1 AND s.status NOT IN ('ENTREGADO', 'REGULARIZADO') AND (e.id IS NULL OR ${ITEM_OWED})`;

/** Items owed by services whose charges are not loaded yet: what billing must load. */
export const CARGA_SQL = `
SELECT c.identification, c.name, s.service_number, coalesce(s.business_line, s.business_line_raw) AS business_line, s.cancel_date, s.status,
  e.equipment_type, e.brand, e.model, e.serial, e.value_cents
FROM services s JOIN customers c ON c.id = s.customer_id JOIN expected_items e ON e.service_id = s.id
WHERE s.in_base = 1 AND s.charges_loaded = 0 AND s.status IN ${OWING} AND ${ITEM_OWED}`;

export const CARGA_TOTALS_SQL = `
SELECT c.identification, c.name, s.service_number, count(*) AS items, sum(e.value_cents) AS cents
FROM services s JOIN customers c ON c.id = s.customer_id JOIN expected_items e ON e.service_id = s.id
WHERE s.in_base = 1 AND s.charges_loaded = 0 AND s.status IN ${OWING} AND ${ITEM_OWED}
GROUP BY s.id`;

/** Charges already loaded for services whose equipment has since come back (or was regularised). */
export const REVERSALS_SQL = `
SELECT c.identification, c.name, s.service_number, coalesce(s.business_line, s.business_line_raw) AS business_line, s.status,
  (SELECT sum(e.value_cents) FROM expected_items e WHERE e.service_id = s.id) AS cents,
  (SELECT max(h.acta_number) FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
    WHERE hi.service_id = s.id AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)) AS acta
FROM services s JOIN customers c ON c.id = s.customer_id
WHERE s.in_base = 1 AND s.charges_loaded = 1 AND s.status IN ('ENTREGADO', 'REGULARIZADO')`;

/** One row per owing service of a customer with no respaldo under review. */
export const COMUNICACIONES_SQL = `
SELECT c.identification, c.name, c.phone, c.email, s.service_number, coalesce(s.business_line, s.business_line_raw) AS business_line,
  s.cancel_date, s.charges_loaded, s.paid, s.claim
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
export const cargaTotalRows = (db: ReadDb): IterableIterator<Row> => rows(db, CARGA_TOTALS_SQL);
export const reversalRows = (db: ReadDb): IterableIterator<Row> => rows(db, REVERSALS_SQL);
export const comunicacionesRows = (db: ReadDb): IterableIterator<Row> => rows(db, COMUNICACIONES_SQL);

/** The rows a depuración writes at most (services and their expected items): the scale of its files. */
export function depurationVolume(db: ReadDb): { services: number; items: number } {
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM services WHERE in_base = 1) AS services,
       (SELECT count(*) FROM expected_items e JOIN services s ON s.id = e.service_id WHERE s.in_base = 1) AS items`,
  ).get() as { services: number; items: number };
}

/** Batches already numbered in a year (`DEP-YYYY-NNNN`). */
export function batchesOfYear(db: ReadDb, year: number): number {
  return stmt(db, 'SELECT count(*) FROM depuration_batches WHERE batch LIKE ?').pluck().get(`DEP-${year}-%`) as number;
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
  return stmt(db, 'SELECT batch, created_at, counts, files FROM depuration_batches ORDER BY created_at DESC LIMIT ?').all(limit) as Array<{
    batch: string;
    created_at: string;
    counts: string;
    files: string;
  }>;
}
