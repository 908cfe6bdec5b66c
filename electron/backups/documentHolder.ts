import type { AuditEvent } from '../../shared/audit';
import type { DocumentHolder } from '../../shared/contracts/backups';
import { AppFailure, assertNever } from '../../shared/result';
import { backupDocumentOf } from '../db/backups';
import { handoverDocumentOf } from '../db/handoverDocuments';
import { mailMessage } from '../db/mail';
import type { ReadDb } from '../db/open';

/**
 * The audit entry for opening a stored document as the respaldo, acta or mail message on screen
 * holds it (backups:file). Documents are stored once per SHA-256, so the same bytes may belong to
 * several respaldos of several customers: the entry names the one opened, never the first found.
 * A document that one does not hold is refused before it is read.
 */
export function documentOpening(db: ReadDb, sha256: string, of: DocumentHolder): AuditEvent {
  switch (of.kind) {
    case 'respaldo': {
      const doc = backupDocumentOf(db, of.id, sha256);
      if (!doc) throw new AppFailure('refused', 'Ese documento no está adjunto al respaldo que se abrió: no se muestra. Vuelva a abrir el respaldo y elija uno de sus documentos.');
      return {
        action: 'DOCUMENTO_ABIERTO',
        description: `Abrió el documento «${doc.name}» del respaldo de ${doc.customerName ?? 'cliente sin nombre'}`,
        targetKind: 'documento',
        targetId: sha256,
        customerId: doc.customerId,
        detail: { backupId: of.id, name: doc.name },
      };
    }
    case 'acta': {
      const doc = handoverDocumentOf(db, of.id, sha256);
      if (!doc) throw new AppFailure('refused', 'Ese documento no está adjunto al acta que se abrió: no se muestra. Vuelva a abrir el acta y elija uno de sus documentos.');
      return {
        action: 'DOCUMENTO_ABIERTO',
        description: `Abrió el documento «${doc.name}» del tercero en el acta ${doc.actaNumber} de ${doc.holderName}`,
        targetKind: 'documento',
        targetId: sha256,
        customerId: doc.customerId,
        detail: { handoverId: of.id, actaNumber: doc.actaNumber, name: doc.name },
      };
    }
    case 'correo': {
      const m = mailMessage(db, of.id);
      const attachment = m ? attachmentsOf(m.attachments).find((a) => a.sha256 === sha256) : undefined;
      if (!m || !attachment) throw new AppFailure('refused', 'Ese documento no llegó en el correo que se abrió: no se muestra. Vuelva a abrir el correo y elija uno de sus documentos.');
      return {
        action: 'DOCUMENTO_ABIERTO',
        description:
          m.status === 'SIN_ASIGNAR'
            ? `Abrió el documento «${attachment.name}» de un correo que aún no se asigna a un cliente`
            : `Abrió el documento «${attachment.name}» de un correo ya asignado a un respaldo`,
        targetKind: 'documento',
        targetId: sha256,
        customerId: null,
        detail: { mailId: of.id, name: attachment.name },
      };
    }
    default:
      return assertNever(of);
  }
}

/** A message's stored attachments (a JSON array written by the mailbox import). */
function attachmentsOf(json: string): Array<{ sha256: string; name: string }> {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (a): a is { sha256: string; name: string } =>
        typeof a === 'object' && a !== null && typeof (a as { sha256?: unknown }).sha256 === 'string' && typeof (a as { name?: unknown }).name === 'string',
    );
  } catch {
    return [];
  }
}
