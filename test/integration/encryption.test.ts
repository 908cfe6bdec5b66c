import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServices, createServices, type AppServices } from '../../electron/app/services';
import { initStation } from '../../electron/app/setup';
import { dataKeyFromRecovery, dataKeyPath, readDataKey, recoveryKeyText } from '../../electron/auth/dataKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import { injectEncryptionFault, isPlainDatabase, type EncryptionStep } from '../../electron/db/encryption';
import { openDatabase } from '../../electron/db/open';
import { readSetting } from '../../electron/db/settings';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { searchCustomers } from '../../electron/search/customerSearch';
import { AppFailure } from '../../shared/result';
import { office, SMALL_BASE } from '../helpers/offices';

const NAME = 'ANDRADE VERA ANA';
const dirs: string[] = [];
const apps: AppServices[] = [];
afterEach(async () => {
  injectEncryptionFault(null);
  for (const a of apps.splice(0)) await closeServices(a);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'recupera-cifrado-'));
  dirs.push(d);
  return d;
}

function services(dbPath: string, recoveryKey?: string): AppServices {
  const a = createServices({ dbPath, dataDir: join(dbPath, '..'), backgroundRecovery: false, ...(recoveryKey ? { recoveryKey } : {}) });
  apps.push(a);
  return a;
}

/** The bytes of a database and its log, where a name written in clear would show. */
function bytesOf(dbPath: string): Buffer {
  return Buffer.concat([dbPath, `${dbPath}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

/** A populated database as the previous version wrote it: no key at all. */
async function plainDatabase(): Promise<string> {
  const dbPath = join(folder(), 'recupera.sqlite');
  const db = openDatabase(dbPath, { key: null });
  initStation(db, { code: 'UIO-01', office: 'CAC Iñaquito', regional: null, city: null });
  await loadBaseRows(db, SMALL_BASE, 'UIO-01');
  db.close();
  expect(isPlainDatabase(dbPath)).toBe(true);
  expect(bytesOf(dbPath).includes(NAME)).toBe(true);
  return dbPath;
}

function expectIntact(a: AppServices): void {
  expect(a.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(4);
  expect(a.db.prepare('SELECT count(*) FROM expected_items').pluck().get()).toBe(SMALL_BASE.length);
  expect(searchCustomers(a.db, 'andrade vera').results.map((r) => r.name)).toEqual([NAME]);
  expect(a.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('the database is encrypted at rest', () => {
  it('holds no customer name in its file or its log, and opens only with its key', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    const dbPath = t.dbPath;
    expect(bytesOf(dbPath).includes(NAME)).toBe(false);
    await closeServices(t.ctx.app);
    expect(bytesOf(dbPath).includes(NAME)).toBe(false);
    expect(isPlainDatabase(dbPath)).toBe(false);

    // SQLite without the key sees no database; a wrong key is refused in Spanish.
    const raw = new Database(dbPath);
    expect(() => raw.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    raw.close();
    let failure: unknown;
    try {
      openDatabase(dbPath, { key: Buffer.alloc(32, 1) });
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).kind).toBe('refused');
    expect((failure as AppFailure).message).toMatch(/^La base de datos no se puede abrir con la llave de esta computadora/);
    rmSync(t.dir, { recursive: true, force: true });
  });

  it('a copy without its key file is refused; the recovery key opens it and writes the key file again', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    const recovery = recoveryKeyText(t.ctx.app.dataKey);
    await closeServices(t.ctx.app);
    const copy = join(folder(), 'recupera.sqlite');
    copyFileSync(t.dbPath, copy);
    rmSync(t.dir, { recursive: true, force: true });

    expect(() => services(copy)).toThrow(/Falta el archivo de la llave de datos/);
    expect(existsSync(dataKeyPath(copy))).toBe(false);
    expect(() => services(copy, recovery.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toThrow(/clave de recuperación no es correcta/);

    const restored = services(copy, recovery.toLowerCase());
    expect(searchCustomers(restored.db, 'andrade').results.map((r) => r.name)).toEqual([NAME]);
    expect(readDataKey(copy, PLAIN_KEYS)).toEqual(restored.dataKey);
    await closeServices(apps.pop()!);
    const again = services(copy);
    expect(searchCustomers(again.db, 'andrade').total).toBe(1);
  });
});

describe('the recovery key', () => {
  it('writes the data key in 14 groups of 4 and reads it back, forgiving case, dashes and look-alikes', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210', 'hex');
    const text = recoveryKeyText(key);
    expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$/);
    expect(dataKeyFromRecovery(text)).toEqual(key);
    expect(dataKeyFromRecovery(` ${text.toLowerCase().replace(/-/g, ' ')} `)).toEqual(key);
    expect(dataKeyFromRecovery(text.replace(/0/g, 'O').replace(/1/g, 'I'))).toEqual(key);
  });

  it('refuses a key with one character changed, missing or extra, in Spanish', () => {
    const text = recoveryKeyText(Buffer.alloc(32, 0x5a));
    const chars = text.split('');
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === '-') continue;
      const typo = [...chars];
      typo[i] = chars[i] === 'Q' ? 'R' : 'Q';
      expect(() => dataKeyFromRecovery(typo.join('')), `position ${i}`).toThrow(/clave de recuperación no es correcta/);
    }
    expect(() => dataKeyFromRecovery(text.slice(0, -1))).toThrow(/56 caracteres/);
    expect(() => dataKeyFromRecovery(`${text}X`)).toThrow(/56 caracteres/);
    expect(() => dataKeyFromRecovery(text.replace(/^./, 'U'))).toThrow(AppFailure);
  });
});

describe('a plain database from an earlier version', () => {
  it('is encrypted on first start with every record intact, its recovery key noted as not shown yet', async () => {
    const dbPath = await plainDatabase();
    const a = services(dbPath);
    expectIntact(a);
    expect(readSetting(a.db, 'recoveryKeyPending')).toBe(true);
    expect(isPlainDatabase(dbPath)).toBe(false);
    expect(bytesOf(dbPath).includes(NAME)).toBe(false);
    expect(existsSync(`${dbPath}.cifrando`)).toBe(false);
    await closeServices(apps.pop()!);
    expect(bytesOf(dbPath).includes(NAME)).toBe(false);
  });

  it.each<EncryptionStep>(['copied', 'rekeyed', 'renamed'])('stopped after %s, leaves the plain database or the encrypted one, whole, and finishes next start', async (step) => {
    const dbPath = await plainDatabase();
    injectEncryptionFault((s) => {
      if (s === step) throw new Error('killed');
    });
    expect(() => services(dbPath)).toThrow('killed');
    injectEncryptionFault(null);
    if (step === 'renamed') expect(isPlainDatabase(dbPath)).toBe(false);
    else {
      // Before the rename nothing changed: the previous version could still open it.
      expect(isPlainDatabase(dbPath)).toBe(true);
      const old = new Database(dbPath, { readonly: true });
      expect(old.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(4);
      old.close();
    }
    const a = services(dbPath);
    expectIntact(a);
    expect(isPlainDatabase(dbPath)).toBe(false);
    expect(existsSync(`${dbPath}.cifrando`)).toBe(false);
    expect(existsSync(`${dbPath}.cifrando-journal`)).toBe(false);
    await closeServices(apps.pop()!);
    expect(bytesOf(dbPath).includes(NAME)).toBe(false);
  });
});
