import { z } from 'zod';

/**
 * The office package (`.recupera`): a zip with `manifest.json`, `datos.sqlite` (the records, for
 * machines), `entregas.xlsx` (the same records, for people) and, as an option, the acta PDFs and
 * respaldo documents. Records carry their UUIDs and refer to customers and services by their keys
 * in the base (identification, service number), never by a database's internal ids.
 */
export const PACKAGE_FORMAT = 'recupera-paquete';
export const PACKAGE_VERSION = 1;
export const PACKAGE_EXTENSION = '.recupera';

export const FILES = { manifest: 'manifest.json', data: 'datos.sqlite', workbook: 'entregas.xlsx' } as const;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Read first, with only what is needed to refuse a package of another kind or a newer format. */
export const ManifestHead = z.object({ format: z.literal(PACKAGE_FORMAT), formatVersion: z.number().int().positive() });

export const Manifest = ManifestHead.extend({
  formatVersion: z.literal(PACKAGE_VERSION),
  appVersion: z.string(),
  createdAt: z.string(),
  station: z.object({ id: z.string(), code: z.string().min(1), office: z.string(), regional: z.string().nullable(), city: z.string().nullable() }),
  range: z.object({ from: z.string().nullable(), to: z.string() }),
  counts: z.object({
    handovers: z.number().int().nonnegative(),
    items: z.number().int().nonnegative(),
    backups: z.number().int().nonnegative(),
    voids: z.number().int().nonnegative(),
    documents: z.number().int().nonnegative(),
  }),
  files: z.array(z.object({ name: z.string().min(1), sha256: Sha256, size: z.number().int().nonnegative() })),
});
export type Manifest = z.infer<typeof Manifest>;

/** A path inside the package that cannot escape the folder it is extracted to. */
export function isSafeEntryName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/.test(name) && !name.includes('..');
}

/**
 * Tables of `datos.sqlite`. Their columns restate the main schema's (test/integration/packageSchema.test.ts
 * checks each against its source); they change only with a new PACKAGE_VERSION, because packages
 * already exported must still consolidate.
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
