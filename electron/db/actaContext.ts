import type { ReadDb } from './open';
import { stmt } from './stmt';

// What an acta prints beyond its own record: who received (the user behind the clerk's name), the
// city of "Lugar" when the acta itself has none, and what the customer still owes after it.

export interface ActaClerkRow {
  username: string;
  identification: string | null;
}

/** The user who issued the acta, if this station knows them (an acta received from another office may name a user it has never seen). */
export function actaClerk(db: ReadDb, userId: string | null): ActaClerkRow | null {
  if (!userId) return null;
  return (stmt(db, 'SELECT username, identification FROM users WHERE id = ?').get(userId) as ActaClerkRow | undefined) ?? null;
}

/**
 * The city to print when the acta stored none (a station set up without one): the issuing
 * station's city as this station now knows it, else the base's CIUDAD most of the acta's services
 * share, else that of the customer's services.
 */
export function actaFallbackCity(db: ReadDb, a: { station: string; handoverId: string; customerId: string | null }): string | null {
  const station = stmt(db, "SELECT city FROM stations WHERE code = ? AND coalesce(trim(city), '') <> ''").get(a.station) as { city: string } | undefined;
  if (station) return station.city.trim();
  const ofActa = stmt(
    db,
    `SELECT s.city FROM handover_items hi JOIN services s ON s.id = hi.service_id
     WHERE hi.handover_id = ? AND coalesce(trim(s.city), '') <> '' GROUP BY s.city ORDER BY count(*) DESC, s.city LIMIT 1`,
  ).get(a.handoverId) as { city: string } | undefined;
  if (ofActa) return ofActa.city.trim();
  if (!a.customerId) return null;
  const ofCustomer = stmt(
    db,
    `SELECT city FROM services WHERE customer_id = ? AND coalesce(trim(city), '') <> '' GROUP BY city ORDER BY count(*) DESC, city LIMIT 1`,
  ).get(a.customerId) as { city: string } | undefined;
  return ofCustomer ? ofCustomer.city.trim() : null;
}

export interface OwedAfterActaRow {
  service_number: string;
  business_line: string | null;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  value_cents: number | null;
}

/**
 * The customer's expected items still out once this acta was signed: none of this acta's items, and
 * none an earlier (or same-moment) acta that stands took — by its line, or by its serial on the
 * same service, as the depuración counts it. Actas delivered later do not count, so a reprint says
 * what the original said. Services under review or regularised owe nothing (a respaldo covers them).
 */
export function itemsOwedAfterActa(db: ReadDb, a: { handoverId: string; customerId: string; deliveredAt: string }): OwedAfterActaRow[] {
  return stmt(
    db,
    `SELECT s.service_number, s.business_line, e.equipment_type, e.brand, e.model, e.serial, e.value_cents
     FROM services s JOIN expected_items e ON e.service_id = s.id
     WHERE s.customer_id = ? AND s.status NOT IN ('RESPALDO_EN_REVISION', 'REGULARIZADO')
       AND NOT EXISTS (
         SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
         WHERE hi.service_id = s.id AND (hi.expected_item_id = e.id OR (e.serial_key IS NOT NULL AND hi.serial_key = e.serial_key))
           AND (h.id = ? OR (h.delivered_at <= ? AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id))))
     ORDER BY s.service_number, e.source_row, e.rowid`,
  ).all(a.customerId, a.handoverId, a.deliveredAt) as OwedAfterActaRow[];
}
