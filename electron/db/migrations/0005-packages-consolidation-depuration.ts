// Conflicts found while consolidating are kept until the data stops showing them, one row per
// (kind, key), so consolidating again never lists the same one twice. A depuración batch
// records what was sent to billing, with each file's hash.
export const migration = {
  version: 5,
  name: 'packages, consolidation and depuración',
  sql: `CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('SERIE_DUPLICADA', 'ESTACION_DUPLICADA', 'SERVICIO_FUERA_DE_BASE', 'ACTA_REUTILIZADA')),
  conflict_key TEXT NOT NULL,
  detail TEXT NOT NULL,
  -- The record that could not take its place (an acta whose number another acta already holds).
  payload TEXT,
  package_sha256 TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (kind, conflict_key)
) STRICT;
CREATE TABLE depuration_batches (
  id TEXT PRIMARY KEY,
  batch TEXT NOT NULL UNIQUE,
  origin_station TEXT NOT NULL,
  user_id TEXT,
  created_at TEXT NOT NULL,
  counts TEXT NOT NULL,
  files TEXT NOT NULL
) STRICT;
ALTER TABLE sync_packages ADD COLUMN file_name TEXT;
ALTER TABLE sync_packages ADD COLUMN path TEXT;
CREATE UNIQUE INDEX sync_packages_file ON sync_packages(direction, sha256);
CREATE INDEX handovers_created ON handovers(origin_station, created_at);
CREATE INDEX handover_voids_created ON handover_voids(origin_station, created_at);
CREATE INDEX backups_created ON backups(origin_station, created_at);
CREATE INDEX backups_reviewed ON backups(origin_station, reviewed_at) WHERE reviewed_at IS NOT NULL;`,
};
