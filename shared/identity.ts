import { z } from 'zod';

/**
 * A station's public identity: what an office hands the central to be enrolled, and what the
 * central hands every office to be trusted (`identidad --salida ARCHIVO`). It is signed by the
 * key it carries, which proves whoever made the file holds that key; whether the key belongs to
 * the office it names is what people confirm by reading the fingerprint aloud.
 *
 * Version 2 adds `encryptionKey`, the station's X25519 public key offices encrypt their packages
 * to, covered by the same signature. A version 1 file (from before encryption) is still accepted
 * for trust; a central trusted from one cannot receive packages until a version 2 file is trusted.
 */
export const IDENTITY_FORMAT = 'recupera-identidad';
export const IDENTITY_VERSION = 2;

export const StationRole = z.enum(['OFICINA', 'CENTRAL']);
export type StationRole = z.infer<typeof StationRole>;

export const PublicKeyText = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'La clave pública no tiene el formato esperado.');
export const Fingerprint = z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

export const StationIdentityBody = z.object({
  format: z.literal(IDENTITY_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  stationId: z.string().min(1).max(64),
  code: z.string().min(1).max(40),
  office: z.string().min(1).max(200),
  regional: z.string().max(200).nullable(),
  city: z.string().max(200).nullable(),
  role: StationRole,
  publicKey: PublicKeyText,
  fingerprint: Fingerprint,
  createdAt: z.string().max(40),
  /** Base64 raw X25519 public key; in version 2 only. */
  encryptionKey: PublicKeyText.optional(),
});
export type StationIdentityBody = z.infer<typeof StationIdentityBody>;

export const StationIdentity = StationIdentityBody.extend({
  /** Base64 Ed25519 signature of identityPayload(body) by `publicKey`. */
  signature: z.string().max(200),
});
export type StationIdentity = z.infer<typeof StationIdentity>;

/** The exact text the identity's signature covers: its fields in a fixed order. */
export function identityPayload(b: StationIdentityBody): string {
  const fields: unknown[] = [b.format, b.version, b.stationId, b.code, b.office, b.regional, b.city, b.role, b.publicKey, b.fingerprint, b.createdAt];
  // Version 1 signed exactly the fields above: its files keep verifying as they were signed.
  if (b.version >= 2) fields.push(b.encryptionKey ?? null);
  return JSON.stringify(fields);
}
