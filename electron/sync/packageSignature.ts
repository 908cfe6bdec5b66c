import { z } from 'zod';
import type { StationKey } from '../auth/keyFile';
import { fingerprintOf, verifySignature } from '../auth/stationKeys';

/**
 * The signature of a signed zip (an office package, a national update): a small JSON entry beside
 * `manifest.json` holding an Ed25519 signature over the manifest's exact bytes. The manifest lists
 * the SHA-256 of every other file, so one signature covers the whole package; the signature entry
 * itself is the only file the manifest does not list.
 */
export const SIGNATURE_FILE = 'firma.json';

const SIGNATURE_FORMAT = 'recupera-firma';

export const ManifestSignature = z.object({
  format: z.literal(SIGNATURE_FORMAT),
  /** The signing station, as its manifest names it. */
  stationId: z.string().min(1),
  code: z.string().min(1),
  /** Of the key that signed: told to people when it is not the key trusted here. */
  fingerprint: z.string(),
  /** Base64 of the 64-byte Ed25519 signature over the manifest's bytes. */
  signature: z.string().min(1),
});
export type ManifestSignature = z.infer<typeof ManifestSignature>;

/** Signs a manifest's exact bytes as station `code`. */
export function signManifest(key: StationKey, code: string, manifestBytes: Uint8Array): ManifestSignature {
  return { format: SIGNATURE_FORMAT, stationId: key.stationId, code, fingerprint: key.fingerprint, signature: key.sign(manifestBytes).toString('base64') };
}

/** The signature entry's bytes, as written into the zip. */
export function signatureBytes(sig: ManifestSignature): Buffer {
  return Buffer.from(JSON.stringify(sig, null, 2));
}

/** The signature entry read back, or null when it is not one (a damaged entry signs nothing). */
export function parseSignature(bytes: Uint8Array): ManifestSignature | null {
  try {
    const parsed = ManifestSignature.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Checks a signature against the key trusted here for its station:
 * - `unknown`: no key is trusted for that code here (the station is not enrolled);
 * - `bad`: the signature does not verify with the trusted key — another key signed, or the
 *   manifest was changed after signing (its hashes recomputed);
 * - `ok`: the manifest is exactly what the trusted station signed.
 */
export function verifyManifestSignature(trustedPublicKey: string | null, manifestBytes: Uint8Array, sig: ManifestSignature): 'ok' | 'unknown' | 'bad' {
  if (!trustedPublicKey) return 'unknown';
  return verifySignature(trustedPublicKey, manifestBytes, Buffer.from(sig.signature, 'base64')) ? 'ok' : 'bad';
}

/** The fingerprint of the key trusted here, to name beside the one that signed. */
export function trustedFingerprint(trustedPublicKey: string): string {
  return fingerprintOf(trustedPublicKey);
}
