import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/** A stored respaldo or acta document (one file per hash and type), as the retention purge sees it. */
export interface KeptDocument {
  sha256: string;
  mime: string;
  /** How many records name it. */
  records: number;
  /** When the latest respaldo naming it was registered (ISO instant). */
  lastRegisteredAt: string;
}

/**
 * Documents whose files are still kept. Those of a respaldo still under review stay: a document
 * being decided upon must not vanish; it is purged once the review is done.
 */
export function keptDocuments(db: ReadDb): KeptDocument[] {
  // A tercero's documents of an acta (handover_documents) share the folder and the hash names: a
  // file both name is kept until both may go.
  return stmt(
    db,
    `SELECT k.sha256, k.mime, SUM(k.records) AS records, MAX(k.lastRegisteredAt) AS lastRegisteredAt FROM (
       SELECT f.sha256, f.mime, COUNT(*) AS records, MAX(r.created_at) AS lastRegisteredAt
         FROM backup_files f JOIN backups r ON r.id = f.backup_id
        WHERE f.purged_at IS NULL
        GROUP BY f.sha256, f.mime
       UNION ALL
       SELECT d.sha256, d.mime, COUNT(*), MAX(d.created_at)
         FROM handover_documents d WHERE d.purged_at IS NULL
        GROUP BY d.sha256, d.mime) AS k
      WHERE NOT EXISTS (SELECT 1 FROM backup_files g JOIN backups b ON b.id = g.backup_id
                         WHERE g.sha256 = k.sha256 AND b.status = 'EN_REVISION')
      GROUP BY k.sha256, k.mime`,
  ).all() as KeptDocument[];
}

/** Marks every record of these documents purged at `at`; the rows (hash, name, who, when) stay. */
export function markDocumentsPurged(tx: Tx, sha256s: string[], at: string): number {
  const mark = stmt(tx, 'UPDATE backup_files SET purged_at = ? WHERE sha256 = ? AND purged_at IS NULL');
  const markActa = stmt(tx, 'UPDATE handover_documents SET purged_at = ? WHERE sha256 = ? AND purged_at IS NULL');
  let n = 0;
  for (const sha of sha256s) n += mark.run(at, sha).changes + markActa.run(at, sha).changes;
  return n;
}

/** When a document's file was purged; null if it never was. */
export function documentPurgedAt(db: ReadDb, sha256: string): string | null {
  const row = stmt(
    db,
    `SELECT MAX(at) AS at FROM (SELECT MAX(purged_at) AS at FROM backup_files WHERE sha256 = ?
                             UNION ALL SELECT MAX(purged_at) FROM handover_documents WHERE sha256 = ?)`,
  ).get(sha256, sha256) as { at: string | null } | undefined;
  return row?.at ?? null;
}
