import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuery } from '../../shared/contracts/customers';
import { runDemo } from '../../electron/cli/demo';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { searchCustomers } from '../../electron/search/customerSearch';
import { admin, testApp, type TestApp } from '../helpers/app';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  t.ctx.session.user = admin;
  await runDemo({ ctx: t.ctx, customers: 3000, seed: 11 });
  const rows = [
    { identification: '0102030400', name: 'PÉREZ LÓPEZ JUAN CARLOS', serviceNumber: '0223456789', equipmentType: 'MODEM', serial: 'HWT-0001', phone: '+593 99 123 4567', businessLine: 'Internet' },
    { identification: '1712345675', name: 'PEREZ ANDRADE MARIA', serviceNumber: '777001', equipmentType: 'DECO', serial: 'KA9', businessLine: 'TV' },
    { identification: '0912345675', name: 'NÚÑEZ DE LA TORRE ANA', serviceNumber: '888002', equipmentType: 'ONT', serial: 'ZTEG1', businessLine: 'Internet' },
  ];
  await loadBaseRows(t.ctx.app.db, rows, 'UIO-INAQUITO-01');
});
afterAll(async () => {
  await t.close();
});

const first = (text: string) => searchCustomers(t.ctx.app.db, text, 20).results[0];

describe('search', () => {
  it('finds by cédula, also typed without the leading zero', () => {
    expect(first('0102030400')).toMatchObject({ name: 'PÉREZ LÓPEZ JUAN CARLOS', match: 'identification' });
    expect(first('102030400')).toMatchObject({ identification: '0102030400', match: 'identification' });
  });

  it('finds by service number, with or without the leading zero', () => {
    expect(first('0223456789')).toMatchObject({ identification: '0102030400', match: 'serviceNumber' });
    expect(first('223456789')).toMatchObject({ identification: '0102030400', match: 'serviceNumber' });
  });

  it('finds by serial whatever the case and dashes', () => {
    expect(first('hwt0001')).toMatchObject({ identification: '0102030400', match: 'serial' });
    expect(first('HWT-0001')).toMatchObject({ identification: '0102030400', match: 'serial' });
  });

  it('finds by phone in local or international form', () => {
    expect(first('0991234567')).toMatchObject({ identification: '0102030400', match: 'phone' });
    expect(first('+593991234567')).toMatchObject({ identification: '0102030400', match: 'phone' });
  });

  it('finds by any part of the name with or without accents, whole words first', () => {
    const perez = searchCustomers(t.ctx.app.db, 'perez', 50).results;
    expect(perez.length).toBeGreaterThan(2);
    for (const c of perez) expect(c.name).toMatch(/P[EÉ]REZ/);
    const nunez = searchCustomers(t.ctx.app.db, 'nunez torre', 20).results;
    expect(nunez.map((c) => c.name)).toContain('NÚÑEZ DE LA TORRE ANA');
    expect(first('pérez lópez juan')).toMatchObject({ name: 'PÉREZ LÓPEZ JUAN CARLOS' });
    // A prefix as the clerk types.
    expect(searchCustomers(t.ctx.app.db, 'pérez lóp', 20).results.map((c) => c.name)).toContain('PÉREZ LÓPEZ JUAN CARLOS');
  });

  it('returns the customer card: services, status, flags and expected items', async () => {
    const r = await call(t.ctx, searchQuery, { text: '0102030400', limit: 5 });
    if (!r.ok) throw new Error(r.error.message);
    const card = r.value.results[0]!;
    expect(card.services).toHaveLength(1);
    expect(card.services[0]).toMatchObject({ serviceNumber: '0223456789', businessLine: 'Internet Fijo', status: 'PENDIENTE', chargesLoaded: false });
    expect(card.services[0]!.items).toEqual([expect.objectContaining({ type: 'MODEM', serial: 'HWT-0001' })]);
  });

  it('answers nothing for blank input and an empty list for unknown keys', () => {
    expect(searchCustomers(t.ctx.app.db, '   ', 20)).toEqual({ results: [], total: 0 });
    expect(searchCustomers(t.ctx.app.db, '9999999999999', 20).results).toEqual([]);
  });

  it('uses indexes for the exact-key lookups and FTS for names', () => {
    const plan = (sql: string) =>
      (t.ctx.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT num FROM customers WHERE customer_key = '1'")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_customers_\d \(customer_key=\?\)/);
    expect(plan("SELECT num FROM customers WHERE phone = '1'")).toMatch(/USING (COVERING )?INDEX customers_phone/);
    expect(plan("SELECT c.num FROM services s JOIN customers c ON c.id = s.customer_id WHERE s.service_key = '1'")).toMatch(
      /SEARCH s USING INDEX sqlite_autoindex_services_\d \(service_key=\?\).*SEARCH c USING (COVERING )?INDEX sqlite_autoindex_customers_\d \(id=\?\)/,
    );
    expect(
      plan("SELECT c.num FROM expected_items i JOIN services s ON s.id = i.service_id JOIN customers c ON c.id = s.customer_id WHERE i.serial_key = '1'"),
    ).toMatch(/SEARCH i USING INDEX expected_items_serial/);
    expect(plan("SELECT rowid FROM customers_fts WHERE customers_fts MATCH 'PEREZ'")).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan("SELECT id FROM services WHERE customer_id IN ('a','b')")).toMatch(/USING INDEX services_customer/);
  });
});
