import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/** A stored respaldo document (one file per hash and type), as the retention purge sees it. */
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
  return stmt(
    db,
    `SELECT f.sha256, f.mime, COUNT(*) AS records, MAX(r.created_at) AS lastRegisteredAt
       FROM backup_files f JOIN backups r ON r.id = f.backup_id
      WHERE f.purged_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM backup_files g JOIN backups b ON b.id = g.backup_id
                         WHERE g.sha256 = f.sha256 AND b.status = 'EN_REVISION')
      GROUP BY f.sha256, f.mime`,
  ).all() as KeptDocument[];
}

/** Marks every record of these documents purged at `at`; the rows (hash, name, who, when) stay. */
export function markDocumentsPurged(tx: Tx, sha256s: string[], at: string): number {
  const mark = stmt(tx, 'UPDATE backup_files SET purged_at = ? WHERE sha256 = ? AND purged_at IS NULL');
  let n = 0;
  for (const sha of sha256s) n += mark.run(at, sha).changes;
  return n;
}

/** When a document's file was purged; null if it never was. */
export function documentPurgedAt(db: ReadDb, sha256: string): string | null {
  const row = stmt(db, 'SELECT MAX(purged_at) AS at FROM backup_files WHERE sha256 = ?').get(sha256) as { at: string | null } | undefined;
  return row?.at ?? null;
}
