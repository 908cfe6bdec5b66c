/**
 * Accountability and personal data. Users can be edited, deactivated and given a temporary
 * password; failed sign-ins are kept in the database so a restart does not reset the delay; every
 * change and every sensitive read is one entry of an append-only audit log, chained by hash per
 * station (entries of the offices arrive at the central in their packages and keep their chain);
 * database backups are recorded; each station publishes an X25519 key so offices can encrypt
 * their packages to the central.
 */
export const migration = {
  version: 9,
  name: 'accountability',
  sql: `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
ALTER TABLE users ADD COLUMN updated_by TEXT;
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
ALTER TABLE users ADD COLUMN deactivated_by TEXT;

-- One row per user name ever tried (known or not), so the growing delay survives a restart.
CREATE TABLE sign_in_attempts (
  username TEXT PRIMARY KEY COLLATE NOCASE,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  last_failure_at TEXT NOT NULL,
  locked_until TEXT
) STRICT;

-- Append-only: triggers below refuse UPDATE and DELETE. Each station's entries form one chain:
-- hash = SHA-256 over prev_hash and the entry's canonical fields (electron/db/audit.ts), so an
-- entry edited or deleted behind the app's back breaks the chain at the next one.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  station_code TEXT NOT NULL,
  station_seq INTEGER NOT NULL CHECK (station_seq >= 1),
  at TEXT NOT NULL,
  user_id TEXT,
  username TEXT,
  user_name TEXT,
  role TEXT,
  action TEXT NOT NULL,
  target_kind TEXT,
  target_id TEXT,
  customer_id TEXT,
  description TEXT NOT NULL,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  -- When this PC recorded it: differs from at for entries that arrived in a package.
  recorded_at TEXT NOT NULL,
  UNIQUE (station_code, station_seq)
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_customer ON audit_log (customer_id, at) WHERE customer_id IS NOT NULL;
CREATE INDEX audit_log_username ON audit_log (username COLLATE NOCASE, at);
CREATE INDEX audit_log_station_at ON audit_log (station_code, at);

-- The customer key behind a customer id an office's entry names: office ids are not the central's,
-- so the Auditoría screen finds an office's entries about a customer through the key.
CREATE TABLE audit_customer_keys (
  customer_id TEXT PRIMARY KEY,
  customer_key TEXT NOT NULL
) STRICT;
CREATE INDEX audit_customer_keys_key ON audit_customer_keys (customer_key);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Database backups this PC wrote (daily, weekly, before a migration, on demand) and restores.
CREATE TABLE db_backups (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('DIARIO', 'SEMANAL', 'MIGRACION', 'MANUAL')),
  file_name TEXT NOT NULL,
  folder TEXT NOT NULL,
  created_at TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  user_id TEXT,
  removed_at TEXT
) STRICT;
CREATE INDEX db_backups_created ON db_backups (created_at);

-- Base64 of the raw 32-byte X25519 public key offices encrypt their packages to.
ALTER TABLE stations ADD COLUMN encryption_key TEXT;

-- Respaldo documents whose file the retention policy removed: the row (hash, name, who, when) stays.
ALTER TABLE backup_files ADD COLUMN purged_at TEXT;
`,
};
