import { z } from 'zod';
import { UpdateCounts, UpdateKind } from '../../shared/contracts/updates';
import { CampaignRef } from './packageFormat';

/**
 * The national update (`.recupera-nacional`): Posventa's signed answer to every office. A zip with
 * `manifest.json` (what it is, its number, the SHA-256 of every file), `firma.json` (the central's
 * Ed25519 signature over the manifest's exact bytes, see packageSignature.ts) and `datos.sqlite`
 * (the records, by their keys in the base: nationalUpdateSchema.ts). Updates are numbered by the
 * central; an office applies each once and in order, or a full one at any time.
 *
 * The file delivered is that zip encrypted to every enrolled office (auth/multiEnvelope.ts): it
 * carries the national base, so only the offices can read it wherever it travels. An update from a
 * version before encryption is the plain zip; an office still applies it, with a notice
 * (updateEnvelope.ts).
 */
export const UPDATE_FORMAT = 'recupera-actualizacion';
export const UPDATE_VERSION = 1;
export const UPDATE_EXTENSION = '.recupera-nacional';
export const UPDATE_FILES = { manifest: 'manifest.json', data: 'datos.sqlite' } as const;
/** What the envelope of a national update says it holds. */
export const UPDATE_ENVELOPE_CONTENT = 'actualizacion';

/**
 * How far before the earlier update's moment an incremental one starts: a row stamped just before
 * that moment but committed after it is carried again (applying twice changes nothing).
 */
export const INCREMENTAL_MARGIN_MS = 60 * 60 * 1000;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Read first, to refuse another kind of file or a newer format before anything else. */
export const UpdateManifestHead = z.object({ format: z.literal(UPDATE_FORMAT), formatVersion: z.number().int().positive() });

export const UpdateManifest = UpdateManifestHead.extend({
  formatVersion: z.literal(UPDATE_VERSION),
  appVersion: z.string(),
  central: z.object({ id: z.string().min(1), code: z.string().min(1), fingerprint: z.string().min(1) }),
  seq: z.number().int().positive(),
  kind: UpdateKind,
  sinceSeq: z.number().int().positive().nullable(),
  snapshotAt: z.string().min(1),
  createdAt: z.string().min(1),
  counts: UpdateCounts,
  /** The central's campaign; an office on another one refuses the update (none: a version before campaigns, the first one). */
  campaign: CampaignRef.optional(),
  files: z.array(z.object({ name: z.string().min(1), sha256: Sha256, size: z.number().int().nonnegative() })),
}).refine((m) => (m.kind === 'INCREMENTAL') === (m.sinceSeq !== null) && (m.sinceSeq === null || m.sinceSeq < m.seq), {
  message: 'kind/sinceSeq',
  path: ['sinceSeq'],
});
export type UpdateManifest = z.infer<typeof UpdateManifest>;

/** `NACIONAL_0007_20261124-1830.recupera-nacional`: the number first, so files sort in order. */
export function updateBaseName(seq: number, stamp: string): string {
  return `NACIONAL_${String(seq).padStart(4, '0')}_${stamp}`;
}
