import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { firstBytes, sealWithPrefix, unsealStream } from '../files/sealedFile';
import { encryptionFingerprint, ephemeralPair, isEncryptionKey, sharedSecret } from './encryptionKeys';

/**
 * An envelope: a file encrypted to one station's X25519 key, so only that station can read it
 * wherever it travels (a USB stick, e-mail, the shared folder). Used for the office package sent
 * to Posventa's central.
 *
 *   "RECUPERA-SOBRE" (14 bytes) · version (1 byte) · header length (2 bytes, big-endian) · header
 *   (JSON: what it holds, the recipient's code and the fingerprint of its X25519 key, a one-use
 *   ephemeral X25519 public key, a random salt) · body
 *
 * The content key is HKDF-SHA256(X25519(ephemeral, recipient), salt, "recupera/sobre/v1" ·
 * SHA-256 of the envelope's prefix): the header is bound into the key, so a header changed in any
 * byte gives another key and the body does not open. The body is the chunked AES-256-GCM stream of
 * the sealed-file format (files/sealedFile.ts) under that key: a flipped byte, a chunk cut off or
 * moved, or a file truncated anywhere is refused, and memory stays at about one chunk.
 *
 * The envelope authenticates nothing about its sender (anyone holding the central's public key can
 * make one): what is inside stays signed by the office's key and is verified after opening.
 */

const MAGIC = Buffer.from('RECUPERA-SOBRE', 'latin1');
const VERSION = 1;
const MAX_HEADER = 4096;
const INFO = Buffer.from('recupera/sobre/v1');

export const EnvelopeHeader = z.object({
  /** What the envelope holds, e.g. `paquete`. */
  content: z.string().min(1).max(40),
  recipient: z.object({ code: z.string().min(1).max(40), fingerprint: z.string().min(1).max(40) }),
  ephemeralKey: z.string().refine(isEncryptionKey),
  salt: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
});
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

export type EnvelopeProblem = 'damaged' | 'unsupported' | 'not_opened';

/** An envelope that cannot be opened; the caller puts `problem` in words for its reader. */
export class EnvelopeError extends Error {
  constructor(readonly problem: EnvelopeProblem) {
    super(`envelope ${problem}`);
  }
}

function prefixOf(header: EnvelopeHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(json.length);
  return Buffer.concat([MAGIC, Buffer.from([VERSION]), length, json]);
}

function contentKey(secret: Buffer, header: EnvelopeHeader, prefix: Buffer): Buffer {
  const info = Buffer.concat([INFO, createHash('sha256').update(prefix).digest()]);
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from(header.salt, 'base64'), info, 32));
}

/**
 * Encrypts the file at `source` to `recipient` as the file at `target`, whole or not at all;
 * returns the SHA-256 of the envelope written (what is delivered and recorded).
 */
export async function sealEnvelope(
  source: string,
  target: string,
  recipient: { code: string; publicKey: string },
  content: string,
): Promise<string> {
  const ephemeral = ephemeralPair();
  const header: EnvelopeHeader = {
    content,
    recipient: { code: recipient.code, fingerprint: encryptionFingerprint(recipient.publicKey) },
    ephemeralKey: ephemeral.publicKey,
    salt: randomBytes(32).toString('base64'),
  };
  const prefix = prefixOf(header);
  const key = contentKey(sharedSecret(ephemeral.privateKey, recipient.publicKey), header, prefix);
  return sealWithPrefix(target, prefix, source, key);
}

/** Whether the file begins like an envelope (a missing or short file does not). */
export async function isEnvelope(path: string): Promise<boolean> {
  return (await firstBytes(path, MAGIC.length)).equals(MAGIC);
}

/** The envelope's header and where its body starts; refuses a damaged or newer envelope. */
export async function readEnvelopeHeader(path: string): Promise<{ header: EnvelopeHeader; prefix: Buffer }> {
  const fh = await open(path, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 3);
    const { bytesRead } = await fh.read(start, 0, start.length, 0);
    if (bytesRead < start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) throw new EnvelopeError('damaged');
    if (start[MAGIC.length] !== VERSION) throw new EnvelopeError('unsupported');
    const length = start.readUInt16BE(MAGIC.length + 1);
    if (length === 0 || length > MAX_HEADER) throw new EnvelopeError('damaged');
    const json = Buffer.alloc(length);
    const read = await fh.read(json, 0, length, start.length);
    if (read.bytesRead < length) throw new EnvelopeError('damaged');
    let parsed;
    try {
      parsed = EnvelopeHeader.safeParse(JSON.parse(json.toString('utf8')));
    } catch {
      throw new EnvelopeError('damaged');
    }
    if (!parsed.success) throw new EnvelopeError('damaged');
    return { header: parsed.data, prefix: Buffer.concat([start, json]) };
  } finally {
    await fh.close();
  }
}

/**
 * Decrypts the envelope at `source` into `target` with the recipient's private key. The caller has
 * checked the header is addressed to it; a body that does not open whole (altered, truncated,
 * another key) throws `not_opened`, and `target` is then to be discarded.
 */
export async function openEnvelope(source: string, target: string, privateKey: Buffer): Promise<EnvelopeHeader> {
  const { header, prefix } = await readEnvelopeHeader(source);
  let key: Buffer;
  try {
    key = contentKey(sharedSecret(privateKey, header.ephemeralKey), header, prefix);
  } catch {
    throw new EnvelopeError('not_opened');
  }
  try {
    await pipeline(createReadStream(source, { start: prefix.length }), unsealStream(key, 'sobre'), createWriteStream(target));
  } catch (e) {
    // A read error of the source (the drive went away) is not the envelope's fault.
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && !code.startsWith('ERR_')) throw e;
    throw new EnvelopeError('not_opened');
  }
  return header;
}
