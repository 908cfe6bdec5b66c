import type { BackupView } from '../../shared/contracts/backups';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';
import { touchService } from './writeSession';

// Respaldos: a backup of a customer, the services it covers and its stored documents. Covering a
// service, or a review decision, touches the services so the session recomputes their statuses.

export interface BackupRow {
  id: string;
  origin_station: string;
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

export function backupRow(db: ReadDb, id: string): BackupRow | null {
  return (stmt(db, `${SELECT} WHERE b.id = ?`).get(id) as BackupRow | undefined) ?? null;
}

/** Backups waiting for Posventa's review, oldest first. */
export function backupRowsInReview(db: ReadDb): BackupRow[] {
  return stmt(db, `${SELECT} WHERE b.status = 'EN_REVISION' ORDER BY b.created_at`).all() as BackupRow[];
}

export function backupRowsOfCustomer(db: ReadDb, customerId: string): BackupRow[] {
  return stmt(db, `${SELECT} WHERE b.customer_id = ? ORDER BY b.created_at DESC`).all(customerId) as BackupRow[];
}

export function backupServices(db: ReadDb, backupId: string): BackupView['services'] {
  return stmt(
    db,
    'SELECT s.id, s.service_number AS serviceNumber, s.business_line AS businessLine FROM backup_services bs JOIN services s ON s.id = bs.service_id WHERE bs.backup_id = ?',
  ).all(backupId) as BackupView['services'];
}

export function backupFiles(db: ReadDb, backupId: string): BackupView['files'] {
  return stmt(db, 'SELECT sha256, file_name AS name, mime, size FROM backup_files WHERE backup_id = ? ORDER BY rowid').all(backupId) as BackupView['files'];
}

/**
 * A document of this respaldo, with the respaldo's customer, or null when the respaldo does not hold
 * it (the same bytes attached to several respaldos are stored once: the respaldo opened is named).
 */
export function backupDocumentOf(db: ReadDb, backupId: string, sha256: string): { name: string; customerId: string | null; customerName: string | null } | null {
  return (
    (stmt(
      db,
      `SELECT f.file_name AS name, b.customer_id AS customerId, c.name AS customerName
       FROM backup_files f JOIN backups b ON b.id = f.backup_id LEFT JOIN customers c ON c.id = b.customer_id
       WHERE f.backup_id = ? AND f.sha256 = ? ORDER BY f.rowid LIMIT 1`,
    ).get(backupId, sha256) as { name: string; customerId: string | null; customerName: string | null } | undefined) ?? null
  );
}

export function backupStatus(db: ReadDb, id: string): BackupView['status'] | null {
  return (stmt(db, 'SELECT status FROM backups WHERE id = ?').pluck().get(id) as BackupView['status'] | undefined) ?? null;
}

export function insertBackup(
  tx: Tx,
  b: {
    id: string;
    originStation: string;
    customerId: string;
    actaNumber: string | null;
    actaDate: string | null;
    office: string | null;
    source: string;
    note: string | null;
    createdBy: string;
    createdAt: string;
  },
): void {
  stmt(
    tx,
    `INSERT INTO backups (id, origin_station, customer_id, status, acta_number, acta_date, office, source, note, created_by, created_at)
     VALUES (?, ?, ?, 'EN_REVISION', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(b.id, b.originStation, b.customerId, b.actaNumber, b.actaDate, b.office, b.source, b.note, b.createdBy, b.createdAt);
}

/** The backup covers this service: it goes to review. */
export function insertBackupService(tx: Tx, backupId: string, serviceId: string): void {
  stmt(tx, 'INSERT INTO backup_services (backup_id, service_id) VALUES (?, ?)').run(backupId, serviceId);
  touchService(tx, serviceId);
}

export function insertBackupFile(tx: Tx, f: { id: string; backupId: string; sha256: string; name: string; mime: string; size: number }): void {
  stmt(tx, 'INSERT INTO backup_files (id, backup_id, sha256, file_name, mime, size) VALUES (?, ?, ?, ?, ?, ?)').run(
    f.id, f.backupId, f.sha256, f.name, f.mime, f.size);
}

/** Posventa's decision on a backup; the services it covers follow it. */
export function setBackupReview(
  tx: Tx,
  id: string,
  r: { status: 'ACEPTADO' | 'RECHAZADO'; reason: string | null; by: string; at: string },
): void {
  stmt(tx, 'UPDATE backups SET status = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?').run(r.status, r.reason, r.by, r.at, id);
  for (const s of stmt(tx, 'SELECT service_id FROM backup_services WHERE backup_id = ?').pluck().all(id) as string[]) touchService(tx, s);
}
