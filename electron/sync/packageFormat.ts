import { z } from 'zod';
import { SIGNATURE_FILE } from './packageSignature';

/**
 * The office package (`.recupera`): a zip with `manifest.json`, `datos.sqlite` (the records, for
 * machines), `entregas.xlsx` (the same records, for people) and, as an option, the acta PDFs and
 * respaldo documents. Records carry their UUIDs and refer to customers and services by their keys
 * in the base (identification, service number), never by a database's internal ids.
 *
 * Since version 2 the exporting station signs the manifest (`firma.json`, packageSignature.ts);
 * version 1 packages were unsigned and are no longer accepted.
 *
 * The signed zip travels encrypted to the central (auth/envelope.ts, content `paquete`): the file
 * named `.recupera` is the envelope, and the zip exists in the clear only in the exporting
 * station's work folder and, once opened, in the central's (consolidate.ts).
 */
export const PACKAGE_FORMAT = 'recupera-paquete';
export const PACKAGE_VERSION = 2;
export const PACKAGE_EXTENSION = '.recupera';
/** What an office package's envelope says it holds. */
export const ENVELOPE_CONTENT = 'paquete';

export const FILES = { manifest: 'manifest.json', data: 'datos.sqlite', workbook: 'entregas.xlsx', signature: SIGNATURE_FILE, audit: 'auditoria.json' } as const;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A campaign as packages and national updates name it (docs/domain.md, "Campañas"). */
export const CampaignRef = z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(120), year: z.number().int() });

/** Read first, with only what is needed to refuse a package of another kind or a newer format. */
export const ManifestHead = z.object({ format: z.literal(PACKAGE_FORMAT), formatVersion: z.number().int().positive() });

export const Manifest = ManifestHead.extend({
  formatVersion: z.literal(PACKAGE_VERSION),
  appVersion: z.string(),
  createdAt: z.string(),
  station: z.object({ id: z.string(), code: z.string().min(1), office: z.string(), regional: z.string().nullable(), city: z.string().nullable() }),
  range: z.object({ from: z.string().nullable(), to: z.string() }),
  /** The exporting station's campaign; a package of a version before campaigns has none and belongs to the first one. */
  campaign: CampaignRef.optional(),
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

// The package's tables are SQL, so they live with the repositories; re-exported as part of the format.
export { PACKAGE_SCHEMA } from '../db/packageSchema';
