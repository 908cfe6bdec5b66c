import type { ActaSummary, ActaView } from '../../shared/contracts/handovers';
import type { Accessory, Condition } from '../../shared/handover';
import type { Db } from '../db/open';
import { stmt } from '../db/stmt';

interface HandoverRow {
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
  clerk_name: string | null;
  delivered_at: string;
  verification_code: string | null;
  void_reason: string | null;
  void_at: string | null;
  void_by: string | null;
}

export function loadActaView(db: Db, id: string): ActaView | null {
  const h = stmt(
    db,
    `SELECT h.*, v.reason AS void_reason, v.created_at AS void_at, v.user_name AS void_by
     FROM handovers h LEFT JOIN handover_voids v ON v.handover_id = h.id WHERE h.id = ?`,
  ).get(id) as HandoverRow | undefined;
  if (!h) return null;
  const items = stmt(
    db,
    `SELECT hi.service_number, hi.equipment_type, hi.brand, hi.model, hi.serial, hi.condition, hi.accessories, hi.note, hi.unexpected,
            s.business_line
     FROM handover_items hi LEFT JOIN services s ON s.id = hi.service_id WHERE hi.handover_id = ? ORDER BY hi.rowid`,
  ).all(id) as Array<{
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
  }>;
  const services = new Map<string, string | null>();
  for (const i of items) if (i.service_number && !services.has(i.service_number)) services.set(i.service_number, i.business_line);
  return {
    id: h.id,
    number: h.acta_number,
    station: h.origin_station,
    office: h.office,
    city: h.city,
    deliveredAt: h.delivered_at,
    clerkName: h.clerk_name,
    customerId: h.customer_id,
    holder: { identification: h.holder_identification, name: h.holder_name },
    deliveredBy: h.delivered_by,
    thirdParty:
      h.delivered_by === 'TERCERO'
        ? { identification: h.third_party_identification, name: h.third_party_name, documentsReceived: h.third_party_documents === 1 }
        : null,
    services: [...services].map(([serviceNumber, businessLine]) => ({ serviceNumber, businessLine })),
    items: items.map((i) => ({
      serviceNumber: i.service_number,
      type: i.equipment_type,
      brand: i.brand,
      model: i.model,
      serial: i.serial,
      condition: i.condition,
      accessories: JSON.parse(i.accessories) as Accessory[],
      note: i.note,
      unexpected: i.unexpected === 1,
    })),
    observations: h.observations,
    outOfBase: h.out_of_base === 1,
    historical: h.historical === 1,
    verificationCode: h.verification_code ?? '',
    voided: h.void_reason ? { reason: h.void_reason, at: h.void_at!, by: h.void_by } : null,
  };
}

const SUMMARY_SQL = `SELECT h.id, h.acta_number AS number, h.delivered_at AS deliveredAt, h.clerk_name AS clerkName,
    h.holder_name AS holderName, h.holder_identification AS holderIdentification, h.out_of_base AS outOfBase,
    (SELECT count(*) FROM handover_items hi WHERE hi.handover_id = h.id) AS itemCount,
    (SELECT group_concat(DISTINCT hi.equipment_type) FROM handover_items hi WHERE hi.handover_id = h.id) AS types,
    EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) AS voided
  FROM handovers h`;

type SummaryRow = Omit<ActaSummary, 'types' | 'voided' | 'outOfBase'> & { types: string | null; voided: number; outOfBase: number };

const toSummary = (r: SummaryRow): ActaSummary => ({
  ...r,
  types: r.types ? r.types.split(',') : [],
  voided: r.voided === 1,
  outOfBase: r.outOfBase === 1,
});

export function actasOfCustomer(db: Db, customerId: string): ActaSummary[] {
  return (stmt(db, `${SUMMARY_SQL} WHERE h.customer_id = ? ORDER BY h.delivered_at DESC`).all(customerId) as SummaryRow[]).map(toSummary);
}

/** Actas of this station between two local dates (inclusive), newest first. */
export function actasBetween(db: Db, station: string, fromIso: string, toIso: string): ActaSummary[] {
  return (
    stmt(db, `${SUMMARY_SQL} WHERE h.origin_station = ? AND h.delivered_at >= ? AND h.delivered_at < ? ORDER BY h.delivered_at DESC`).all(
      station,
      fromIso,
      toIso,
    ) as SummaryRow[]
  ).map(toSummary);
}
