import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { fingerprintOf, isPublicKey } from './stationKeys';

/**
 * X25519 with Node's crypto: the key pair each station holds so offices can encrypt their
 * packages to the central. It is a second pair beside the Ed25519 signing key (stationKeys.ts):
 * one key signs, the other receives, so neither use weakens the other. The public key travels as
 * base64 of its raw 32 bytes (the identity file's `encryptionKey`, `stations.encryption_key`); the
 * private key stays PKCS#8 DER in this process and sealed in the key file (keyFile.ts).
 */

export interface EncryptionKeyPair {
  /** Base64 of the raw 32-byte X25519 public key. */
  publicKey: string;
  /** PKCS#8 DER. */
  privateKey: Buffer;
}

function rawPublicKey(k: KeyObject): string {
  const jwk = k.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url').toString('base64');
}

export function generateEncryptionKeys(): EncryptionKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublicKey(publicKey), privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

function privateKeyObject(privateKey: Buffer): KeyObject {
  return createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
}

/** The public key of a PKCS#8 X25519 private key; throws when it is not one. */
export function encryptionPublicKeyOf(privateKey: Buffer): string {
  const key = privateKeyObject(privateKey);
  if (key.asymmetricKeyType !== 'x25519') throw new Error('not an X25519 key');
  return rawPublicKey(createPublicKey(key));
}

export function isEncryptionKey(text: unknown): text is string {
  return isPublicKey(text);
}

/** Same form as a signing key's fingerprint, so people compare both the same way. */
export function encryptionFingerprint(publicKey: string): string {
  return fingerprintOf(publicKey);
}

function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(publicKey, 'base64').toString('base64url') }, format: 'jwk' });
}

/**
 * The X25519 shared secret of a private key and another party's public key. A public key of small
 * order gives an all-zero secret, which would make the content key public: refused.
 */
export function sharedSecret(privateKey: Buffer | KeyObject, publicKey: string): Buffer {
  if (!isEncryptionKey(publicKey)) throw new Error('malformed X25519 public key');
  const secret = diffieHellman({ privateKey: Buffer.isBuffer(privateKey) ? privateKeyObject(privateKey) : privateKey, publicKey: publicKeyObject(publicKey) });
  if (secret.every((b) => b === 0)) throw new Error('X25519 public key of small order');
  return secret;
}

/** A fresh one-use pair for one envelope (its private half never leaves memory). */
export function ephemeralPair(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublicKey(publicKey), privateKey };
}
