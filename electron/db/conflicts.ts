import type { ConflictDecision } from '../../shared/contracts/conflicts';
import type { ConflictKind } from '../../shared/contracts/sync';
import { newId } from './ids';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';
import { touchService } from './writeSession';

// The conflicts consolidation keeps (sync_conflicts) and what their resolutions change: an item
// detached from a serial, a set-aside acta restored under a new number, an out-of-base service
// merged into a base one, a station renamed. Statuses follow through touchService.

export interface ConflictRow {
  id: string;
  kind: ConflictKind;
  conflict_key: string;
  detail: string;
  /** JSON: the record that could not take its place, or what the conflict was about. */
  payload: string | null;
  created_at: string;
  resolution: ConflictDecision | null;
  resolution_reason: string | null;
  /** JSON: what the resolution changed. */
  resolution_detail: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

const COLUMNS = 'id, kind, conflict_key, detail, payload, created_at, resolution, resolution_reason, resolution_detail, resolved_by, resolved_at';

/** Conflicts nobody has resolved yet, newest first. */
export function openConflicts(db: ReadDb, limit: number): ConflictRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM sync_conflicts WHERE resolution IS NULL ORDER BY created_at DESC, kind, conflict_key LIMIT ?`).all(
    limit,
  ) as ConflictRow[];
}

/** Resolved conflicts, the latest decision first. */
export function resolvedConflicts(db: ReadDb, limit: number): ConflictRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM sync_conflicts WHERE resolution IS NOT NULL ORDER BY resolved_at DESC, id LIMIT ?`).all(limit) as ConflictRow[];
}

/** Open conflicts as the sync overview lists them. */
export function recentConflicts(db: ReadDb, limit: number): Array<{ kind: ConflictKind; detail: string; created_at: string }> {
  return openConflicts(db, limit).map((c) => ({ kind: c.kind, detail: c.detail, created_at: c.created_at }));
}

export function conflictById(db: ReadDb, id: string): ConflictRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM sync_conflicts WHERE id = ?`).get(id) as ConflictRow | undefined) ?? null;
}

/** Records a conflict once per (kind, key); true when it is new. */
export function insertConflict(tx: Tx, c: { kind: ConflictKind; key: string; detail: string; payload: unknown; now: string }): boolean {
  return (
    stmt(tx, 'INSERT OR IGNORE INTO sync_conflicts (id, kind, conflict_key, detail, payload, package_sha256, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)').run(
      newId(), c.kind, c.key, c.detail, c.payload === null ? null : JSON.stringify(c.payload), c.now,
    ).changes > 0
  );
}

/** Keeps who decided what, when and why; false when someone resolved it first. */
export function markConflictResolved(
  tx: Tx,
  id: string,
  r: { decision: ConflictDecision; reason: string; detail: unknown; by: string; at: string },
): boolean {
  return (
    stmt(
      tx,
      `UPDATE sync_conflicts SET resolution = ?, resolution_reason = ?, resolution_detail = ?, resolved_by = ?, resolved_at = ?
       WHERE id = ? AND resolution IS NULL`,
    ).run(r.decision, r.reason, JSON.stringify(r.detail), r.by, r.at, id).changes > 0
  );
}

/**
 * The base service an out-of-base service key was linked to by a resolution, as an SQL
 * expression over `keyColumn`: later packages naming that service land on the base one.
 */
export function linkedServiceSql(keyColumn: string): string {
  return `(SELECT json_extract(k.resolution_detail, '$.serviceId') FROM main.sync_conflicts k
    WHERE k.kind = 'SERVICIO_FUERA_DE_BASE' AND k.conflict_key = ${keyColumn} AND k.resolution = 'VINCULAR')`;
}

// --- SERIE_DUPLICADA ---------------------------------------------------------------------------

export interface SerialHolder {
  item_id: string;
  handover_id: string;
  acta_number: string;
  origin_station: string;
  holder_name: string;
  delivered_at: string;
  service_id: string | null;
}

/** The items of actas that are not voided and hold this serial. */
export function serialHolders(db: ReadDb, serialKey: string): SerialHolder[] {
  return stmt(
    db,
    `SELECT hi.id AS item_id, h.id AS handover_id, h.acta_number, h.origin_station, h.holder_name, h.delivered_at, hi.service_id
     FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
     WHERE hi.serial_key = ? AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)
     ORDER BY h.acta_number, h.origin_station, hi.id`,
  ).all(serialKey) as SerialHolder[];
}

/**
 * The item stays on its acta as recorded (the serial printed), but no longer returns that serial:
 * no expected item, no serial match, marked as not listed by the base.
 */
export function detachSerialItem(tx: Tx, item: { itemId: string; serviceId: string | null }): void {
  stmt(tx, 'UPDATE handover_items SET expected_item_id = NULL, serial_key = NULL, unexpected = 1 WHERE id = ?').run(item.itemId);
  if (item.serviceId) touchService(tx, item.serviceId);
}

// --- ACTA_REUTILIZADA --------------------------------------------------------------------------

export function actaNumberTaken(db: ReadDb, station: string, number: string): boolean {
  return stmt(db, 'SELECT 1 FROM handovers WHERE origin_station = ? AND acta_number = ?').get(station, number) !== undefined;
}

/** A set-aside acta taking its place under a new number; the paper's number stays in original_number. */
export interface RestoredHandover {
  id: string;
  origin_station: string;
  acta_number: string;
  original_number: string;
  acta_year: number | null;
  acta_seq: number | null;
  historical: number;
  out_of_base: number;
  customer_id: string | null;
  holder_identification: string | null;
  holder_name: string;
  delivered_by: string;
  third_party_identification: string | null;
  third_party_name: string | null;
  third_party_documents: number;
  observations: string | null;
  office: string | null;
  city: string | null;
  clerk_user_id: string | null;
  clerk_name: string | null;
  delivered_at: string;
  created_at: string;
  content_hash: string | null;
  verification_code: string | null;
  pdf_path: string | null;
  signature: string | null;
}

export function insertRestoredHandover(tx: Tx, h: RestoredHandover): void {
  stmt(
    tx,
    `INSERT INTO handovers (id, origin_station, acta_number, original_number, acta_year, acta_seq, historical, out_of_base, customer_id,
       holder_identification, holder_name, delivered_by, third_party_identification, third_party_name, third_party_documents, observations,
       office, city, clerk_user_id, clerk_name, delivered_at, created_at, content_hash, verification_code, pdf_path, signature)
     VALUES (@id, @origin_station, @acta_number, @original_number, @acta_year, @acta_seq, @historical, @out_of_base, @customer_id,
       @holder_identification, @holder_name, @delivered_by, @third_party_identification, @third_party_name, @third_party_documents, @observations,
       @office, @city, @clerk_user_id, @clerk_name, @delivered_at, @created_at, @content_hash, @verification_code, @pdf_path, @signature)`,
  ).run(h);
}

export function customerExists(db: ReadDb, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM customers WHERE id = ?').get(id) !== undefined;
}

export function serviceExists(db: ReadDb, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM services WHERE id = ?').get(id) !== undefined;
}

/** The expected item of a service with this line key (serial, or type/brand/model and occurrence). */
export function expectedItemByLine(db: ReadDb, serviceId: string, lineKey: string): string | null {
  return (stmt(db, 'SELECT id FROM expected_items WHERE service_id = ? AND line_key = ?').pluck().get(serviceId, lineKey) as string | undefined) ?? null;
}

// --- SERVICIO_FUERA_DE_BASE --------------------------------------------------------------------

export interface ServiceRef {
  id: string;
  service_number: string;
  in_base: number;
  customer_id: string;
}

export function serviceRefByKey(db: ReadDb, key: string): ServiceRef | null {
  return (stmt(db, 'SELECT id, service_number, in_base, customer_id FROM services WHERE service_key = ?').get(key) as ServiceRef | undefined) ?? null;
}

/** Items recorded against a service, oldest first (voided actas' too: they move with the service). */
export function itemsOfService(db: ReadDb, serviceId: string): Array<{ id: string; serial_key: string | null; equipment_type: string | null; voided: number }> {
  return stmt(
    db,
    `SELECT hi.id, hi.serial_key, hi.equipment_type, EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = hi.handover_id) AS voided
     FROM handover_items hi WHERE hi.service_id = ? ORDER BY hi.created_at, hi.id`,
  ).all(serviceId) as Array<{ id: string; serial_key: string | null; equipment_type: string | null; voided: number }>;
}

/** A service's expected items, with whether an acta that is not voided already took each. */
export function expectedItemsOf(db: ReadDb, serviceId: string): Array<{ id: string; serial_key: string | null; equipment_type: string | null; taken: number }> {
  return stmt(
    db,
    `SELECT e.id, e.serial_key, e.equipment_type, EXISTS (
       SELECT 1 FROM handover_items hi WHERE hi.service_id = e.service_id
         AND (hi.expected_item_id = e.id OR (e.serial_key IS NOT NULL AND hi.serial_key = e.serial_key))
         AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = hi.handover_id)) AS taken
     FROM expected_items e WHERE e.service_id = ? ORDER BY e.line_key`,
  ).all(serviceId) as Array<{ id: string; serial_key: string | null; equipment_type: string | null; taken: number }>;
}

/** Moves an item to another service (the acta keeps the service number it printed). */
export function moveItemToService(tx: Tx, itemId: string, serviceId: string, expectedItemId: string | null): void {
  stmt(tx, 'UPDATE handover_items SET service_id = ?, expected_item_id = ?, unexpected = ? WHERE id = ?').run(
    serviceId, expectedItemId, expectedItemId ? 0 : 1, itemId);
  touchService(tx, serviceId);
}

/** Respaldos that covered one service cover the other instead. */
export function moveBackupLinks(tx: Tx, from: string, to: string): number {
  const moved = stmt(tx, 'INSERT OR IGNORE INTO backup_services (backup_id, service_id) SELECT backup_id, ? FROM backup_services WHERE service_id = ?').run(
    to, from).changes;
  stmt(tx, 'DELETE FROM backup_services WHERE service_id = ?').run(from);
  touchService(tx, to);
  return moved;
}

/** Removes an out-of-base service nothing refers to any more; false when something still does. */
export function removeUnusedOutOfBaseService(tx: Tx, id: string): boolean {
  return (
    stmt(
      tx,
      `DELETE FROM services WHERE id = @id AND in_base = 0
         AND NOT EXISTS (SELECT 1 FROM handover_items WHERE service_id = @id)
         AND NOT EXISTS (SELECT 1 FROM expected_items WHERE service_id = @id)
         AND NOT EXISTS (SELECT 1 FROM backup_services WHERE service_id = @id)
         AND NOT EXISTS (SELECT 1 FROM billing_lines WHERE service_id = @id)`,
    ).run({ id }).changes > 0
  );
}

// --- ESTACION_DUPLICADA ------------------------------------------------------------------------

export function stationById(db: ReadDb, id: string): { id: string; code: string; office: string; is_local: number } | null {
  return (stmt(db, 'SELECT id, code, office, is_local FROM stations WHERE id = ?').get(id) as
    | { id: string; code: string; office: string; is_local: number }
    | undefined) ?? null;
}

/** Whether a station code is taken here: by a station, by records or by an acta counter. */
export function stationCodeInUse(db: ReadDb, code: string): boolean {
  return (
    stmt(
      db,
      `SELECT EXISTS (SELECT 1 FROM stations WHERE code = @code) OR EXISTS (SELECT 1 FROM handovers WHERE origin_station = @code)
         OR EXISTS (SELECT 1 FROM acta_counters WHERE station_code = @code)`,
    )
      .pluck()
      .get({ code }) === 1
  );
}

export function setStationCode(tx: Tx, id: string, code: string): void {
  stmt(tx, 'UPDATE stations SET code = ? WHERE id = ?').run(code, id);
}

/** A station seen in a package but not kept here (its code was taken), recorded under its new code. */
export function insertSeenStation(tx: Tx, s: { id: string; code: string; office: string; regional: string | null; city: string | null; now: string }): void {
  stmt(tx, 'INSERT INTO stations (id, code, office, regional, city, is_local, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)').run(
    s.id, s.code, s.office, s.regional, s.city, s.now);
}
