import type { ServiceStatus } from '../../shared/status';
import type { Db } from '../db/open';
import { stmt } from '../db/stmt';

/**
 * A service's status follows from what is recorded, never from an edit: expected items returned
 * in actas that are not voided. So voiding an acta puts the service back where it was.
 * Backup states (issue 4) are kept when nothing was returned.
 */
export function recomputeServiceStatus(db: Db, serviceId: string): ServiceStatus {
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
        WHERE hi.service_id = @id AND v.id IS NULL) AS anyReturned,
       (SELECT status FROM services WHERE id = @id) AS current`,
  ).get({ id: serviceId }) as { expected: number; returned: number; anyReturned: number; current: ServiceStatus };
  let status: ServiceStatus;
  if (counts.expected > 0 && counts.returned >= counts.expected) status = 'ENTREGADO';
  else if (counts.returned > 0) status = 'ENTREGA_PARCIAL';
  // A service outside the base has no expected items: whatever came back delivers it.
  else if (counts.expected === 0 && counts.anyReturned > 0) status = 'ENTREGADO';
  else if (counts.current === 'RESPALDO_EN_REVISION' || counts.current === 'REGULARIZADO' || counts.current === 'RESPALDO_RECHAZADO') {
    status = counts.current;
  } else status = 'PENDIENTE';
  if (status !== counts.current) {
    stmt(db, 'UPDATE services SET status = ?, updated_at = ? WHERE id = ?').run(status, new Date().toISOString(), serviceId);
  }
  return status;
}
