import type { ReadDb } from './open';
import { stmt } from './stmt';

// The items the base says each service must return. Written by the base import; read here.

export interface ExpectedForHandover {
  id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  service_id: string;
  service_number: string;
  customer_id: string;
  /** The acta (not voided) that already took it. */
  returned_in: string | null;
}

/** An expected item as an acta takes it: what the base says, its service and owner, and whether it came back. */
export function expectedItemForHandover(db: ReadDb, id: string): ExpectedForHandover | null {
  return (
    (stmt(
      db,
      `SELECT i.id, i.equipment_type, i.brand, i.model, i.serial, i.service_id, s.service_number, s.customer_id,
         (SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
           WHERE hi.expected_item_id = i.id AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)) AS returned_in
       FROM expected_items i JOIN services s ON s.id = i.service_id WHERE i.id = ?`,
    ).get(id) as ExpectedForHandover | undefined) ?? null
  );
}

export interface SerialOwner {
  customerId: string;
  name: string | null;
  identification: string | null;
  serviceNumber: string;
  itemId: string;
  returned: number;
}

/** Whose expected item a serial is (at most ten), and whether an acta already took it. */
export function serialOwners(db: ReadDb, key: string): SerialOwner[] {
  return stmt(
    db,
    `SELECT c.id AS customerId, c.name, c.identification, s.service_number AS serviceNumber, i.id AS itemId,
       EXISTS (SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id WHERE hi.expected_item_id = i.id
               AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)) AS returned
     FROM expected_items i JOIN services s ON s.id = i.service_id JOIN customers c ON c.id = s.customer_id
     WHERE i.serial_key = ? LIMIT 10`,
  ).all(key) as SerialOwner[];
}
