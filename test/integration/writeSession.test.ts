import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerById, insertCustomer, insertOutOfBaseService } from '../../electron/db/customers';
import { insertHandover, insertHandoverItem, insertVoid, takeActaSeq, type NewHandover } from '../../electron/db/handovers';
import { newId, nowIso } from '../../electron/db/ids';
import { type Db, type Tx } from '../../electron/db/open';
import { openTestDatabase } from '../helpers/encryptedDb';
import { readSetting, writeSetting } from '../../electron/db/settings';
import { inWriteSession, runWrite } from '../../electron/db/writeSession';
import { searchCustomers } from '../../electron/search/customerSearch';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recupera-session-'));
  db = openTestDatabase(join(dir, 'recupera.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const queryOnly = (d: Db) => d.pragma('query_only', { simple: true }) === 1;

/** Whether openDatabase already opens connections query-only (the lead switches it on in open.ts). */
/** A customer with one service outside the base, written through the repositories. */
function customerWithService(tx: Tx, name: string): { customerId: string; serviceId: string } {
  const now = nowIso();
  const customerId = newId();
  const serviceId = newId();
  insertCustomer(tx, { id: customerId, originStation: 'UIO-01', key: '1712345675', identification: '1712345675', idType: 'CEDULA', name, now });
  insertOutOfBaseService(tx, {
    id: serviceId,
    originStation: 'UIO-01',
    customerId,
    serviceNumber: '0222000111',
    key: '0222000111',
    businessLine: 'INTERNET FIJO',
    businessLineRaw: null,
    now,
  });
  return { customerId, serviceId };
}

function acta(tx: Tx, customerId: string, serviceId: string): string {
  const now = nowIso();
  const id = newId();
  const seq = takeActaSeq(tx, 'UIO-01', 2026);
  const h: NewHandover = {
    id,
    originStation: 'UIO-01',
    actaNumber: `UIO-01-2026-${String(seq).padStart(6, '0')}`,
    actaYear: 2026,
    actaSeq: seq,
    historical: false,
    outOfBase: true,
    customerId,
    holderIdentification: '1712345675',
    holderName: 'PÉREZ LÓPEZ JUAN',
    deliveredBy: 'TITULAR',
    thirdPartyIdentification: null,
    thirdPartyName: null,
    thirdPartyDocuments: false,
    observations: null,
    office: 'CAC Iñaquito',
    city: 'Quito',
    clerkUserId: null,
    clerkName: 'Asesor',
    deliveredAt: now,
    createdAt: now,
    contentHash: null,
    verificationCode: null,
  };
  insertHandover(tx, h);
  insertHandoverItem(tx, {
    id: newId(),
    originStation: 'UIO-01',
    handoverId: id,
    serviceId,
    expectedItemId: null,
    serviceNumber: '0222000111',
    equipmentType: 'MODEM',
    brand: null,
    model: null,
    serial: 'HW-1',
    serialKey: 'HW1',
    condition: 'BUENO',
    accessories: '[]',
    note: 'Equipo no listado',
    unexpected: true,
    createdAt: now,
  });
  return id;
}

const statusOf = (serviceId: string) => db.prepare('SELECT status FROM services WHERE id = ?').pluck().get(serviceId);

describe('the write session', () => {
  it('is the only way to write on a query-only connection, and leaves it query-only afterwards', () => {
    db.pragma('query_only = ON');
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run()).toThrow(/readonly/);
    runWrite(db, (tx) => writeSetting(tx, 'k', 1));
    expect(readSetting(db, 'k')).toBe(1);
    expect(queryOnly(db)).toBe(true);
    expect(() =>
      runWrite(db, (tx) => {
        writeSetting(tx, 'k', 2);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(readSetting(db, 'k')).toBe(1);
    expect(queryOnly(db)).toBe(true);
    expect(() => db.prepare("UPDATE settings SET value = '3' WHERE key = 'k'").run()).toThrow(/readonly/);
  });

  it('opens every connection query-only, so a write outside a session fails at once', () => {
    expect(queryOnly(db)).toBe(true);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run()).toThrow(/readonly/);
    runWrite(db, (tx) => writeSetting(tx, 'k', 1));
    expect(readSetting(db, 'k')).toBe(1);
  });

  it('indexes the names of customers inserted in the session, so search finds them once it commits', () => {
    expect(searchCustomers(db, 'pérez lópez', 5).results).toEqual([]);
    const { customerId } = runWrite(db, (tx) => customerWithService(tx, 'PÉREZ LÓPEZ JUAN'));
    expect(searchCustomers(db, 'pérez lópez', 5).results.map((c) => c.id)).toEqual([customerId]);
    expect(searchCustomers(db, 'juan', 5).results.map((c) => c.id)).toEqual([customerId]);
  });

  it('recomputes the status of every service its writes touched, and only after everything is written', () => {
    const { customerId, serviceId } = runWrite(db, (tx) => customerWithService(tx, 'PÉREZ LÓPEZ JUAN'));
    expect(statusOf(serviceId)).toBe('PENDIENTE');
    const handoverId = runWrite(db, (tx) => {
      const id = acta(tx, customerId, serviceId);
      // Inside the session the status is still the old one: it is settled before commit.
      expect(statusOf(serviceId)).toBe('PENDIENTE');
      return id;
    });
    expect(statusOf(serviceId)).toBe('ENTREGADO');
    runWrite(db, (tx) => insertVoid(tx, { id: newId(), originStation: 'UIO-01', handoverId, reason: 'Error', userId: null, userName: 'Asesor', createdAt: nowIso() }));
    expect(statusOf(serviceId)).toBe('PENDIENTE');
  });

  it('commits all or nothing: a failure leaves no customer, no index entry, no acta and no number taken', () => {
    expect(() =>
      runWrite(db, (tx) => {
        const { customerId, serviceId } = customerWithService(tx, 'NÚÑEZ ANA');
        acta(tx, customerId, serviceId);
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM handovers').pluck().get()).toBe(0);
    expect(searchCustomers(db, 'núñez', 5).results).toEqual([]);
    const seq = runWrite(db, (tx) => takeActaSeq(tx, 'UIO-01', 2026));
    expect(seq).toBe(1);
  });

  it('joins an outer session when opened inside one: one transaction, settled once at the end', () => {
    const ids = runWrite(db, (outer) => {
      const made = customerWithService(outer, 'PÉREZ LÓPEZ JUAN');
      const inner = runWrite(db, (tx) => {
        expect(tx).toBe(outer);
        return acta(tx, made.customerId, made.serviceId);
      });
      expect(inWriteSession(db)).toBe(true);
      expect(statusOf(made.serviceId)).toBe('PENDIENTE');
      return { ...made, inner };
    });
    expect(inWriteSession(db)).toBe(false);
    expect(statusOf(ids.serviceId)).toBe('ENTREGADO');
    expect(customerById(db, ids.customerId)?.name).toBe('PÉREZ LÓPEZ JUAN');
  });

  it('refuses a function that waits: a transaction must not span an await', () => {
    expect(() => runWrite(db, async (tx) => writeSetting(tx, 'k', 1))).toThrow(/synchronous/);
    expect(readSetting(db, 'k')).toBeNull();
  });
});
