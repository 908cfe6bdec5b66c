import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawBaseRow } from '../../shared/baseFields';
import { handoversSave } from '../../shared/contracts/handovers';
import { depurateJob } from '../../shared/contracts/jobKinds';
import { pricesGet, pricesSave } from '../../shared/contracts/settings';
import { syncDepurate } from '../../shared/contracts/sync';
import { serviceOwedCents } from '../../shared/handover';
import type { Cents } from '../../shared/money';
import { call } from '../../electron/handlers/call';
import { depurationDir } from '../../electron/app/services';
import { cargaRows } from '../../electron/db/depuration';
import { pricesOf } from '../../electron/db/settings';
import { runBaseImport } from '../../electron/import/baseImport';
import { admin, type TestApp } from '../helpers/app';
import { keptWorkbook } from '../helpers/kept';
import { card, clerk, office, posventa, runJob, SMALL_BASE } from '../helpers/offices';
import { applyAt, nationalLoop, publish } from '../helpers/nationalLoop';
import { d, HEADER, writeWorkbook } from '../helpers/workbooks';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const who = { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN CARLOS', businessLine: 'Internet', cancelDate: '2020-05-10', phone: '0991234567', chargesLoaded: 'NO' };
/** A base with a VALOR that is not a value, one left blank, one negative, and one untyped item without value. */
const PRICED_BASE: RawBaseRow[] = [
  { ...who, serviceNumber: '1001', equipmentType: 'MODEM', brand: 'HUAWEI', serial: 'HW-1', value: 'abc' },
  { ...who, serviceNumber: '1001', equipmentType: 'FUENTE', brand: 'HUAWEI', serial: 'PS-1', value: 6 },
  { ...who, serviceNumber: '2002', equipmentType: 'ONT', brand: 'ZTE', serial: 'ZT-2', value: '' },
  { ...who, serviceNumber: '2002', equipmentType: 'MODEM', brand: 'ZTE', serial: 'ZT-3', value: '-5' },
];

async function setPrices(t: TestApp, prices: Record<string, number>) {
  const previous = t.ctx.session.user;
  t.ctx.session.user = admin;
  const r = await call(t.ctx, pricesSave, { prices: prices as Record<string, Cents> });
  t.ctx.session.user = previous;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function sheet(path: string, name: string): Promise<unknown[][]> {
  const ws = (await keptWorkbook(path)).getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

const depurationError = (t: TestApp) =>
  runJob(t, depurateJob, syncDepurate, {}, posventa).then(
    () => null,
    (e: Error) => e.message,
  );

describe('prices per equipment type', () => {
  it('imports a row whose VALOR is "abc" with a warning naming the row and the price, and charges that price', async () => {
    const p = await office('PV-01', 'Posventa Nacional', [], { central: true });
    open.push(p);
    await setPrices(p, { MODEM: 4500 });
    const path = join(p.dir, 'base.xlsx');
    const line = (serial: string, value: string | number) => ['SIERRA', '1712345675', 'PÉREZ JUAN', 'Internet Fijo', '1001', d(2020, 5, 10), 'MODEM', 'HUAWEI', 'HG8245H', serial, value, 'NO', 'NO', 'NO', '0991234567', null];
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, line('S-1', 30), line('S-2', 'abc')] }]);
    const s = await runBaseImport({ db: p.ctx.app.db, path, mode: 'commit', stationCode: 'PV-01' });
    expect(s).toMatchObject({ inserted: 2, rejected: 0 });
    expect(s.warningList).toEqual([{ row: 3, column: 'VALOR', message: 'VALOR «abc» no es un valor; se usará el precio de MODEM: $45,00.' }]);
    expect([...cargaRows(p.ctx.app.db)].map((r) => [r[9], r[10]])).toEqual([
      ['S-1', 3000],
      ['S-2', 4500],
    ]);
  });

  it('refuses the depuración while an item to charge has neither a usable VALOR nor a price, writing nothing; then prices the carga de valores', async () => {
    const p = await office('PV-01', 'Posventa Nacional', PRICED_BASE, { central: true });
    open.push(p);
    expect(await depurationError(p)).toBe(
      'No se generó la depuración: hay equipos por cobrar sin valor en la base y sin precio para su tipo: MODEM (2 equipos), ONT (1 equipo). Fije el precio de esos tipos en Configuración → Precios por tipo de equipo y vuelva a depurar.',
    );
    expect(p.ctx.app.db.prepare('SELECT count(*) FROM depuration_batches').pluck().get()).toBe(0);
    const dir = depurationDir(p.ctx.app);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

    await setPrices(p, { MODEM: 4500 });
    expect(await depurationError(p)).toMatch(/sin precio para su tipo: ONT \(1 equipo\)\. Fije el precio de ese tipo en Configuración/);

    await setPrices(p, { MODEM: 4500, ONT: 3250 });
    const r = await runJob(p, depurateJob, syncDepurate, {}, posventa);
    // Never a blank value: "abc" and -5 take MODEM's price, the blank ONT its own, the valid 6 stays.
    const carga = (await sheet(r.files.cargaValores, 'Carga de valores')).slice(1).map((row) => [row[2], row[6], row[9], row[10]]);
    expect(carga).toEqual([
      ['1001', 'MODEM', 'HW-1', 45],
      ['1001', 'FUENTE', 'PS-1', 6],
      ['2002', 'ONT', 'ZT-2', 32.5],
      ['2002', 'MODEM', 'ZT-3', 45],
    ]);
    expect((await sheet(r.files.cargaValores, 'Totales por servicio')).slice(1).map((row) => [row[2], row[4]]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['1001', 51],
      ['2002', 77.5],
    ]);
    expect(r.counts.chargeTotalCents).toBe(12850);
    const lines = p.ctx.app.db.prepare("SELECT sum(value_cents) FROM billing_lines WHERE kind = 'CARGO'").pluck().get();
    expect(lines).toBe(12850);
  });

  it('values on the card an item without a usable VALOR and an item returned that the base did not list by their type’s price', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito', PRICED_BASE);
    open.push(t);
    await setPrices(t, { MODEM: 4500, 'CONTROL REMOTO': 500 });
    const c = await card(t, '1712345675');
    const s1001 = c.services.find((s) => s.serviceNumber === '1001')!;
    expect(s1001.items.map((i) => [i.serial, i.valueCents, i.fromPrice ?? false])).toEqual([
      ['HW-1', 4500, true],
      ['PS-1', 600, false],
    ]);
    expect(serviceOwedCents(s1001)).toBe(5100);
    t.ctx.session.user = clerk;
    const r = await call(t.ctx, handoversSave, {
      customerId: c.id,
      deliveredBy: 'TITULAR',
      items: [{ serviceId: s1001.id, type: 'Control remoto', serial: 'CR-1', condition: 'BUENO', accessories: [], note: 'No estaba en la base' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    const now = (await card(t, '1712345675')).services.find((s) => s.serviceNumber === '1001')!;
    expect(now.unlisted).toEqual([expect.objectContaining({ serial: 'CR-1', valueCents: 500 })]);
  });

  it('travel in the central’s update: Posventa’s prices replace the office’s', async () => {
    const { p, offices } = await nationalLoop([['UIO-01', 'CAC Iñaquito']]);
    const a = offices[0]!;
    open.push(p, a);
    await setPrices(a, { MODEM: 1000, DECODIFICADOR: 2000 });
    await setPrices(p, { MODEM: 4500, ONT: 6000 });
    const u = await publish(p);
    await applyAt(a, u.delivered!);
    expect(pricesOf(a.ctx.app.db)).toEqual({ MODEM: 4500, ONT: 6000 });
    a.ctx.session.user = clerk;
    const read = await call(a.ctx, pricesGet, {});
    expect(read.ok && read.value.prices).toEqual({ MODEM: 4500, ONT: 6000 });
  });

  it('only the administrator saves them; the change is audited and a bad list refused in Spanish', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito', SMALL_BASE);
    open.push(t);
    t.ctx.session.user = clerk;
    const refused = await call(t.ctx, pricesSave, { prices: { MODEM: 4500 as Cents } });
    expect(refused.ok).toBe(false);
    t.ctx.session.user = admin;
    const bad = await call(t.ctx, pricesSave, { prices: { MODEM: 45.5 as Cents } });
    expect(!bad.ok && bad.error.kind).toBe('validation');
    expect(!bad.ok && bad.error.message).not.toMatch(/expected|invalid/i);
    await setPrices(t, { MODEM: 4000 });
    await setPrices(t, { MODEM: 4500, ONT: 6000 });
    await setPrices(t, { MODEM: 4500, ONT: 6000 });
    const entries = t.ctx.app.db.prepare("SELECT description FROM audit_log WHERE target_id = 'prices' ORDER BY station_seq").pluck().all();
    expect(entries).toEqual([
      'Cambió los precios por tipo de equipo: MODEM $40,00 (nuevo)',
      'Cambió los precios por tipo de equipo: MODEM $40,00 → $45,00; ONT $60,00 (nuevo)',
    ]);
  });
});

describe('prices in the depuración’s SQL', () => {
  it('finds the price of a type with a quote, a backslash, a dot or an accent as the card does', async () => {
    const t = await office('PV-01', 'Posventa Nacional', [
      { ...who, serviceNumber: '1001', equipmentType: 'DECO "HD"\\4K', serial: 'D-1', value: '' },
      { ...who, serviceNumber: '1001', equipmentType: 'ANTENA 1.2 M', serial: 'A-1', value: 'x' },
      { ...who, serviceNumber: '1001', equipmentType: 'MÓDEM', serial: 'M-1' },
      { ...who, serviceNumber: '1001', serial: 'N-1' },
    ], { central: true });
    open.push(t);
    await setPrices(t, { "DECO 'HD'/4K": 100, 'ANTENA 1.2 M': 200, MÓDEM: 300, 'SIN TIPO': 400 });
    const expected = { 'D-1': 100, 'A-1': 200, 'M-1': 300, 'N-1': 400 };
    expect(Object.fromEntries([...cargaRows(t.ctx.app.db)].map((r) => [r[9], r[10]]))).toEqual(expected);
    const c = await card(t, '1712345675');
    expect(Object.fromEntries(c.services[0]!.items.map((i) => [i.serial, i.valueCents]))).toEqual(expected);
  });
});

describe('demo station', () => {
  it('gets realistic prices with the demo base, never replacing prices already set', async () => {
    const { runDemo } = await import('../../electron/cli/demo');
    const { DEMO_PRICES } = await import('../../electron/demo/prices');
    const t = await office('UIO-01', 'CAC Iñaquito', []);
    open.push(t);
    await runDemo({ ctx: t.ctx, customers: 5, seed: 1 });
    expect(pricesOf(t.ctx.app.db)).toEqual(DEMO_PRICES);
    await setPrices(t, { ONT: 100 });
    await runDemo({ ctx: t.ctx, customers: 5, seed: 2 });
    expect(pricesOf(t.ctx.app.db)).toEqual({ ONT: 100 });
  });
});

describe('acta', () => {
  it('lists the items still owed valued as the card values them: the base’s VALOR, else the type’s price', async () => {
    const { loadActaView } = await import('../../electron/handovers/actaView');
    const { returnSerials } = await import('../helpers/offices');
    const t = await office('UIO-01', 'CAC Iñaquito', PRICED_BASE);
    open.push(t);
    await setPrices(t, { MODEM: 4500 });
    const acta = await returnSerials(t, '1712345675', ['PS-1']);
    const view = loadActaView(t.ctx.app.db, acta.id)!;
    expect(view.owed.map((o) => [o.serial, o.valueCents])).toEqual([
      ['HW-1', 4500],
      ['ZT-2', null],
      ['ZT-3', 4500],
    ]);
  });
});
