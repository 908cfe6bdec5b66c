/**
 * The first schema: station, users, the imported base (customers, services, expected items),
 * handovers with their gap-free numbering, voids, backups and exported packages. Every record that
 * travels between offices has a UUIDv7 `id` and the `origin_station` that created it.
 */
export const migration = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  office TEXT NOT NULL,
  regional TEXT,
  city TEXT,
  is_local INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX stations_single_local ON stations(is_local) WHERE is_local = 1;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name TEXT NOT NULL,
  identification TEXT,
  role TEXT NOT NULL CHECK (role IN ('ASESOR', 'COORDINADOR', 'POSVENTA', 'ADMIN')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('BASE', 'ENTREGAS')),
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  user_id TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  rows INTEGER NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  warnings INTEGER NOT NULL
) STRICT;

-- num is the stable integer key the full-text index points at (an implicit rowid may change on VACUUM).
CREATE TABLE customers (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  origin_station TEXT NOT NULL,
  customer_key TEXT NOT NULL UNIQUE,
  identification TEXT,
  id_type TEXT CHECK (id_type IN ('CEDULA', 'RUC', 'PASAPORTE')),
  name TEXT,
  phone TEXT,
  email TEXT,
  -- The import that last read this record and its row there: "already seen in this file" lives
  -- in the database, so a million-row import needs no in-memory sets.
  import_id TEXT,
  import_row INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
-- customer_key is the identification whenever there is one, so it also serves lookups by ID.
CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;

CREATE VIRTUAL TABLE customers_fts USING fts5(
  name,
  content = 'customers',
  content_rowid = 'num',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
-- New customers are indexed in bulk by whoever inserts them (indexNewCustomers): a million-row
-- import indexes names in one statement at the end instead of one trigger call per row.
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customers_fts(customers_fts, rowid, name) VALUES ('delete', old.num, old.name);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF name ON customers BEGIN
  INSERT INTO customers_fts(customers_fts, rowid, name) VALUES ('delete', old.num, old.name);
  INSERT INTO customers_fts(rowid, name) VALUES (new.num, new.name);
END;

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  service_number TEXT NOT NULL,
  service_key TEXT NOT NULL UNIQUE,
  business_line TEXT,
  business_line_raw TEXT,
  cancel_date TEXT,
  regional TEXT,
  province TEXT,
  city TEXT,
  status TEXT NOT NULL DEFAULT 'PENDIENTE' CHECK (status IN
    ('PENDIENTE', 'ENTREGA_PARCIAL', 'ENTREGADO', 'RESPALDO_EN_REVISION', 'REGULARIZADO', 'RESPALDO_RECHAZADO')),
  status_reason TEXT,
  charges_loaded INTEGER NOT NULL DEFAULT 0 CHECK (charges_loaded IN (0, 1)),
  paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
  claim INTEGER NOT NULL DEFAULT 0 CHECK (claim IN (0, 1)),
  -- 0 for a service a clerk recorded by hand that the base did not list (fuera de base).
  in_base INTEGER NOT NULL DEFAULT 1 CHECK (in_base IN (0, 1)),
  import_id TEXT,
  import_row INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX services_customer ON services(customer_id);

CREATE TABLE expected_items (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  -- identifies the item across re-imports: its serial, or type/brand/model and occurrence.
  line_key TEXT NOT NULL,
  equipment_type TEXT,
  brand TEXT,
  model TEXT,
  serial TEXT,
  serial_key TEXT,
  value_cents INTEGER,
  source_row INTEGER,
  import_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (service_id, line_key)
) STRICT;
CREATE INDEX expected_items_serial ON expected_items(serial_key) WHERE serial_key IS NOT NULL;

-- Handovers and their numbering. The counter row is updated in the same transaction that
-- stores the acta, so a number is either on a stored acta or was never issued.
CREATE TABLE acta_counters (
  station_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (station_code, year)
) STRICT;

CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  acta_number TEXT NOT NULL,
  acta_year INTEGER,
  acta_seq INTEGER,
  historical INTEGER NOT NULL DEFAULT 0 CHECK (historical IN (0, 1)),
  out_of_base INTEGER NOT NULL DEFAULT 0 CHECK (out_of_base IN (0, 1)),
  customer_id TEXT REFERENCES customers(id),
  holder_identification TEXT,
  holder_name TEXT NOT NULL,
  delivered_by TEXT NOT NULL CHECK (delivered_by IN ('TITULAR', 'TERCERO')),
  third_party_identification TEXT,
  third_party_name TEXT,
  third_party_documents INTEGER NOT NULL DEFAULT 0 CHECK (third_party_documents IN (0, 1)),
  observations TEXT,
  office TEXT,
  city TEXT,
  clerk_user_id TEXT,
  clerk_name TEXT,
  delivered_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content_hash TEXT,
  verification_code TEXT,
  pdf_path TEXT,
  UNIQUE (origin_station, acta_number)
) STRICT;
CREATE INDEX handovers_customer ON handovers(customer_id);
CREATE INDEX handovers_delivered_at ON handovers(delivered_at);

CREATE TABLE handover_items (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL REFERENCES handovers(id),
  service_id TEXT REFERENCES services(id),
  expected_item_id TEXT REFERENCES expected_items(id),
  service_number TEXT,
  equipment_type TEXT,
  brand TEXT,
  model TEXT,
  serial TEXT,
  serial_key TEXT,
  condition TEXT NOT NULL DEFAULT 'BUENO' CHECK (condition IN ('BUENO', 'DANADO', 'INCOMPLETO')),
  accessories TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  unexpected INTEGER NOT NULL DEFAULT 0 CHECK (unexpected IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX handover_items_handover ON handover_items(handover_id);
CREATE INDEX handover_items_expected ON handover_items(expected_item_id);
CREATE INDEX handover_items_serial ON handover_items(serial_key) WHERE serial_key IS NOT NULL;

CREATE TABLE handover_voids (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL UNIQUE,
  reason TEXT NOT NULL,
  user_id TEXT,
  user_name TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- Backups (respaldos): documents proving an earlier return.
CREATE TABLE backups (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  customer_id TEXT REFERENCES customers(id),
  status TEXT NOT NULL CHECK (status IN ('EN_REVISION', 'ACEPTADO', 'RECHAZADO')),
  acta_number TEXT,
  acta_date TEXT,
  office TEXT,
  source TEXT NOT NULL DEFAULT 'CAC',
  note TEXT,
  review_reason TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE backup_services (
  backup_id TEXT NOT NULL REFERENCES backups(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  PRIMARY KEY (backup_id, service_id)
) STRICT;
CREATE TABLE backup_files (
  id TEXT PRIMARY KEY,
  backup_id TEXT NOT NULL REFERENCES backups(id),
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL
) STRICT;

-- Sync: packages exported and consolidated, by content hash, so a package applies once.
CREATE TABLE sync_packages (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('EXPORT', 'IMPORT')),
  station_code TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  range_from TEXT,
  range_to TEXT,
  created_at TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}'
) STRICT;
`,
};
