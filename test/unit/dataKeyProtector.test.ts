import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dataKeyPath, loadOrCreateDataKey, readDataKey, recoveryKeyText, writeDataKey } from '../../electron/auth/dataKey';

// A stand-in for the operating system's store: reversible, tied to the OS user who sealed it, and
// visibly not the plain bytes. Another user's store fails with Electron's own English message.
const store = vi.hoisted(() => ({ available: true, user: 'asesor' }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => store.available,
    encryptString: (s: string) => Buffer.from(`sealed:${store.user}:${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => {
      const prefix = `sealed:${store.user}:`;
      const t = b.toString();
      if (!t.startsWith(prefix)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(t.slice(prefix.length), 'hex').toString();
    },
  },
}));

const { safeStorageKeys } = await import('../../electron/shell/keyProtector');
const { PLAIN_KEYS } = await import('../../electron/auth/keyFile');
const { openEncryptedDatabase } = await import('../../electron/app/encryptedDatabase');

const newDb = () => join(mkdtempSync(join(tmpdir(), 'recupera-llave-')), 'recupera.sqlite');
const fileOf = (dbPath: string) => JSON.parse(readFileSync(dataKeyPath(dbPath), 'utf8')) as { protection: string; key: string };

describe('the data key sealed with safeStorage', () => {
  beforeEach(() => {
    store.available = true;
    store.user = 'asesor';
  });

  it('writes a .llave whose key is sealed, only its owner may read, and the app reads back', () => {
    const dbPath = newDb();
    const protector = safeStorageKeys();
    expect(protector.kind).toBe('safeStorage');
    const made = loadOrCreateDataKey(dbPath, protector);
    expect(made.created).toBe(true);
    expect(made.key).toHaveLength(32);

    const file = fileOf(dbPath);
    expect(file.protection).toBe('safeStorage');
    const stored = Buffer.from(file.key, 'base64');
    // The sealed value is the store's output, not the key in any spelling.
    expect(stored.toString()).toMatch(/^sealed:asesor:/);
    const raw = readFileSync(dataKeyPath(dbPath));
    for (const spelling of [made.key.toString('hex'), made.key.toString('base64')]) expect(raw.includes(spelling)).toBe(false);
    expect(raw.includes(made.key)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(dataKeyPath(dbPath)).mode & 0o777).toBe(0o600);

    expect(readDataKey(dbPath, protector)).toEqual(made.key);
    const again = loadOrCreateDataKey(dbPath, safeStorageKeys());
    expect(again).toEqual({ key: made.key, created: false });
  });

  it('is refused in Spanish by the plain protector (the CLI, the browser mode)', () => {
    const dbPath = newDb();
    loadOrCreateDataKey(dbPath, safeStorageKeys());
    expect(() => readDataKey(dbPath, PLAIN_KEYS)).toThrow(/protegida por la aplicación de escritorio.*clave de recuperación/);
    // Refused, not replaced: the key file the app wrote is still the same.
    const before = readFileSync(dataKeyPath(dbPath), 'utf8');
    expect(() => loadOrCreateDataKey(dbPath, PLAIN_KEYS)).toThrow(/aplicación de escritorio/);
    expect(readFileSync(dataKeyPath(dbPath), 'utf8')).toBe(before);
  });

  it('and a plain .llave is refused in Spanish by the app', () => {
    const dbPath = newDb();
    const made = loadOrCreateDataKey(dbPath, PLAIN_KEYS);
    expect(fileOf(dbPath).protection).toBe('ninguna');
    expect(() => readDataKey(dbPath, safeStorageKeys())).toThrow(/no está protegida por la aplicación de escritorio.*línea de comandos/);
    expect(readDataKey(dbPath, PLAIN_KEYS)).toEqual(made.key);
  });

  it('cannot be opened by another OS user, and says so in Spanish (never Electron’s English)', () => {
    const dbPath = newDb();
    loadOrCreateDataKey(dbPath, safeStorageKeys());
    store.user = 'otro';
    let message = '';
    try {
      readDataKey(dbPath, safeStorageKeys());
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/No se pudo abrir la llave de datos con la protección de este usuario del sistema\. Use la clave de recuperación\./);
    expect(message).not.toMatch(/decrypt|ciphertext/i);
  });

  it('keeps the key as the CLI does where the system has no secure store', () => {
    store.available = false;
    const dbPath = newDb();
    const made = loadOrCreateDataKey(dbPath, safeStorageKeys());
    expect(fileOf(dbPath).protection).toBe('ninguna');
    expect(readDataKey(dbPath, PLAIN_KEYS)).toEqual(made.key);
  });

  it('opens the database the app encrypted; the CLI needs the recovery key, which writes a .llave of its own', () => {
    const dbPath = newDb();
    const first = openEncryptedDatabase({ dbPath, protector: safeStorageKeys() });
    const recovery = recoveryKeyText(first.dataKey);
    first.db.close();

    const app = openEncryptedDatabase({ dbPath, protector: safeStorageKeys() });
    expect(app.dataKey).toEqual(first.dataKey);
    app.db.close();

    expect(() => openEncryptedDatabase({ dbPath, protector: PLAIN_KEYS })).toThrow(/aplicación de escritorio/);
    const cli = openEncryptedDatabase({ dbPath, protector: PLAIN_KEYS, recoveryKey: recovery });
    expect(cli.dataKey).toEqual(first.dataKey);
    cli.db.close();
    // Rewritten for the CLI's user: from now on the app's protector is the one refused.
    expect(fileOf(dbPath).protection).toBe('ninguna');
    expect(() => readDataKey(dbPath, safeStorageKeys())).toThrow(/línea de comandos/);
  });

  it('refuses a damaged .llave in Spanish', () => {
    const dbPath = newDb();
    writeDataKey(dbPath, Buffer.alloc(16, 7), safeStorageKeys());
    expect(() => readDataKey(dbPath, safeStorageKeys())).toThrow(/llave de datos está dañado/);
  });
});
