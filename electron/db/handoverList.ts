import type { ReadDb } from './open';
import { stmt } from './stmt';

// What loading an office's list of earlier returns looks up: the base service a row refers to
// (by number, serial or identification), its items and what already came back. The historical
// actas themselves are written with the handover repository.

export interface ListTarget {
  id: string;
  customer_id: string;
  service_number: string;
}

export function serviceForList(db: ReadDb, key: string): ListTarget | null {
  return (stmt(db, 'SELECT id, customer_id, service_number FROM services WHERE service_key = ?').get(key) as ListTarget | undefined) ?? null;
}

/** The services whose expected items carry this serial (two at most: more than one is ambiguous). */
export function servicesWithSerial(db: ReadDb, key: string): ListTarget[] {
  return stmt(
    db,
    'SELECT s.id, s.customer_id, s.service_number FROM expected_items e JOIN services s ON s.id = e.service_id WHERE e.serial_key = ? LIMIT 2',
  ).all(key) as ListTarget[];
}

/** A customer's services in the base (two at most: more than one is ambiguous). */
export function baseServicesOfCustomer(db: ReadDb, customerId: string): ListTarget[] {
  return stmt(db, 'SELECT id, customer_id, service_number FROM services WHERE customer_id = ? AND in_base = 1 LIMIT 2').all(customerId) as ListTarget[];
}

export interface ListItem {
  id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  serial_key: string | null;
  /** The acta (not voided) that took it, by its line or by its serial on the same service. */
  returned_in: string | null;
}

export function serviceItemsForList(db: ReadDb, serviceId: string): ListItem[] {
  return stmt(
    db,
    `SELECT e.id, e.equipment_type, e.brand, e.model, e.serial, e.serial_key,
       (SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
         WHERE (hi.expected_item_id = e.id OR (e.serial_key IS NOT NULL AND hi.serial_key = e.serial_key AND hi.service_id = e.service_id))
           AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) LIMIT 1) AS returned_in
     FROM expected_items e WHERE e.service_id = ? ORDER BY e.rowid`,
  ).all(serviceId) as ListItem[];
}

/** The acta (not voided) that already took a serial the base does not list for the service. */
export function actaWithUnlistedSerial(db: ReadDb, key: string, serviceId: string): string | null {
  return (
    (stmt(
      db,
      `SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
       WHERE hi.serial_key = ? AND hi.service_id = ? AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) LIMIT 1`,
    )
      .pluck()
      .get(key, serviceId) as string | undefined) ?? null
  );
}

/** Whether the station already has an acta with this number. */
export function stationHasActa(db: ReadDb, station: string, actaNumber: string): boolean {
  return stmt(db, 'SELECT 1 FROM handovers WHERE origin_station = ? AND acta_number = ?').get(station, actaNumber) !== undefined;
}
