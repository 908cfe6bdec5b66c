import type { Condition } from '../../shared/handover';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';
import { touchService } from './writeSession';

// Actas (handovers), their items and voids, and the per-station acta counter: the write side.
// Every write that changes what a service got back touches it, so the session recomputes its status.

/**
 * The next acta sequence of a station and year. Taken inside the session that stores the acta: if
 * it rolls back (or the app dies before COMMIT), the counter rolls back with it, so a number is
 * either on a stored acta or was never issued.
 */
export function takeActaSeq(tx: Tx, station: string, year: number): number {
  return stmt(
    tx,
    `INSERT INTO acta_counters (station_code, year, last_seq) VALUES (?, ?, 1)
     ON CONFLICT (station_code, year) DO UPDATE SET last_seq = last_seq + 1
     RETURNING last_seq`,
  )
    .pluck()
    .get(station, year) as number;
}

export interface NewHandover {
  id: string;
  originStation: string;
  actaNumber: string;
  /** Year and sequence of a number Recupera issued; null for a historical acta's paper number. */
  actaYear: number | null;
  actaSeq: number | null;
  historical: boolean;
  outOfBase: boolean;
  customerId: string | null;
  holderIdentification: string | null;
  holderName: string;
  deliveredBy: 'TITULAR' | 'TERCERO';
  thirdPartyIdentification: string | null;
  thirdPartyName: string | null;
  thirdPartyDocuments: boolean;
  observations: string | null;
  office: string | null;
  city: string | null;
  clerkUserId: string | null;
  clerkName: string | null;
  deliveredAt: string;
  createdAt: string;
  contentHash: string | null;
  verificationCode: string | null;
}

export function insertHandover(tx: Tx, h: NewHandover): void {
  stmt(
    tx,
    `INSERT INTO handovers (id, origin_station, acta_number, acta_year, acta_seq, historical, out_of_base, customer_id,
       holder_identification, holder_name, delivered_by, third_party_identification, third_party_name, third_party_documents,
       observations, office, city, clerk_user_id, clerk_name, delivered_at, created_at, content_hash, verification_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(h.id, h.originStation, h.actaNumber, h.actaYear, h.actaSeq, h.historical ? 1 : 0, h.outOfBase ? 1 : 0, h.customerId,
    h.holderIdentification, h.holderName, h.deliveredBy, h.thirdPartyIdentification, h.thirdPartyName, h.thirdPartyDocuments ? 1 : 0,
    h.observations, h.office, h.city, h.clerkUserId, h.clerkName, h.deliveredAt, h.createdAt, h.contentHash, h.verificationCode);
}

/** The seal of an acta just stored (its items are in): content hash, short code and the station's signature. */
export function setHandoverSeal(tx: Tx, id: string, s: { contentHash: string; verificationCode: string; signature: string }): void {
  stmt(tx, 'UPDATE handovers SET content_hash = ?, verification_code = ?, signature = ? WHERE id = ?').run(s.contentHash, s.verificationCode, s.signature, id);
}

export interface NewHandoverItem {
  id: string;
  originStation: string;
  handoverId: string;
  serviceId: string | null;
  expectedItemId: string | null;
  serviceNumber: string | null;
  equipmentType: string;
  brand: string | null;
  model: string | null;
  serial: string | null;
  serialKey: string | null;
  condition: Condition;
  /** JSON array of accessories. */
  accessories: string;
  note: string | null;
  unexpected: boolean;
  createdAt: string;
}

export function insertHandoverItem(tx: Tx, i: NewHandoverItem): void {
  stmt(
    tx,
    `INSERT INTO handover_items (id, origin_station, handover_id, service_id, expected_item_id, service_number, equipment_type, brand,
       model, serial, serial_key, condition, accessories, note, unexpected, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(i.id, i.originStation, i.handoverId, i.serviceId, i.expectedItemId, i.serviceNumber, i.equipmentType, i.brand, i.model, i.serial,
    i.serialKey, i.condition, i.accessories, i.note, i.unexpected ? 1 : 0, i.createdAt);
  if (i.serviceId) touchService(tx, i.serviceId);
}

export function handoverExists(db: ReadDb, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM handovers WHERE id = ?').get(id) !== undefined;
}

/** The station that issued an acta (its records and its voids are that station's), or null when it is not here. */
export function handoverOriginStation(db: ReadDb, id: string): string | null {
  return (stmt(db, 'SELECT origin_station FROM handovers WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function isVoided(db: ReadDb, handoverId: string): boolean {
  return stmt(db, 'SELECT 1 FROM handover_voids WHERE handover_id = ?').get(handoverId) !== undefined;
}

/** Voids an acta: its services go back to what the rest of the records say. */
export function insertVoid(
  tx: Tx,
  v: { id: string; originStation: string; handoverId: string; reason: string; userId: string | null; userName: string | null; createdAt: string },
): void {
  stmt(tx, 'INSERT INTO handover_voids (id, origin_station, handover_id, reason, user_id, user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    v.id, v.originStation, v.handoverId, v.reason, v.userId, v.userName, v.createdAt);
  const services = stmt(tx, 'SELECT DISTINCT service_id FROM handover_items WHERE handover_id = ? AND service_id IS NOT NULL').pluck().all(v.handoverId) as string[];
  for (const s of services) touchService(tx, s);
}

/** Where the acta's archived PDF is (the original, or the voided copy once voided). */
export function handoverPdfPath(db: ReadDb, id: string): string | null {
  return (stmt(db, 'SELECT pdf_path FROM handovers WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
}

export function setHandoverPdfPath(tx: Tx, id: string, path: string): void {
  stmt(tx, 'UPDATE handovers SET pdf_path = ? WHERE id = ?').run(path, id);
}

/**
 * This station's own actas (not historical ones, which live on paper) with where their archived PDF
 * should be, for recovery on start to archive those saved without one. Oldest first.
 */
export function ownActaArchives(db: ReadDb, station: string): Array<{ id: string; number: string; pdfPath: string | null }> {
  return stmt(db, 'SELECT id, acta_number AS number, pdf_path AS pdfPath FROM handovers WHERE origin_station = ? AND historical = 0 ORDER BY created_at, id').all(station) as Array<{
    id: string;
    number: string;
    pdfPath: string | null;
  }>;
}
