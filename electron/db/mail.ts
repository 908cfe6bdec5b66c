import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

// The campaign mailbox: each imported message once (by content hash and Message-ID), assigned to
// a backup or waiting for a person with the reason it could not be.

export function mailSeenByHash(db: ReadDb, sha256: string): boolean {
  return stmt(db, 'SELECT 1 FROM mail_messages WHERE sha256 = ?').get(sha256) !== undefined;
}

export function mailSeenByMessageId(db: ReadDb, messageId: string): boolean {
  return stmt(db, 'SELECT 1 FROM mail_messages WHERE message_id = ?').get(messageId) !== undefined;
}

export function insertMailMessage(
  tx: Tx,
  m: {
    id: string;
    originStation: string;
    sha256: string;
    messageId: string | null;
    fileName: string;
    subject: string | null;
    sender: string | null;
    sentAt: string | null;
    backupId: string | null;
    reason: string | null;
    /** JSON array of the stored attachments. */
    attachments: string;
    createdAt: string;
  },
): void {
  stmt(
    tx,
    `INSERT INTO mail_messages (id, origin_station, sha256, message_id, file_name, subject, sender, sent_at, status, reason, backup_id, attachments, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.id, m.originStation, m.sha256, m.messageId, m.fileName, m.subject, m.sender, m.sentAt, m.backupId ? 'ASIGNADO' : 'SIN_ASIGNAR', m.reason,
    m.backupId, m.attachments, m.createdAt);
}

export interface UnassignedMailRow {
  id: string;
  file_name: string;
  subject: string | null;
  sender: string | null;
  sent_at: string | null;
  reason: string | null;
  attachments: string;
}

export function unassignedMailRows(db: ReadDb): UnassignedMailRow[] {
  return stmt(
    db,
    "SELECT id, file_name, subject, sender, sent_at, reason, attachments FROM mail_messages WHERE status = 'SIN_ASIGNAR' ORDER BY sent_at, created_at",
  ).all() as UnassignedMailRow[];
}

export function mailMessage(db: ReadDb, id: string): { status: string; attachments: string; sender: string | null; subject: string | null } | null {
  return (
    (stmt(db, 'SELECT status, attachments, sender, subject FROM mail_messages WHERE id = ?').get(id) as
      | { status: string; attachments: string; sender: string | null; subject: string | null }
      | undefined) ?? null
  );
}

export function markMailAssigned(tx: Tx, id: string, backupId: string): void {
  stmt(tx, "UPDATE mail_messages SET status = 'ASIGNADO', backup_id = ?, reason = NULL WHERE id = ?").run(backupId, id);
}
