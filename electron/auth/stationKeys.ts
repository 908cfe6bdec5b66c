import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 with Node's crypto: every station's key pair, its signatures and the fingerprint people
 * compare aloud. Public keys travel as base64 of their raw 32 bytes; private keys stay PKCS#8 DER
 * in this process (see keyFile.ts for how they are kept on disk).
 */

const RAW_KEY = /^[A-Za-z0-9+/]{43}=$/;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

export interface KeyPair {
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
  /** PKCS#8 DER. */
  privateKey: Buffer;
}

export function generateStationKeys(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

function rawPublicKey(k: KeyObject): string {
  const jwk = k.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url').toString('base64');
}

/** The public key of a PKCS#8 private key (to check a key file against the station it claims). */
export function publicKeyOf(privateKey: Buffer): string {
  return rawPublicKey(createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })));
}

export function isPublicKey(text: unknown): text is string {
  return typeof text === 'string' && RAW_KEY.test(text) && Buffer.from(text, 'base64').length === 32;
}

function publicKeyObject(publicKey: string): KeyObject | null {
  if (!isPublicKey(publicKey)) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** A signer bound to one private key; the key object is parsed once. */
export function signerFor(privateKey: Buffer): (data: string | Uint8Array) => Buffer {
  const key = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
  return (data) => sign(null, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, key);
}

/** True only for a well-formed key and a signature it made over exactly `data`; never throws. */
export function verifySignature(publicKey: string, data: string | Uint8Array, signature: Uint8Array): boolean {
  const key = publicKeyObject(publicKey);
  if (!key || signature.length !== 64) return false;
  try {
    return verify(null, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, key, signature);
  } catch {
    return false;
  }
}

/** Sixteen characters (80 bits of the key's SHA-256) in groups of four: `7KQ2-M9XD-…`. */
export function fingerprintOf(publicKey: string): string {
  const digest = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest();
  let bits = BigInt(`0x${digest.subarray(0, 10).toString('hex')}`);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out.match(/.{4}/g)!.join('-');
}
