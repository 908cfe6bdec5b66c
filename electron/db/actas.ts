import type { Condition } from '../../shared/handover';
import type { ReadDb } from './open';
import { stmt } from './stmt';

// Reading actas: one acta whole (to show, print or verify it), lists of a customer or of a
// station's days, and the verification lookups by number or code.

export interface HandoverRow {
  id: string;
  origin_station: string;
  acta_number: string;
  historical: number;
  out_of_base: number;
  customer_id: string | null;
  holder_identification: string | null;
  holder_name: string;
  delivered_by: 'TITULAR' | 'TERCERO';
  third_party_identification: string | null;
  third_party_name: string | null;
  third_party_documents: number;
  observations: string | null;
  office: string | null;
  city: string | null;
  clerk_user_id: string | null;
  clerk_name: string | null;
  delivered_at: string;
  content_hash: string | null;
  verification_code: string | null;
  /** Base64 Ed25519 signature by the issuing station (null for actas sealed before signatures). */
  signature: string | null;
  /** The number printed on the paper, when a conflict resolution gave the acta another one. */
  original_number: string | null;
  void_reason: string | null;
  void_at: string | null;
  void_by: string | null;
}

export interface HandoverItemRow {
  service_number: string | null;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  condition: Condition;
  accessories: string;
  note: string | null;
  unexpected: number;
  business_line: string | null;
}

/** An acta with its void, if any. */
export function handoverRow(db: ReadDb, id: string): HandoverRow | null {
  return (
    (stmt(
      db,
      `SELECT h.*, v.reason AS void_reason, v.created_at AS void_at, v.user_name AS void_by
       FROM handovers h LEFT JOIN handover_voids v ON v.handover_id = h.id WHERE h.id = ?`,
    ).get(id) as HandoverRow | undefined) ?? null
  );
}

/** An acta's items in the order they were recorded, with each service's business line. */
export function handoverItemRows(db: ReadDb, id: string): HandoverItemRow[] {
  return stmt(
    db,
    `SELECT hi.service_number, hi.equipment_type, hi.brand, hi.model, hi.serial, hi.condition, hi.accessories, hi.note, hi.unexpected,
            s.business_line
     FROM handover_items hi LEFT JOIN services s ON s.id = hi.service_id WHERE hi.handover_id = ? ORDER BY hi.rowid`,
  ).all(id) as HandoverItemRow[];
}

const SUMMARY = `SELECT h.id, h.acta_number AS number, h.delivered_at AS deliveredAt, h.clerk_name AS clerkName,
    h.holder_name AS holderName, h.holder_identification AS holderIdentification, h.out_of_base AS outOfBase, h.historical,
    (SELECT count(*) FROM handover_items hi WHERE hi.handover_id = h.id) AS itemCount,
    (SELECT group_concat(DISTINCT hi.equipment_type) FROM handover_items hi WHERE hi.handover_id = h.id) AS types,
    EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) AS voided
  FROM handovers h`;

/**
 * The statements behind the acta lists, named so the query-plan test checks what runs. A station's
 * days are found through the delivery-date index: nearly every acta of an office has its station
 * code, so `+origin_station` keeps the planner off the (station, created) index, which would read
 * the station's whole history to keep one day.
 */
export const ACTA_SQL = {
  ofCustomer: `${SUMMARY} WHERE h.customer_id = ? ORDER BY h.delivered_at DESC`,
  ofStationBetween: `${SUMMARY} WHERE +h.origin_station = ? AND h.delivered_at >= ? AND h.delivered_at < ? ORDER BY h.delivered_at DESC`,
  itemTypesBetween: `SELECT hi.equipment_type AS type, count(*) AS count FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
       WHERE +h.origin_station = ? AND h.delivered_at >= ? AND h.delivered_at < ?
         AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)
       GROUP BY hi.equipment_type ORDER BY count DESC, type`,
} as const;

export interface ActaSummaryRow {
  id: string;
  number: string;
  deliveredAt: string;
  clerkName: string | null;
  holderName: string;
  holderIdentification: string | null;
  outOfBase: number;
  /** 1 for an acta of an earlier campaign, loaded from a list: its day is known, not its time. */
  historical: number;
  itemCount: number;
  /** Equipment types, comma-separated. */
  types: string | null;
  voided: number;
}

export function actaSummariesOfCustomer(db: ReadDb, customerId: string): ActaSummaryRow[] {
  return stmt(db, ACTA_SQL.ofCustomer).all(customerId) as ActaSummaryRow[];
}

/** A station's actas delivered in `[fromIso, toIso)`, newest first. */
export function actaSummariesBetween(db: ReadDb, station: string, fromIso: string, toIso: string): ActaSummaryRow[] {
  return stmt(db, ACTA_SQL.ofStationBetween).all(station, fromIso, toIso) as ActaSummaryRow[];
}

/** Items taken by a station's actas (not voided) in `[fromIso, toIso)`, counted by type. */
export function itemTypesBetween(db: ReadDb, station: string, fromIso: string, toIso: string): Array<{ type: string; count: number }> {
  return stmt(db, ACTA_SQL.itemTypesBetween).all(station, fromIso, toIso) as Array<{ type: string; count: number }>;
}

/** The lookups behind verification, named so the query-plan test checks what runs. */
export const SEAL_SQL = {
  byNumberOfStation: `SELECT id FROM handovers WHERE origin_station = ? AND acta_number = ?
       UNION SELECT id FROM handovers WHERE original_number = ? AND origin_station = ?`,
  byNumber: 'SELECT id FROM handovers WHERE acta_number = ? UNION SELECT id FROM handovers WHERE original_number = ?',
  byCode: 'SELECT id FROM handovers WHERE verification_code = ? LIMIT 5',
  keysOfStation: `SELECT public_key AS publicKey, fingerprint, 1 AS current FROM stations WHERE code = ? AND enrolled_at IS NOT NULL AND public_key IS NOT NULL
     UNION
     SELECT public_key, fingerprint, 0 FROM station_key_events WHERE station_code = ?`,
} as const;

/**
 * Actas a printed number may name: the one that holds the number and one renumbered from it (its
 * paper still shows the original). With the station known (issued numbers carry it) the lookup
 * stays within the station's unique index.
 */
export function actaIdsByPrintedNumber(db: ReadDb, number: string, station: string | null): string[] {
  if (station) return stmt(db, SEAL_SQL.byNumberOfStation).pluck().all(station, number, number, station) as string[];
  return stmt(db, SEAL_SQL.byNumber).pluck().all(number, number) as string[];
}

export function actaIdsByCode(db: ReadDb, code: string): string[] {
  return stmt(db, SEAL_SQL.byCode).pluck().all(code) as string[];
}

export interface StationKeyOnRecord {
  publicKey: string;
  fingerprint: string;
  /** The key trusted for the station now; false for one it had before a re-enrolment. */
  current: boolean;
}

/**
 * Every key a station has been trusted with here, the current one first: an acta keeps verifying
 * after its station is re-enrolled with a new key (the events keep the older ones).
 */
export function stationKeysOnRecord(db: ReadDb, code: string): StationKeyOnRecord[] {
  const rows = stmt(db, SEAL_SQL.keysOfStation).all(code, code) as Array<{ publicKey: string; fingerprint: string; current: number }>;
  const seen = new Map<string, StationKeyOnRecord>();
  for (const r of rows.sort((a, b) => b.current - a.current)) if (!seen.has(r.publicKey)) seen.set(r.publicKey, { ...r, current: r.current === 1 });
  return [...seen.values()];
}

export function handoverIdByNumber(db: ReadDb, number: string): string | null {
  return (stmt(db, 'SELECT id FROM handovers WHERE acta_number = ?').pluck().get(number) as string | undefined) ?? null;
}
