import type { BackupView } from '../../shared/contracts/backups';
import type { SessionUser } from '../../shared/contracts/app';
import { AppFailure } from '../../shared/result';
import { cleanText } from '../../shared/text';
import { newId } from '../db/ids';
import type { Db } from '../db/open';
import { stmt } from '../db/stmt';
import { recomputeServiceStatus } from '../handovers/serviceStatus';
import type { StoredFile } from './fileStore';

interface BackupRow {
  id: string;
  status: BackupView['status'];
  customer_id: string | null;
  customer_name: string | null;
  identification: string | null;
  acta_number: string | null;
  acta_date: string | null;
  office: string | null;
  note: string | null;
  source: string;
  created_at: string;
  created_by: string | null;
  review_reason: string | null;
}

const SELECT = `SELECT b.*, c.name AS customer_name, c.identification FROM backups b LEFT JOIN customers c ON c.id = b.customer_id`;

function toView(db: Db, b: BackupRow): BackupView {
  return {
    id: b.id,
    status: b.status,
    customerId: b.customer_id,
    customerName: b.customer_name,
    identification: b.identification,
    services: stmt(db, 'SELECT s.id, s.service_number AS serviceNumber, s.business_line AS businessLine FROM backup_services bs JOIN services s ON s.id = bs.service_id WHERE bs.backup_id = ?').all(b.id) as BackupView['services'],
    actaNumber: b.acta_number,
    actaDate: b.acta_date,
    office: b.office,
    note: b.note,
    source: b.source,
    createdAt: b.created_at,
    createdBy: b.created_by,
    reviewReason: b.review_reason,
    files: stmt(db, 'SELECT sha256, file_name AS name, mime, size FROM backup_files WHERE backup_id = ? ORDER BY rowid').all(b.id) as BackupView['files'],
  };
}

export function loadBackup(db: Db, id: string): BackupView | null {
  const b = stmt(db, `${SELECT} WHERE b.id = ?`).get(id) as BackupRow | undefined;
  return b ? toView(db, b) : null;
}

export function backupsInReview(db: Db): BackupView[] {
  return (stmt(db, `${SELECT} WHERE b.status = 'EN_REVISION' ORDER BY b.created_at`).all() as BackupRow[]).map((b) => toView(db, b));
}

export function backupsOfCustomer(db: Db, customerId: string): BackupView[] {
  return (stmt(db, `${SELECT} WHERE b.customer_id = ? ORDER BY b.created_at DESC`).all(customerId) as BackupRow[]).map((b) => toView(db, b));
}

/** Records a backup with its (already stored) documents; its services go to review. */
export function registerBackup(
  db: Db,
  input: { customerId: string; serviceIds: string[]; actaNumber?: string; actaDate?: string; office?: string; note?: string; source?: string },
  files: Array<StoredFile & { name: string }>,
  station: string,
  user: SessionUser,
): string {
  return db
    .transaction(() => {
      const owner = stmt(db, 'SELECT id FROM customers WHERE id = ?').get(input.customerId);
      if (!owner) throw new AppFailure('not_found', 'No se encontró el cliente.');
      for (const s of input.serviceIds) {
        const svc = stmt(db, 'SELECT customer_id FROM services WHERE id = ?').get(s) as { customer_id: string } | undefined;
        if (!svc || svc.customer_id !== input.customerId) throw new AppFailure('conflict', 'Uno de los servicios marcados no es de este cliente.');
      }
      const id = newId();
      const now = new Date().toISOString();
      stmt(
        db,
        `INSERT INTO backups (id, origin_station, customer_id, status, acta_number, acta_date, office, source, note, created_by, created_at)
         VALUES (?, ?, ?, 'EN_REVISION', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, station, input.customerId, input.actaNumber ? cleanText(input.actaNumber).toUpperCase() : null, input.actaDate ?? null,
        input.office ? cleanText(input.office) : null, input.source ?? 'CAC', input.note ? cleanText(input.note) : null, user.fullName, now);
      for (const s of new Set(input.serviceIds)) stmt(db, 'INSERT INTO backup_services (backup_id, service_id) VALUES (?, ?)').run(id, s);
      for (const f of files) {
        stmt(db, 'INSERT INTO backup_files (id, backup_id, sha256, file_name, mime, size) VALUES (?, ?, ?, ?, ?, ?)').run(newId(), id, f.sha256, f.name, f.mime, f.size);
      }
      for (const s of input.serviceIds) recomputeServiceStatus(db, s);
      return id;
    })
    .immediate();
}

/** Posventa's decision: accepted → REGULARIZADO; rejected → owed again, with the reason on the card. */
export function reviewBackup(db: Db, id: string, decision: 'ACEPTAR' | 'RECHAZAR', reason: string | undefined, user: SessionUser): void {
  db.transaction(() => {
    const b = stmt(db, 'SELECT status FROM backups WHERE id = ?').get(id) as { status: string } | undefined;
    if (!b) throw new AppFailure('not_found', 'No se encontró el respaldo.');
    if (b.status !== 'EN_REVISION') throw new AppFailure('conflict', 'Este respaldo ya fue revisado.');
    stmt(db, 'UPDATE backups SET status = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?').run(
      decision === 'ACEPTAR' ? 'ACEPTADO' : 'RECHAZADO', reason ? cleanText(reason) : null, user.fullName, new Date().toISOString(), id);
    const services = stmt(db, 'SELECT service_id FROM backup_services WHERE backup_id = ?').pluck().all(id) as string[];
    for (const s of services) recomputeServiceStatus(db, s);
  }).immediate();
}
