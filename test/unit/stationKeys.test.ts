import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStationKey, keyFilePath, PLAIN_KEYS, readStationKey, type KeyProtector } from '../../electron/auth/keyFile';
import { fingerprintOf, generateStationKeys, isPublicKey, publicKeyOf, signerFor, verifySignature } from '../../electron/auth/stationKeys';
import { AppFailure } from '../../shared/result';

const dbIn = () => join(mkdtempSync(join(tmpdir(), 'recupera-keys-')), 'recupera.sqlite');
/** Stands in for safeStorage: any reversible sealing the plain reader cannot open. */
const XOR: KeyProtector = { kind: 'safeStorage', protect: (b) => Buffer.from(b.map((x) => x ^ 0x5a)), unprotect: (b) => Buffer.from(b.map((x) => x ^ 0x5a)) };

describe('Ed25519 station keys', () => {
  it('signs and verifies, and refuses another text, another key or a damaged signature', () => {
    const a = generateStationKeys();
    const b = generateStationKeys();
    expect(isPublicKey(a.publicKey)).toBe(true);
    expect(publicKeyOf(a.privateKey)).toBe(a.publicKey);
    const sig = signerFor(a.privateKey)('acta RIO-2026-000001');
    expect(verifySignature(a.publicKey, 'acta RIO-2026-000001', sig)).toBe(true);
    expect(verifySignature(a.publicKey, 'acta RIO-2026-000002', sig)).toBe(false);
    expect(verifySignature(b.publicKey, 'acta RIO-2026-000001', sig)).toBe(false);
    const bad = Buffer.from(sig);
    bad[10]! ^= 1;
    expect(verifySignature(a.publicKey, 'acta RIO-2026-000001', bad)).toBe(false);
    expect(verifySignature('not a key', 'x', sig)).toBe(false);
    expect(verifySignature(a.publicKey, 'x', Buffer.alloc(3))).toBe(false);
  });

  it('gives each key a readable fingerprint of sixteen characters', () => {
    const { publicKey } = generateStationKeys();
    expect(fingerprintOf(publicKey)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(fingerprintOf(publicKey)).toBe(fingerprintOf(publicKey));
    expect(fingerprintOf(generateStationKeys().publicKey)).not.toBe(fingerprintOf(publicKey));
  });
});

describe('the key file beside the database', () => {
  it('keeps the key sealed, readable only by its owner, and reads it back for the same station only', async () => {
    const db = dbIn();
    const key = await createStationKey(db, 'station-1', XOR);
    expect(keyFilePath(db)).toBe(join(db, '..', 'recupera.clave'));
    const text = readFileSync(keyFilePath(db), 'utf8');
    expect(text).not.toContain(key.privateKey.toString('base64'));
    if (process.platform !== 'win32') expect(statSync(keyFilePath(db)).mode & 0o777).toBe(0o600);
    const again = readStationKey(db, 'station-1', XOR)!;
    expect(again.publicKey).toBe(key.publicKey);
    expect(verifySignature(key.publicKey, 'x', again.sign('x'))).toBe(true);
    expect(readStationKey(db, 'station-2', XOR)).toBeNull();
    expect(() => readStationKey(db, 'station-1', PLAIN_KEYS)).toThrow(/aplicación de escritorio/);
  });

  it('has no key where there is no file, and refuses a damaged or mismatched one in Spanish', async () => {
    const db = dbIn();
    expect(readStationKey(db, 's', PLAIN_KEYS)).toBeNull();
    await createStationKey(db, 's', PLAIN_KEYS);
    const file = JSON.parse(readFileSync(keyFilePath(db), 'utf8')) as Record<string, unknown>;
    writeFileSync(keyFilePath(db), JSON.stringify({ ...file, publicKey: generateStationKeys().publicKey }));
    expect(() => readStationKey(db, 's', PLAIN_KEYS)).toThrow(AppFailure);
    writeFileSync(keyFilePath(db), '{ not json');
    expect(() => readStationKey(db, 's', PLAIN_KEYS)).toThrow(/dañado/);
  });
});
