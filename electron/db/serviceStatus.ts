import { deriveServiceStatus, type ServiceFacts, type ServiceStatus } from '../../shared/status';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/** Reads what the records say about a service: returned items and the latest backup covering it. */
export function serviceFacts(db: ReadDb, serviceId: string): ServiceFacts {
  const counts = stmt(
    db,
    `SELECT
       (SELECT count(*) FROM expected_items WHERE service_id = @id) AS expected,
       -- An expected item counts as returned when an acta took it, or took its serial as an item
       -- the base did not list yet (a handover recorded outside the base, then listed by Posventa).
       (SELECT count(*) FROM expected_items i WHERE i.service_id = @id AND EXISTS (
          SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
          WHERE hi.service_id = @id
            AND (hi.expected_item_id = i.id OR (i.serial_key IS NOT NULL AND hi.serial_key = i.serial_key))
            AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id))) AS returned,
       (SELECT count(*) FROM handover_items hi
          JOIN handovers h ON h.id = hi.handover_id
          LEFT JOIN handover_voids v ON v.handover_id = h.id
        WHERE hi.service_id = @id AND v.id IS NULL) AS anyReturned`,
  ).get({ id: serviceId }) as { expected: number; returned: number; anyReturned: number };
  const backup = stmt(
    db,
    `SELECT b.status, b.review_reason AS reason FROM backups b JOIN backup_services bs ON bs.backup_id = b.id
     WHERE bs.service_id = ? ORDER BY b.created_at DESC, b.rowid DESC LIMIT 1`,
  ).get(serviceId) as ServiceFacts['backup'] | undefined;
  return { ...counts, backup: backup ?? null };
}

/**
 * Stores the status the records give a service. Called by the write session before it commits,
 * for every service the session's writes touched; use cases never call it themselves.
 */
export function storeServiceStatus(tx: Tx, serviceId: string, now: string): ServiceStatus {
  return storedStatus(tx, serviceId, now).status;
}

/** As storeServiceStatus, saying whether the stored status or its reason changed. */
export function storedStatus(tx: Tx, serviceId: string, now: string): { status: ServiceStatus; changed: boolean } {
  const { status, reason } = deriveServiceStatus(serviceFacts(tx, serviceId));
  const { changes } = stmt(tx, 'UPDATE services SET status = ?, status_reason = ?, updated_at = ? WHERE id = ? AND (status IS NOT ? OR status_reason IS NOT ?)').run(
    status, reason, now, serviceId, status, reason);
  return { status, changed: changes > 0 };
}
