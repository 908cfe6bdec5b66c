import type { AuditActor } from '../../shared/audit';
import { countOf } from '../../shared/auditText';
import { handoverDocumentLabel, type HandoverDocumentKind, type HandoverDocumentView } from '../../shared/contracts/handovers';
import { AppFailure } from '../../shared/result';
import { storeBackupFile, type StoredFile } from '../backups/fileStore';
import { recordAudit } from '../db/audit';
import { handoverRow } from '../db/actas';
import { handoverDocumentRows, insertHandoverDocument } from '../db/handoverDocuments';
import { newId } from '../db/ids';
import type { Db, ReadDb, Tx } from '../db/open';
import { runWrite } from '../db/writeSession';

/**
 * The tercero's documents (authorisation letter, copy of the holder's ID). Their bytes are kept
 * exactly as respaldo documents are: checked by size and structure, content-addressed and sealed
 * (backups/fileStore.ts), so the viewer and the retention purge treat both alike.
 */
export type StoredHandoverDocument = StoredFile & { name: string; kind: HandoverDocumentKind };

/** Stores the chosen files before the write session (copying is asynchronous); one refused file stops everything. */
export async function storeHandoverDocuments(
  files: Array<{ path: string; name: string; kind: HandoverDocumentKind }>,
  dataDir: string,
  dataKey: Buffer | undefined,
): Promise<StoredHandoverDocument[]> {
  const stored: StoredHandoverDocument[] = [];
  for (const f of files) stored.push({ ...(await storeBackupFile(dataDir, f.path, f.name, dataKey)), kind: f.kind });
  return stored;
}

/** Records already stored documents against an acta, inside the caller's session. */
export function recordHandoverDocuments(tx: Tx, handoverId: string, docs: StoredHandoverDocument[], station: string, by: string | null, now: string): void {
  for (const d of docs) {
    insertHandoverDocument(tx, {
      id: newId(),
      originStation: station,
      handoverId,
      kind: d.kind,
      sha256: d.sha256,
      fileName: d.name,
      mime: d.mime,
      size: d.size,
      createdBy: by,
      createdAt: now,
    });
  }
}

export function handoverDocumentViews(db: ReadDb, handoverId: string): HandoverDocumentView[] {
  return handoverDocumentRows(db, handoverId).map((d) => ({
    id: d.id,
    kind: d.kind,
    sha256: d.sha256,
    name: d.file_name,
    mime: d.mime,
    size: d.size,
    createdAt: d.created_at,
    createdBy: d.created_by,
    purgedAt: d.purged_at,
  }));
}

/**
 * Attaches documents to an acta saved earlier (the clerk marked them presented and scanned the
 * paper later). Only a tercero's acta, only at the station that issued it, never a voided one;
 * the attachment and its audit entry commit together.
 */
export function attachHandoverDocuments(db: Db, handoverId: string, docs: StoredHandoverDocument[], station: string, user: AuditActor): void {
  runWrite(db, (tx) => {
    const h = handoverRow(tx, handoverId);
    if (!h) throw new AppFailure('not_found', 'No se encontró el acta.');
    if (h.delivered_by !== 'TERCERO') throw new AppFailure('refused', `El acta ${h.acta_number} la entregó el titular: no lleva documentos de un tercero.`);
    if (h.void_reason) throw new AppFailure('conflict', `El acta ${h.acta_number} está anulada: no se le adjuntan documentos.`);
    if (h.origin_station !== station) {
      throw new AppFailure('refused', `El acta ${h.acta_number} fue emitida por la estación ${h.origin_station}: los documentos se adjuntan en esa estación.`);
    }
    recordHandoverDocuments(tx, handoverId, docs, station, user.fullName, new Date().toISOString());
    recordAudit(tx, user, {
      action: 'ACTA_DOCUMENTOS_ADJUNTOS',
      description: `Adjuntó ${countOf(docs.length, 'documento', 'documentos')} del tercero al acta ${h.acta_number} de ${h.holder_name}: ${docs.map((d) => `${handoverDocumentLabel(d.kind)} «${d.name}»`).join(', ')}`,
      targetKind: 'acta',
      targetId: h.acta_number,
      customerId: h.customer_id,
      detail: { documents: docs.map((d) => ({ kind: d.kind, name: d.name, sha256: d.sha256 })) },
    });
  });
}
