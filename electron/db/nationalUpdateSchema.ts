/**
 * Tables of a national update's `datos.sqlite`. Records refer to customers, services and expected
 * items by their keys in the base (customer_key, service_key, line_key), never by a database's
 * internal ids, so every office matches them to its own rows. Their columns restate the main
 * schema's; they change only with a new update format version.
 */
export const UPDATE_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE customers (
  customer_key TEXT PRIMARY KEY,
  identification TEXT,
  id_type TEXT,
  name TEXT,
  phone TEXT,
  email TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE services (
  service_key TEXT PRIMARY KEY,
  customer_key TEXT NOT NULL,
  service_number TEXT NOT NULL,
  business_line TEXT,
  business_line_raw TEXT,
  cancel_date TEXT,
  regional TEXT,
  province TEXT,
  city TEXT,
  charges_loaded INTEGER NOT NULL,
  paid INTEGER NOT NULL,
  claim INTEGER NOT NULL,
  in_base INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE expected_items (
  service_key TEXT NOT NULL,
  line_key TEXT NOT NULL,
  equipment_type TEXT,
  brand TEXT,
  model TEXT,
  serial TEXT,
  serial_key TEXT,
  value_cents INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (service_key, line_key)
) STRICT;
CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  acta_number TEXT NOT NULL,
  acta_year INTEGER,
  acta_seq INTEGER,
  historical INTEGER NOT NULL,
  out_of_base INTEGER NOT NULL,
  customer_key TEXT,
  holder_identification TEXT,
  holder_name TEXT NOT NULL,
  delivered_by TEXT NOT NULL,
  third_party_identification TEXT,
  third_party_name TEXT,
  third_party_documents INTEGER NOT NULL,
  observations TEXT,
  office TEXT,
  city TEXT,
  clerk_user_id TEXT,
  clerk_name TEXT,
  delivered_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content_hash TEXT,
  verification_code TEXT,
  signature TEXT,
  original_number TEXT
) STRICT;
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  service_number TEXT,
  service_key TEXT,
  line_key TEXT,
  equipment_type TEXT,
  brand TEXT,
  model TEXT,
  serial TEXT,
  serial_key TEXT,
  condition TEXT NOT NULL,
  accessories TEXT NOT NULL,
  note TEXT,
  unexpected INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE voids (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  user_id TEXT,
  user_name TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE backups (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  customer_key TEXT,
  status TEXT NOT NULL,
  acta_number TEXT,
  acta_date TEXT,
  office TEXT,
  source TEXT NOT NULL,
  note TEXT,
  review_reason TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE backup_services (
  backup_id TEXT NOT NULL,
  service_key TEXT NOT NULL,
  PRIMARY KEY (backup_id, service_key)
) STRICT;
CREATE TABLE backup_files (
  id TEXT PRIMARY KEY,
  backup_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL
) STRICT;
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  conflict_key TEXT NOT NULL,
  detail TEXT NOT NULL,
  payload TEXT,
  package_sha256 TEXT,
  created_at TEXT NOT NULL,
  resolution TEXT,
  resolution_reason TEXT,
  resolution_detail TEXT,
  resolved_by TEXT,
  resolved_at TEXT
) STRICT;
-- The apply matches the office's conflicts with these by kind and key (one row per pair at the central).
CREATE INDEX conflicts_key ON conflicts(kind, conflict_key);
CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  office TEXT NOT NULL,
  regional TEXT,
  city TEXT,
  role TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL
) STRICT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

/** Settings Posventa owns for the whole campaign (dates, texts, prices); every other setting stays local. */
export const NATIONAL_SETTINGS = ['campaign'] as const;
