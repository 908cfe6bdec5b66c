import type { ActaSummary, ActaView } from '../../shared/contracts/handovers';
import { localDayStart } from '../../shared/dates';
import type { Accessory } from '../../shared/handover';
import { effectiveValue } from '../../shared/prices';
import { actaClerk, actaFallbackCity, itemsOwedAfterActa } from '../db/actaContext';
import { actaSummariesBetween, actaSummariesOfCustomer, handoverItemRows, handoverRow, itemTypesBetween, type ActaSummaryRow } from '../db/actas';
import type { ReadDb } from '../db/open';
import { pricesOf } from '../db/settings';
import { handoverDocumentViews } from './handoverDocuments';
import { actaQrText } from './verification';

export function loadActaView(db: ReadDb, id: string): ActaView | null {
  const h = handoverRow(db, id);
  if (!h) return null;
  const items = handoverItemRows(db, id);
  const services = new Map<string, string | null>();
  for (const i of items) if (i.service_number && !services.has(i.service_number)) services.set(i.service_number, i.business_line);
  const clerk = actaClerk(db, h.clerk_user_id);
  const owed = h.customer_id ? itemsOwedAfterActa(db, { handoverId: h.id, customerId: h.customer_id, deliveredAt: h.delivered_at }) : [];
  // Valued as the card values them: the base's usable VALOR, else the type's price (as it stands now).
  const prices = owed.length > 0 ? pricesOf(db) : {};
  return {
    id: h.id,
    number: h.acta_number,
    station: h.origin_station,
    office: h.office,
    city: h.city?.trim() || actaFallbackCity(db, { station: h.origin_station, handoverId: h.id, customerId: h.customer_id }),
    deliveredAt: h.delivered_at,
    clerkName: h.clerk_name,
    clerkUsername: clerk?.username ?? null,
    clerkIdentification: clerk?.identification?.trim() || null,
    customerId: h.customer_id,
    holder: { identification: h.holder_identification, name: h.holder_name },
    deliveredBy: h.delivered_by,
    thirdParty:
      h.delivered_by === 'TERCERO'
        ? { identification: h.third_party_identification, name: h.third_party_name, documentsReceived: h.third_party_documents === 1 }
        : null,
    documents: h.delivered_by === 'TERCERO' ? handoverDocumentViews(db, h.id) : [],
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
    qrText: actaQrText(h),
    voided: h.void_reason ? { reason: h.void_reason, at: h.void_at!, by: h.void_by } : null,
    owed: owed.map((o) => ({
      serviceNumber: o.service_number,
      businessLine: o.business_line,
      type: o.equipment_type,
      brand: o.brand,
      model: o.model,
      serial: o.serial,
      valueCents: effectiveValue(o.value_cents, o.equipment_type, prices).cents,
    })),
  };
}

const toSummary = (r: ActaSummaryRow): ActaSummary => ({
  ...r,
  types: r.types ? r.types.split(',') : [],
  voided: r.voided === 1,
  outOfBase: r.outOfBase === 1,
  historical: r.historical === 1,
});

export function actasOfCustomer(db: ReadDb, customerId: string): ActaSummary[] {
  return actaSummariesOfCustomer(db, customerId).map(toSummary);
}

/**
 * A station's actas of the local days `from`..`to` (inclusive), newest first, and how many items
 * of each type they took (voided actas never count; they are listed only when asked for).
 */
export function actasOfDays(
  db: ReadDb,
  station: string,
  from: string,
  to: string,
  includeVoided: boolean,
): { actas: ActaSummary[]; byType: Array<{ type: string; count: number }> } {
  // Days are the station's days: from local midnight to the local midnight after `to`.
  const start = localDayStart(from).toISOString();
  const endDay = localDayStart(to);
  endDay.setDate(endDay.getDate() + 1);
  const end = endDay.toISOString();
  const all = actaSummariesBetween(db, station, start, end).map(toSummary);
  return { actas: includeVoided ? all : all.filter((a) => !a.voided), byType: itemTypesBetween(db, station, start, end) };
}
