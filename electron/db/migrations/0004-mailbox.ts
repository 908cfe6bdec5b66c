// Messages of the campaign mailbox saved as .eml: each is imported once (by its content hash),
// and those that could not be matched to a customer wait for a person to assign them.
export const migration = {
  version: 4,
  name: 'mailbox',
  sql: `CREATE TABLE mail_messages (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  message_id TEXT,
  file_name TEXT NOT NULL,
  subject TEXT,
  sender TEXT,
  sent_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('ASIGNADO', 'SIN_ASIGNAR')),
  reason TEXT,
  backup_id TEXT REFERENCES backups(id),
  attachments TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX mail_messages_status ON mail_messages(status);`,
};
