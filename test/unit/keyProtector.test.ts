import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStationKey, readStationKey } from '../../electron/auth/keyFile';

// A stand-in for the operating system's store: reversible, and visibly not the plain bytes.
const store = vi.hoisted(() => ({ available: true }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => store.available,
    encryptString: (s: string) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => {
      const t = b.toString();
      if (!t.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(t.slice(7), 'hex').toString();
    },
  },
}));

const { safeStorageKeys } = await import('../../electron/shell/keyProtector');
const { PLAIN_KEYS } = await import('../../electron/auth/keyFile');

describe('the desktop app seals the station key with safeStorage', () => {
  beforeEach(() => {
    store.available = true;
  });

  it('writes a key file the CLI cannot open and the app reads back', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'recupera-safe-')), 'recupera.sqlite');
    const protector = safeStorageKeys();
    expect(protector.kind).toBe('safeStorage');
    const key = await createStationKey(db, 'st-1', protector);
    expect(readStationKey(db, 'st-1', protector)!.publicKey).toBe(key.publicKey);
    expect(() => readStationKey(db, 'st-1', PLAIN_KEYS)).toThrow(/aplicación de escritorio/);
  });

  it('keeps the key as the CLI does where the system has no secure store', () => {
    store.available = false;
    expect(safeStorageKeys()).toBe(PLAIN_KEYS);
  });
});
