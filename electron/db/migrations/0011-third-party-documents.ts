/**
 * The documents a third party brings when returning equipment for the holder: the authorisation
 * letter and a copy of the holder's identity document. They belong to the acta they support, are
 * stored like respaldo files (content-addressed, sealed at rest) and, being personal data, are
 * purged with the same retention policy: the row (hash, name, who, when) stays.
 */
export const migration = {
  version: 11,
  name: 'third-party-documents',
  sql: `CREATE TABLE handover_documents (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL REFERENCES handovers(id),
  kind TEXT NOT NULL CHECK (kind IN ('AUTORIZACION', 'IDENTIFICACION_TITULAR', 'OTRO')),
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  created_by TEXT,
  created_at TEXT NOT NULL,
  purged_at TEXT
) STRICT;
CREATE INDEX handover_documents_handover ON handover_documents (handover_id);
`,
};
