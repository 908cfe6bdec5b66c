import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from '../../electron/db/encryption';
import type { ReadDb } from '../../electron/db/open';

/** The acta numbers in a database file (a copy, a replaced database), in the order they were saved. */
export function actaNumbersIn(path: string, key: Buffer | null): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (key) applyKey(db, key);
    return db.prepare('SELECT acta_number FROM handovers ORDER BY created_at, acta_number').pluck().all() as string[];
  } finally {
    db.close();
  }
}

export interface AuditRow {
  action: string;
  username: string | null;
  description: string;
  detail: string | null;
}

export function listAuditEntries(db: ReadDb, action: string): AuditRow[] {
  return db.prepare('SELECT action, username, description, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as AuditRow[];
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
