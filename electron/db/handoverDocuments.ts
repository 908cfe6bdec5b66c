import type { HandoverDocumentKind } from '../../shared/contracts/handovers';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

// The tercero's documents of an acta (authorisation letter, copy of the holder's ID): rows only;
// the bytes are stored like respaldo files (backups/fileStore.ts) under their hash.

export interface HandoverDocumentRow {
  id: string;
  kind: HandoverDocumentKind;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  created_by: string | null;
  created_at: string;
  purged_at: string | null;
}

export interface NewHandoverDocument {
  id: string;
  originStation: string;
  handoverId: string;
  kind: HandoverDocumentKind;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  createdBy: string | null;
  createdAt: string;
}

export function insertHandoverDocument(tx: Tx, d: NewHandoverDocument): void {
  stmt(
    tx,
    `INSERT INTO handover_documents (id, origin_station, handover_id, kind, sha256, file_name, mime, size, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.originStation, d.handoverId, d.kind, d.sha256, d.fileName, d.mime, d.size, d.createdBy, d.createdAt);
}

/** An acta's documents, in the order they were attached. */
export function handoverDocumentRows(db: ReadDb, handoverId: string): HandoverDocumentRow[] {
  return stmt(
    db,
    `SELECT id, kind, sha256, file_name, mime, size, created_by, created_at, purged_at
       FROM handover_documents WHERE handover_id = ? ORDER BY created_at, rowid`,
  ).all(handoverId) as HandoverDocumentRow[];
}

/** A tercero's document of this acta, with the acta's number and customer, or null when the acta does not hold it. */
export function handoverDocumentOf(
  db: ReadDb,
  handoverId: string,
  sha256: string,
): { name: string; actaNumber: string; customerId: string | null; holderName: string } | null {
  return (
    (stmt(
      db,
      `SELECT d.file_name AS name, h.acta_number AS actaNumber, h.customer_id AS customerId, h.holder_name AS holderName
         FROM handover_documents d JOIN handovers h ON h.id = d.handover_id
        WHERE d.handover_id = ? AND d.sha256 = ? ORDER BY d.created_at, d.rowid LIMIT 1`,
    ).get(handoverId, sha256) as { name: string; actaNumber: string; customerId: string | null; holderName: string } | undefined) ?? null
  );
}
