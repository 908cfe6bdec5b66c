import { rm } from 'node:fs/promises';
import { countOf } from '../../shared/auditText';
import { formatDate, localDay } from '../../shared/dates';
import { recordAudit } from '../db/audit';
import { documentPurgedAt as purgedAt, keptDocuments, markDocumentsPurged } from '../db/documentRetention';
import { nowIso } from '../db/ids';
import type { Db, ReadDb } from '../db/open';
import { campaignOf } from '../db/settings';
import { runWrite } from '../db/writeSession';
import { backupFilePath, extOf } from './fileStore';

/**
 * Retention of respaldo documents (LOPDP: personal data kept no longer than needed). A set number
 * of days after the campaign's deadline (`documentRetentionDays` in the campaign settings) the
 * documents' files are deleted (or as many days after their registration, when that is later); their records — hash, name, who registered and reviewed them,
 * when — stay, marked purged, so the history still says a document was there.
 */

/** The last day documents are kept: the deadline plus the retention days. */
export function retentionLastDay(deadline: string, days: number): string {
  const [y, m, d] = deadline.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** When the retention purge removed this document's file; null if it did not. */
export function documentPurgedAt(db: ReadDb, sha256: string): string | null {
  return purgedAt(db, sha256);
}

export interface PurgeResult {
  /** The last day documents are kept under the current settings. */
  lastDay: string;
  /** Files deleted now, and the records marked purged. */
  documents: number;
  records: number;
}

/**
 * Deletes the files of the documents past retention and marks their records, with one audit entry
 * (DOCUMENTOS_PURGADOS) for the lot. Idempotent and crash-safe: files are deleted before their
 * records are marked, so a kill in between leaves records the next run marks (deleting nothing twice).
 */
export async function purgeExpiredDocuments(o: { db: Db; dataDir: string; now?: Date }): Promise<PurgeResult> {
  const campaign = campaignOf(o.db);
  const lastDay = retentionLastDay(campaign.deadline, campaign.documentRetentionDays);
  const now = o.now ?? new Date();
  const today = localDay(now.toISOString());
  if (!today || today <= lastDay) return { lastDay, documents: 0, records: 0 };
  // A document registered after the deadline (a late respaldo, or a deadline left stale) is kept the
  // same number of days from its own registration: retention never deletes what just arrived.
  const docs = keptDocuments(o.db).filter((d) => today > retentionLastDay(localDay(d.lastRegisteredAt) ?? today, campaign.documentRetentionDays));
  if (docs.length === 0) return { lastDay, documents: 0, records: 0 };
  for (const d of docs) await rm(backupFilePath(o.dataDir, d.sha256, extOf(d.mime)), { force: true });
  const at = nowIso(now);
  const records = runWrite(o.db, (tx) => {
    const n = markDocumentsPurged(
      tx,
      docs.map((d) => d.sha256),
      at,
    );
    recordAudit(tx, null, {
      action: 'DOCUMENTOS_PURGADOS',
      description: `Eliminó ${countOf(docs.length, 'documento de respaldo', 'documentos de respaldo')} por la política de retención: ${countOf(campaign.documentRetentionDays, 'día', 'días')} después del cierre de la campaña (${formatDate(campaign.deadline)})`,
      targetKind: 'respaldo',
      detail: { documents: docs.length, records: n, retentionDays: campaign.documentRetentionDays, deadline: campaign.deadline, lastDay },
    });
    return n;
  });
  return { lastDay, documents: docs.length, records };
}
