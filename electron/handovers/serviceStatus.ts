import type { ServiceStatus } from '../../shared/status';
import type { Db } from '../db/open';
import { stmt } from '../db/stmt';

/**
 * A service's status follows from what is recorded, never from an edit: expected items returned
 * in actas that are not voided, and the latest backup (respaldo) that covers it. So voiding an
 * acta, or reviewing a backup, puts the service where the records say.
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
        WHERE hi.service_id = @id AND v.id IS NULL) AS anyReturned`,
  ).get({ id: serviceId }) as { expected: number; returned: number; anyReturned: number };
  // The latest backup that covers this service (respaldos): its decision decides unless everything came back.
  const backup = stmt(
    db,
    `SELECT b.status, b.review_reason FROM backups b JOIN backup_services bs ON bs.backup_id = b.id
     WHERE bs.service_id = ? ORDER BY b.created_at DESC, b.rowid DESC LIMIT 1`,
  ).get(serviceId) as { status: 'EN_REVISION' | 'ACEPTADO' | 'RECHAZADO'; review_reason: string | null } | undefined;
  let status: ServiceStatus;
  let reason: string | null = null;
  if (counts.expected > 0 && counts.returned >= counts.expected) status = 'ENTREGADO';
  // A service outside the base has no expected items: whatever came back delivers it.
  else if (counts.expected === 0 && counts.anyReturned > 0) status = 'ENTREGADO';
  else if (backup?.status === 'ACEPTADO') status = 'REGULARIZADO';
  else if (backup?.status === 'EN_REVISION') status = 'RESPALDO_EN_REVISION';
  else if (counts.returned > 0) status = 'ENTREGA_PARCIAL';
  else if (backup?.status === 'RECHAZADO') {
    status = 'RESPALDO_RECHAZADO';
    reason = backup.review_reason;
  } else status = 'PENDIENTE';
  stmt(db, 'UPDATE services SET status = ?, status_reason = ?, updated_at = ? WHERE id = ? AND (status IS NOT ? OR status_reason IS NOT ?)').run(
    status, reason, new Date().toISOString(), serviceId, status, reason);
  return status;
}
