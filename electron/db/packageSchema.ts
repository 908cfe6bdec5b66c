/**
 * Tables of `datos.sqlite`. Their columns restate the main schema's (test/integration/packageSchema.test.ts
 * checks each against its source); they change only with a new PACKAGE_VERSION. Version 2 (signed
 * packages) added handovers.signature; unsigned version 1 packages are refused, so only the
 * current version's tables are kept.
 */
export const PACKAGE_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  acta_number TEXT NOT NULL,
  acta_year INTEGER,
  acta_seq INTEGER,
  historical INTEGER NOT NULL,
  out_of_base INTEGER NOT NULL,
  customer_key TEXT,
  customer_identification TEXT,
  customer_id_type TEXT,
  customer_name TEXT,
  customer_phone TEXT,
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
  -- The issuing station's signature of the acta (format 2); NULL for actas from before signatures.
  signature TEXT,
  pdf_file TEXT
) STRICT;
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  service_number TEXT,
  service_key TEXT,
  business_line TEXT,
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
CREATE INDEX items_handover ON items(handover_id);
CREATE TABLE voids (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  acta_number TEXT,
  reason TEXT NOT NULL,
  user_id TEXT,
  user_name TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE backups (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  customer_key TEXT,
  customer_identification TEXT,
  customer_name TEXT,
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
  service_number TEXT NOT NULL,
  PRIMARY KEY (backup_id, service_key)
) STRICT;
CREATE TABLE backup_files (
  id TEXT PRIMARY KEY,
  backup_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  -- The document's name inside the package, when the export included documents.
  package_file TEXT
) STRICT;
`;
