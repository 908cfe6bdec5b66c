/**
 * The trusted national loop. Every station has an Ed25519 key pair: the central (Posventa) enrols
 * each office's public key and offices trust the central's; every change of key is kept in
 * station_key_events. Actas carry their issuing station's signature. Posventa's national updates
 * are numbered, so an office applies each once and in order. Conflicts are resolved by a person
 * (who, when, why). A depuración batch goes generado → enviado → confirmado, and billing_lines
 * keep each charge and reversal it carried, so a charge is sent once and reversed once.
 */
export const migration = {
  version: 8,
  name: 'trusted national loop',
  sql: `ALTER TABLE stations ADD COLUMN role TEXT NOT NULL DEFAULT 'OFICINA' CHECK (role IN ('OFICINA', 'CENTRAL'));
-- Base64 of the raw 32-byte Ed25519 public key; its fingerprint is what people compare aloud.
ALTER TABLE stations ADD COLUMN public_key TEXT;
ALTER TABLE stations ADD COLUMN fingerprint TEXT;
-- When this station's key became trusted here: enrolled (at the central), trusted (the central, at
-- an office) or learned from a signed update. NULL: a station only seen, never vouched for.
ALTER TABLE stations ADD COLUMN enrolled_at TEXT;

CREATE TABLE station_key_events (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  station_code TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('CREADA', 'REGISTRADA', 'REEMPLAZADA', 'CENTRAL_CONFIADA', 'CENTRAL_REEMPLAZADA', 'RECIBIDA')),
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  previous_fingerprint TEXT,
  reason TEXT,
  user_id TEXT,
  user_name TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX station_key_events_station ON station_key_events(station_code, created_at);

-- The issuing station's Ed25519 signature over the acta's canonical content (NULL for actas issued
-- before this migration). original_number: the number printed on the paper when a conflict
-- resolution gave the acta another one.
ALTER TABLE handovers ADD COLUMN signature TEXT;
ALTER TABLE handovers ADD COLUMN original_number TEXT;
-- Verifying a printed acta looks it up by its number (a paper one has no station in it), by the
-- number it was issued with, or by its short code.
CREATE INDEX handovers_number ON handovers(acta_number);
CREATE INDEX handovers_original_number ON handovers(original_number) WHERE original_number IS NOT NULL;
CREATE INDEX handovers_code ON handovers(verification_code) WHERE verification_code IS NOT NULL;

ALTER TABLE sync_conflicts ADD COLUMN resolution TEXT;
ALTER TABLE sync_conflicts ADD COLUMN resolution_reason TEXT;
-- JSON: what the resolution changed (the acta renumbered, the service linked, the station renamed…).
ALTER TABLE sync_conflicts ADD COLUMN resolution_detail TEXT;
ALTER TABLE sync_conflicts ADD COLUMN resolved_by TEXT;
ALTER TABLE sync_conflicts ADD COLUMN resolved_at TEXT;

CREATE TABLE national_updates (
  direction TEXT NOT NULL CHECK (direction IN ('PUBLICADA', 'APLICADA')),
  seq INTEGER NOT NULL,
  central_code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('COMPLETA', 'INCREMENTAL')),
  -- An incremental update carries what changed after this one.
  since_seq INTEGER,
  sha256 TEXT NOT NULL,
  -- The moment of the central's data the update carries: the next incremental starts there.
  snapshot_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  file_name TEXT,
  counts TEXT NOT NULL,
  user_id TEXT,
  PRIMARY KEY (direction, seq)
) STRICT;

ALTER TABLE depuration_batches ADD COLUMN status TEXT NOT NULL DEFAULT 'GENERADO' CHECK (status IN ('GENERADO', 'ENVIADO', 'CONFIRMADO'));
ALTER TABLE depuration_batches ADD COLUMN sent_at TEXT;
ALTER TABLE depuration_batches ADD COLUMN sent_by TEXT;
ALTER TABLE depuration_batches ADD COLUMN confirmed_at TEXT;
ALTER TABLE depuration_batches ADD COLUMN confirmed_by TEXT;
CREATE TABLE billing_lines (
  batch_id TEXT NOT NULL REFERENCES depuration_batches(id),
  kind TEXT NOT NULL CHECK (kind IN ('CARGO', 'REVERSO')),
  service_id TEXT NOT NULL REFERENCES services(id),
  expected_item_id TEXT NOT NULL REFERENCES expected_items(id),
  value_cents INTEGER NOT NULL,
  -- A REVERSO's charge: the batch whose CARGO it reverses, NULL for a charge loaded by the base itself.
  origin_batch_id TEXT REFERENCES depuration_batches(id),
  PRIMARY KEY (batch_id, kind, expected_item_id)
) STRICT;
CREATE INDEX billing_lines_item ON billing_lines(expected_item_id, kind);
CREATE INDEX billing_lines_service ON billing_lines(service_id);`,
};
