import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { firstBytes, sealWithPrefix, unsealStream } from '../files/sealedFile';
import { encryptionFingerprint, ephemeralPair, isEncryptionKey, sharedSecret, type EncryptionKeyPair } from './encryptionKeys';

/**
 * An envelope for several stations at once: a file encrypted once and readable by each of its
 * recipients with its own X25519 key. Used for the national update the central publishes to every
 * enrolled office (the single-recipient envelope.ts carries an office's package to the central).
 *
 *   "RECUPERA-MULTISOBRE" (19 bytes) · version (1 byte) · header length (4 bytes, big-endian) ·
 *   header (JSON: what it holds, a random salt, and per recipient its code, the fingerprint of its
 *   X25519 key, a one-use ephemeral X25519 public key and the wrapped content key) · body
 *
 * One random content key encrypts the body once. For each recipient the content key is wrapped
 * with AES-256-GCM under a key and nonce from HKDF-SHA256(X25519(ephemeral, recipient), salt,
 * "recupera/multisobre/v1/llave" · ephemeral · recipient key), its code and fingerprint as
 * associated data. The body's key is HKDF-SHA256(content key, salt, "recupera/multisobre/v1" ·
 * SHA-256 of the whole prefix): any byte of the header changed (a recipient added, removed or
 * altered) gives another key and the body does not open for anyone. The body is the chunked
 * AES-256-GCM stream of the sealed-file format (files/sealedFile.ts): a flipped byte, a chunk cut
 * off or moved, or a file truncated anywhere is refused, and memory stays at about one chunk.
 *
 * Like envelope.ts it authenticates nothing about its sender: what is inside stays signed by the
 * central and is verified after opening. A recipient can read the body, never another's key.
 */

const MAGIC = Buffer.from('RECUPERA-MULTISOBRE', 'latin1');
const VERSION = 1;
/** A few hundred bytes per recipient: room for thousands of stations. */
const MAX_HEADER = 4 * 1024 * 1024;
const BODY_INFO = Buffer.from('recupera/multisobre/v1');
const WRAP_INFO = Buffer.from('recupera/multisobre/v1/llave');
const Base64 = (bytes: number) => z.string().refine((s) => /^[A-Za-z0-9+/]+=*$/.test(s) && Buffer.from(s, 'base64').length === bytes);

export const MultiEnvelopeRecipient = z.object({
  code: z.string().min(1).max(40),
  fingerprint: z.string().min(1).max(40),
  ephemeralKey: z.string().refine(isEncryptionKey),
  /** The content key (32 bytes) and its GCM tag (16). */
  wrappedKey: Base64(48),
});
export type MultiEnvelopeRecipient = z.infer<typeof MultiEnvelopeRecipient>;

export const MultiEnvelopeHeader = z.object({
  /** What the envelope holds, e.g. `actualizacion`. */
  content: z.string().min(1).max(40),
  salt: Base64(32),
  recipients: z.array(MultiEnvelopeRecipient).max(20_000),
});
export type MultiEnvelopeHeader = z.infer<typeof MultiEnvelopeHeader>;

/** `not_addressed`: no entry for this key; the caller puts every problem in words for its reader. */
export type MultiEnvelopeProblem = 'damaged' | 'unsupported' | 'not_addressed' | 'not_opened';

export class MultiEnvelopeError extends Error {
  constructor(readonly problem: MultiEnvelopeProblem) {
    super(`multi-envelope ${problem}`);
  }
}

function prefixOf(header: MultiEnvelopeHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length > MAX_HEADER) throw new Error('too many recipients for one envelope');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, Buffer.from([VERSION]), length, json]);
}

function bodyKey(contentKey: Buffer, salt: string, prefix: Buffer): Buffer {
  const info = Buffer.concat([BODY_INFO, createHash('sha256').update(prefix).digest()]);
  return Buffer.from(hkdfSync('sha256', contentKey, Buffer.from(salt, 'base64'), info, 32));
}

/** The wrapping key and nonce of one recipient's entry: bound to both public keys of the exchange. */
function wrapping(secret: Buffer, salt: string, ephemeralKey: string, recipientKey: string): { key: Buffer; nonce: Buffer } {
  const info = Buffer.concat([WRAP_INFO, Buffer.from(ephemeralKey, 'base64'), Buffer.from(recipientKey, 'base64')]);
  const okm = Buffer.from(hkdfSync('sha256', secret, Buffer.from(salt, 'base64'), info, 44));
  return { key: okm.subarray(0, 32), nonce: okm.subarray(32) };
}

function entryAad(content: string, code: string, fingerprint: string): Buffer {
  return Buffer.from(JSON.stringify([content, code, fingerprint]), 'utf8');
}

function wrapFor(contentKey: Buffer, content: string, salt: string, recipient: { code: string; publicKey: string }): MultiEnvelopeRecipient {
  const ephemeral = ephemeralPair();
  const fingerprint = encryptionFingerprint(recipient.publicKey);
  const w = wrapping(sharedSecret(ephemeral.privateKey, recipient.publicKey), salt, ephemeral.publicKey, recipient.publicKey);
  const c = createCipheriv('aes-256-gcm', w.key, w.nonce);
  c.setAAD(entryAad(content, recipient.code, fingerprint));
  const wrapped = Buffer.concat([c.update(contentKey), c.final(), c.getAuthTag()]);
  return { code: recipient.code, fingerprint, ephemeralKey: ephemeral.publicKey, wrappedKey: wrapped.toString('base64') };
}

function unwrap(entry: MultiEnvelopeRecipient, content: string, salt: string, pair: EncryptionKeyPair): Buffer {
  try {
    const w = wrapping(sharedSecret(pair.privateKey, entry.ephemeralKey), salt, entry.ephemeralKey, pair.publicKey);
    const wrapped = Buffer.from(entry.wrappedKey, 'base64');
    const d = createDecipheriv('aes-256-gcm', w.key, w.nonce);
    d.setAAD(entryAad(content, entry.code, entry.fingerprint));
    d.setAuthTag(wrapped.subarray(32));
    return Buffer.concat([d.update(wrapped.subarray(0, 32)), d.final()]);
  } catch {
    throw new MultiEnvelopeError('not_opened');
  }
}

/**
 * Encrypts the file at `source` to every recipient as the file at `target`, whole or not at all;
 * returns the SHA-256 of the envelope written (what is delivered and recorded). Recipients are
 * listed in the order given; at least one is required (an envelope no one can open is useless).
 */
export async function sealForRecipients(
  source: string,
  target: string,
  recipients: Array<{ code: string; publicKey: string }>,
  content: string,
): Promise<string> {
  if (recipients.length === 0) throw new Error('an envelope needs at least one recipient');
  const contentKey = randomBytes(32);
  const salt = randomBytes(32).toString('base64');
  const header: MultiEnvelopeHeader = { content, salt, recipients: recipients.map((r) => wrapFor(contentKey, content, salt, r)) };
  const prefix = prefixOf(header);
  const key = bodyKey(contentKey, salt, prefix);
  return sealWithPrefix(target, prefix, source, key);
}

/** Whether the file begins like a multi-recipient envelope (a missing or short file does not). */
export async function isMultiEnvelope(path: string): Promise<boolean> {
  return (await firstBytes(path, MAGIC.length)).equals(MAGIC);
}

/** The envelope's header and its prefix's bytes; refuses a damaged or newer envelope. */
export async function readMultiEnvelopeHeader(path: string): Promise<{ header: MultiEnvelopeHeader; prefix: Buffer }> {
  const fh = await open(path, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 5);
    const { bytesRead } = await fh.read(start, 0, start.length, 0);
    if (bytesRead < start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) throw new MultiEnvelopeError('damaged');
    if (start[MAGIC.length] !== VERSION) throw new MultiEnvelopeError('unsupported');
    const length = start.readUInt32BE(MAGIC.length + 1);
    if (length === 0 || length > MAX_HEADER) throw new MultiEnvelopeError('damaged');
    const json = Buffer.alloc(length);
    const read = await fh.read(json, 0, length, start.length);
    if (read.bytesRead < length) throw new MultiEnvelopeError('damaged');
    let parsed;
    try {
      parsed = MultiEnvelopeHeader.safeParse(JSON.parse(json.toString('utf8')));
    } catch {
      throw new MultiEnvelopeError('damaged');
    }
    if (!parsed.success) throw new MultiEnvelopeError('damaged');
    return { header: parsed.data, prefix: Buffer.concat([start, json]) };
  } finally {
    await fh.close();
  }
}

/** The entry addressed to this key (by its fingerprint, whatever code the station has now), or null. */
export function entryFor(header: MultiEnvelopeHeader, publicKey: string): MultiEnvelopeRecipient | null {
  const fingerprint = encryptionFingerprint(publicKey);
  return header.recipients.find((r) => r.fingerprint === fingerprint) ?? null;
}

/**
 * Decrypts the envelope at `source` into `target` with this station's X25519 pair. No entry for
 * the key throws `not_addressed`; an entry or body that does not open whole (altered, truncated,
 * another key) throws `not_opened`, and `target` is then to be discarded.
 */
export async function openMultiEnvelope(source: string, target: string, pair: EncryptionKeyPair): Promise<MultiEnvelopeRecipient> {
  const { header, prefix } = await readMultiEnvelopeHeader(source);
  const entry = entryFor(header, pair.publicKey);
  if (!entry) throw new MultiEnvelopeError('not_addressed');
  const key = bodyKey(unwrap(entry, header.content, header.salt, pair), header.salt, prefix);
  try {
    await pipeline(createReadStream(source, { start: prefix.length }), unsealStream(key, 'sobre'), createWriteStream(target));
  } catch (e) {
    // A read error of the source (the drive went away) is not the envelope's fault.
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && !code.startsWith('ERR_')) throw e;
    throw new MultiEnvelopeError('not_opened');
  }
  return entry;
}
