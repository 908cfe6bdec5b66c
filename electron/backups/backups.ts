import type { BackupView } from '../../shared/contracts/backups';
import type { AuditActor } from '../../shared/audit';
import type { SessionUser } from '../../shared/contracts/app';
import { AppFailure } from '../../shared/result';
import { cleanText } from '../../shared/text';
import {
  backupFiles,
  backupRow,
  backupRowsInReview,
  backupRowsOfCustomer,
  backupServices,
  backupStatus,
  insertBackup,
  insertBackupFile,
  insertBackupService,
  setBackupReview,
  type BackupRow,
} from '../db/backups';
import { countOf as count } from '../../shared/auditText';
import { recordAudit } from '../db/audit';
import { customerById, serviceOwner } from '../db/customers';
import { newId } from '../db/ids';
import type { Db, ReadDb, Tx } from '../db/open';
import { runWrite } from '../db/writeSession';
import type { StoredFile } from './fileStore';

function toView(db: ReadDb, b: BackupRow): BackupView {
  return {
    id: b.id,
    status: b.status,
    customerId: b.customer_id,
    customerName: b.customer_name,
    identification: b.identification,
    services: backupServices(db, b.id),
    actaNumber: b.acta_number,
    actaDate: b.acta_date,
    office: b.office,
    note: b.note,
    source: b.source,
    station: b.origin_station,
    createdAt: b.created_at,
    createdBy: b.created_by,
    reviewReason: b.review_reason,
    files: backupFiles(db, b.id),
  };
}

export function loadBackup(db: ReadDb, id: string): BackupView | null {
  const b = backupRow(db, id);
  return b ? toView(db, b) : null;
}

export function backupsInReview(db: ReadDb): BackupView[] {
  return backupRowsInReview(db).map((b) => toView(db, b));
}

export function backupsOfCustomer(db: ReadDb, customerId: string): BackupView[] {
  return backupRowsOfCustomer(db, customerId).map((b) => toView(db, b));
}

export interface NewBackup {
  customerId: string;
  serviceIds: string[];
  actaNumber?: string;
  actaDate?: string;
  office?: string;
  note?: string;
  source?: string;
}

/**
 * Refuses a service that is not the customer's, or that an accepted respaldo settled. Checked again
 * inside the write session; the desk's call checks first too, before it keeps any document.
 */
export function refuseServicesNotOpen(db: ReadDb, input: Pick<NewBackup, 'customerId' | 'serviceIds'>): void {
  for (const s of input.serviceIds) {
    const service = serviceOwner(db, s);
    if (service?.customer_id !== input.customerId) throw new AppFailure('conflict', 'Uno de los servicios marcados no es de este cliente.');
    // An accepted respaldo settled it: another one would become its latest and, rejected, make the
    // service owe again (docs/domain.md §6.2). A return outranks any respaldo, so a delivered
    // service is not at risk; the forms do not offer it all the same.
    if (service.status === 'REGULARIZADO') {
      throw new AppFailure(
        'conflict',
        `El servicio ${service.service_number} ya está regularizado por un respaldo aceptado: no necesita otro. Desmárquelo y registre el respaldo solo para los servicios que aún deben.`,
      );
    }
  }
}

/**
 * Records a backup with its (already stored) documents inside an open session; its services go to
 * review when the session settles. For use cases that record more in the same session (mail).
 */
export function recordBackup(tx: Tx, input: NewBackup, files: Array<StoredFile & { name: string }>, station: string, user: AuditActor): string {
  const customer = customerById(tx, input.customerId);
  if (!customer) throw new AppFailure('not_found', 'No se encontró el cliente.');
  refuseServicesNotOpen(tx, input);
  const id = newId();
  insertBackup(tx, {
    id,
    originStation: station,
    customerId: input.customerId,
    actaNumber: input.actaNumber ? cleanText(input.actaNumber).toUpperCase() : null,
    actaDate: input.actaDate ?? null,
    office: input.office ? cleanText(input.office) : null,
    source: input.source ?? 'CAC',
    note: input.note ? cleanText(input.note) : null,
    createdBy: user.fullName,
    createdAt: new Date().toISOString(),
  });
  for (const s of new Set(input.serviceIds)) insertBackupService(tx, id, s);
  // The same document chosen twice (or under two names) is one document of this respaldo.
  const kept = files.filter((f, i) => files.findIndex((g) => g.sha256 === f.sha256) === i);
  for (const f of kept) insertBackupFile(tx, { id: newId(), backupId: id, sha256: f.sha256, name: f.name, mime: f.mime, size: f.size });
  // Whoever registers it (at the desk, from the mailbox or assigning a message) leaves the entry in this same session.
  const services = backupServices(tx, id).map((s) => s.serviceNumber);
  recordAudit(tx, user, {
    action: 'RESPALDO_REGISTRADO',
    description: `Registró un respaldo${input.source === 'CORREO' ? ' recibido por correo' : ''} de ${customer.name ?? 'cliente sin nombre'} para ${count(services.length, 'servicio', 'servicios')} (${services.join(', ')}) con ${count(kept.length, 'documento', 'documentos')}`,
    targetKind: 'respaldo',
    targetId: id,
    customerId: customer.id,
    detail: { services, documents: kept.map((f) => f.name), source: input.source ?? 'CAC', actaNumber: input.actaNumber ?? null },
  });
  return id;
}

/** Records a backup with its (already stored) documents; its services go to review. */
export function registerBackup(db: Db, input: NewBackup, files: Array<StoredFile & { name: string }>, station: string, user: SessionUser): string {
  return runWrite(db, (tx) => recordBackup(tx, input, files, station, user));
}

/** Posventa's decision: accepted → REGULARIZADO; rejected → owed again, with the reason on the card. */
export function reviewBackup(db: Db, id: string, decision: 'ACEPTAR' | 'RECHAZAR', reason: string | undefined, user: SessionUser): void {
  runWrite(db, (tx) => {
    const status = backupStatus(tx, id);
    if (!status) throw new AppFailure('not_found', 'No se encontró el respaldo.');
    if (status !== 'EN_REVISION') throw new AppFailure('conflict', 'Este respaldo ya fue revisado.');
    const why = reason ? cleanText(reason) : null;
    setBackupReview(tx, id, {
      status: decision === 'ACEPTAR' ? 'ACEPTADO' : 'RECHAZADO',
      reason: why,
      by: user.fullName,
      at: new Date().toISOString(),
    });
    const b = backupRow(tx, id)!;
    recordAudit(tx, user, {
      action: 'RESPALDO_REVISADO',
      description: `${decision === 'ACEPTAR' ? 'Aceptó' : 'Rechazó'} el respaldo de ${b.customer_name ?? 'cliente sin nombre'}${why ? `: ${why}` : ''}`,
      targetKind: 'respaldo',
      targetId: id,
      customerId: b.customer_id,
      detail: { decision, reason: why },
    });
  });
}
