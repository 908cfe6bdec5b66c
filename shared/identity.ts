import { z } from 'zod';

/**
 * A station's public identity: what an office hands the central to be enrolled, and what the
 * central hands every office to be trusted (`identidad --salida ARCHIVO`). It is signed by the
 * key it carries, which proves whoever made the file holds that key; whether the key belongs to
 * the office it names is what people confirm by reading the fingerprint aloud.
 */
export const IDENTITY_FORMAT = 'recupera-identidad';

export const StationRole = z.enum(['OFICINA', 'CENTRAL']);
export type StationRole = z.infer<typeof StationRole>;

export const PublicKeyText = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'La clave pública no tiene el formato esperado.');
export const Fingerprint = z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

export const StationIdentityBody = z.object({
  format: z.literal(IDENTITY_FORMAT),
  version: z.literal(1),
  stationId: z.string().min(1).max(64),
  code: z.string().min(1).max(40),
  office: z.string().min(1).max(200),
  regional: z.string().max(200).nullable(),
  city: z.string().max(200).nullable(),
  role: StationRole,
  publicKey: PublicKeyText,
  fingerprint: Fingerprint,
  createdAt: z.string().max(40),
});
export type StationIdentityBody = z.infer<typeof StationIdentityBody>;

export const StationIdentity = StationIdentityBody.extend({
  /** Base64 Ed25519 signature of identityPayload(body) by `publicKey`. */
  signature: z.string().max(200),
});
export type StationIdentity = z.infer<typeof StationIdentity>;

/** The exact text the identity's signature covers: its fields in a fixed order. */
export function identityPayload(b: StationIdentityBody): string {
  return JSON.stringify([b.format, b.version, b.stationId, b.code, b.office, b.regional, b.city, b.role, b.publicKey, b.fingerprint, b.createdAt]);
}
