/**
 * Oversight. The daily close (cierre del día): per day and station, what the actas say each clerk
 * received, by equipment type and accessory, beside what the coordinator physically counted; once
 * signed it no longer changes. Campaigns: each base belongs to one campaign; starting a new one
 * archives the records of the one that ends instead of mixing them. The campaign this database
 * already holds becomes the first row, with an id every station shares ('inicial'), so offices
 * and the central agree on it without exchanging anything.
 */
export const migration = {
  version: 10,
  name: 'daily-close-and-campaigns',
  sql: `CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  started_by TEXT,
  -- Set when a newer campaign replaced this one; its records then live in archive_file.
  closed_at TEXT,
  closed_by TEXT,
  archive_file TEXT,
  archive_sha256 TEXT,
  -- What the campaign held when it closed (customers, services, actas, value recovered), as JSON.
  summary TEXT
) STRICT;
CREATE UNIQUE INDEX campaigns_one_open ON campaigns ((closed_at IS NULL)) WHERE closed_at IS NULL;
INSERT INTO campaigns (id, name, year, started_at)
SELECT 'inicial',
  coalesce((SELECT json_extract(value, '$.name') FROM settings WHERE key = 'campaign' AND json_valid(value)), 'Recuperación de equipos 2021'),
  coalesce((SELECT json_extract(value, '$.year') FROM settings WHERE key = 'campaign' AND json_valid(value)), 2021),
  coalesce((SELECT min(started_at) FROM imports), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- One close per station and local day (YYYY-MM-DD). Recorded figures are copied from the actas
-- when the close is signed, so a later void or a late package shows as a difference, not a rewrite.
CREATE TABLE daily_closes (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  station_code TEXT NOT NULL,
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status TEXT NOT NULL DEFAULT 'BORRADOR' CHECK (status IN ('BORRADOR', 'FIRMADO')),
  note TEXT,
  counted_by TEXT,
  counted_at TEXT,
  signed_by TEXT,
  signed_by_name TEXT,
  signed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (station_code, day),
  CHECK ((status = 'FIRMADO') = (signed_at IS NOT NULL))
) STRICT;
CREATE INDEX daily_closes_day ON daily_closes (day);

-- One line per clerk and item kind: an equipment type (MODEM, DECODIFICADOR…) or an accessory.
CREATE TABLE daily_close_counts (
  close_id TEXT NOT NULL REFERENCES daily_closes(id),
  clerk_id TEXT NOT NULL,
  clerk_name TEXT NOT NULL,
  item_kind TEXT NOT NULL CHECK (item_kind IN ('EQUIPO', 'ACCESORIO')),
  item_type TEXT NOT NULL,
  recorded INTEGER NOT NULL CHECK (recorded >= 0),
  counted INTEGER CHECK (counted >= 0),
  note TEXT,
  PRIMARY KEY (close_id, clerk_id, item_kind, item_type)
) STRICT;

-- A signed close is a record an auditor relies on: neither it nor its lines change afterwards.
CREATE TRIGGER daily_closes_signed_no_update BEFORE UPDATE ON daily_closes
WHEN old.status = 'FIRMADO'
BEGIN
  SELECT RAISE(ABORT, 'daily close is signed');
END;
CREATE TRIGGER daily_closes_signed_no_delete BEFORE DELETE ON daily_closes
WHEN old.status = 'FIRMADO'
BEGIN
  SELECT RAISE(ABORT, 'daily close is signed');
END;
CREATE TRIGGER daily_close_counts_signed_no_insert BEFORE INSERT ON daily_close_counts
WHEN (SELECT status FROM daily_closes WHERE id = new.close_id) = 'FIRMADO'
BEGIN
  SELECT RAISE(ABORT, 'daily close is signed');
END;
CREATE TRIGGER daily_close_counts_signed_no_update BEFORE UPDATE ON daily_close_counts
WHEN (SELECT status FROM daily_closes WHERE id = old.close_id) = 'FIRMADO'
BEGIN
  SELECT RAISE(ABORT, 'daily close is signed');
END;
CREATE TRIGGER daily_close_counts_signed_no_delete BEFORE DELETE ON daily_close_counts
WHEN (SELECT status FROM daily_closes WHERE id = old.close_id) = 'FIRMADO'
BEGIN
  SELECT RAISE(ABORT, 'daily close is signed');
END;
`,
};
