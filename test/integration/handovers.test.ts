import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handoversForCustomer, handoversList, handoversSave, handoversSerialOwner, handoversVoid } from '../../shared/contracts/handovers';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { call } from '../../electron/handlers/call';
import { runWrite } from '../../electron/db/writeSession';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, testApp, type TestApp } from '../helpers/app';

let t: TestApp;
const clerk = { id: 'clerk-1', username: 'asesor', fullName: 'Asesor Uno', role: 'ASESOR' as const };

beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = clerk;
  const rows = [
    { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', businessLine: 'Internet', equipmentType: 'MODEM', brand: 'HUAWEI', serial: 'HW-1', value: 45 },
    { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', businessLine: 'Internet', equipmentType: 'FUENTE DE PODER', brand: 'HUAWEI', serial: 'PS-1', value: 6 },
    { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '2002', businessLine: 'TV', equipmentType: 'DECODIFICADOR', brand: 'KAON', serial: 'KA-1', value: 60 },
    { identification: '0102030400', name: 'ANDRADE VERA ANA', serviceNumber: '3003', businessLine: 'TV', equipmentType: 'DECODIFICADOR', brand: 'KAON', serial: 'KA-9', value: 60 },
  ];
  await loadBaseRows(t.ctx.app.db, rows, 'UIO-INAQUITO-01');
});
afterEach(async () => {
  await t.close();
});

async function card(text: string): Promise<CustomerCard> {
  const r = await call(t.ctx, searchQuery, { text, limit: 1 });
  if (!r.ok || !r.value.results[0]) throw new Error('customer not found');
  return r.value.results[0];
}

const item = (c: CustomerCard, serial: string) => {
  for (const s of c.services) for (const i of s.items) if (i.serial === serial) return { expectedItemId: i.id, serviceId: s.id, type: i.type ?? '', serial, condition: 'BUENO' as const, accessories: [] };
  throw new Error(`no item ${serial}`);
};

const statusOf = (c: CustomerCard, sn: string) => c.services.find((s) => s.serviceNumber === sn)?.status;

describe('handovers', () => {
  it('numbers actas per station and year without gaps and moves services to partial or delivered', async () => {
    const juan = await card('1712345675');
    const first = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'HW-1')] });
    if (!first.ok) throw new Error(first.error.message);
    const year = new Date().getFullYear();
    expect(first.value.number).toBe(`UIO-INAQUITO-01-${year}-000001`);
    expect(first.value.verificationCode).toMatch(/^[0-9A-Z]{8}$/);
    let now = await card('1712345675');
    expect(statusOf(now, '1001')).toBe('ENTREGA_PARCIAL');
    expect(statusOf(now, '2002')).toBe('PENDIENTE');

    const second = await call(t.ctx, handoversSave, {
      customerId: juan.id,
      deliveredBy: 'TERCERO',
      thirdParty: { identification: '0102030400', name: 'Ana Andrade', documentsReceived: true },
      items: [item(juan, 'PS-1'), { ...item(juan, 'KA-1'), condition: 'DANADO', accessories: ['CONTROL_REMOTO'] }],
    });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.number).toBe(`UIO-INAQUITO-01-${year}-000002`);
    expect(second.value.thirdParty).toMatchObject({ name: 'ANA ANDRADE', documentsReceived: true });
    now = await card('1712345675');
    expect(statusOf(now, '1001')).toBe('ENTREGADO');
    expect(statusOf(now, '2002')).toBe('ENTREGADO');
    expect(now.services.flatMap((s) => s.items.map((i) => i.returnedIn))).toEqual(expect.arrayContaining([first.value.number, second.value.number]));
  });

  it('refuses an item already returned, an item of another customer, and a tercero without documents', async () => {
    const juan = await card('1712345675');
    const ana = await card('0102030400');
    await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'HW-1')] });
    const again = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'HW-1')] });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('ya se recibió en el acta') } });
    const foreign = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(ana, 'KA-9')] });
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const noDocs = await call(t.ctx, handoversSave, {
      customerId: juan.id,
      deliveredBy: 'TERCERO',
      thirdParty: { identification: '0102030400', name: 'Ana', documentsReceived: false },
      items: [item(juan, 'PS-1')],
    });
    expect(noDocs).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('carta de autorización') } });
    const badId = await call(t.ctx, handoversSave, {
      customerId: juan.id,
      deliveredBy: 'TERCERO',
      thirdParty: { identification: '1712345678', name: 'Alguien', documentsReceived: true },
      items: [item(juan, 'PS-1')],
    });
    expect(badId).toMatchObject({ ok: false, error: { kind: 'validation' } });
    // Refused saves used no number.
    const ok = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'PS-1')] });
    expect(ok.ok && ok.value.number.endsWith('-000002')).toBe(true);
  });

  it('records items the base did not list (note required) and says whose a serial is', async () => {
    const juan = await card('1712345675');
    const noNote = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [{ type: 'ROUTER', serial: 'X1', condition: 'BUENO', accessories: [] }] });
    expect(noNote).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const r = await call(t.ctx, handoversSave, {
      customerId: juan.id,
      deliveredBy: 'TITULAR',
      items: [{ type: 'router', serial: 'x1', serviceId: juan.services[0]!.id, condition: 'INCOMPLETO', accessories: ['CABLE'], note: 'Traído sin estar en la base' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.items[0]).toMatchObject({ type: 'ROUTER', serial: 'X1', unexpected: true, condition: 'INCOMPLETO', accessories: ['CABLE'] });
    const owner = await call(t.ctx, handoversSerialOwner, { serial: 'ka9' });
    expect(owner.ok && owner.value.owners).toEqual([expect.objectContaining({ name: 'ANDRADE VERA ANA', serviceNumber: '3003', returned: false })]);
  });

  it('records a customer outside the base and flags the acta', async () => {
    const r = await call(t.ctx, handoversSave, {
      outOfBase: { identification: '0912345675', name: 'Vera Macías Rosa', serviceNumber: '9999', businessLine: 'Internet Fijo' },
      deliveredBy: 'TITULAR',
      items: [{ type: 'ONT', serial: 'ZTE-1', condition: 'BUENO', accessories: [], note: 'Cliente no está en la base' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ outOfBase: true, holder: { identification: '0912345675', name: 'VERA MACÍAS ROSA' } });
    const rosa = await card('vera macias');
    expect(rosa.services[0]).toMatchObject({ serviceNumber: '9999', inBase: false, status: 'ENTREGADO' });
    const inBase = await call(t.ctx, handoversSave, {
      outOfBase: { identification: '0912345675', name: 'XXX', serviceNumber: '1001' },
      deliveredBy: 'TITULAR',
      items: [{ type: 'ONT', condition: 'BUENO', accessories: [], note: 'n' }],
    });
    expect(inBase).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining('está en la base') } });
  });

  it('voids with a reason (coordinators only): services go back, the number stays used, the list shows it voided', async () => {
    const juan = await card('1712345675');
    const a = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'HW-1'), item(juan, 'PS-1')] });
    if (!a.ok) throw new Error(a.error.message);
    expect(statusOf(await card('1712345675'), '1001')).toBe('ENTREGADO');
    const refused = await call(t.ctx, handoversVoid, { id: a.value.id, reason: 'Error de digitación' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused' } });
    t.ctx.session.user = { ...admin, role: 'COORDINADOR' };
    const tooShort = await call(t.ctx, handoversVoid, { id: a.value.id, reason: 'x' });
    expect(tooShort).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const v = await call(t.ctx, handoversVoid, { id: a.value.id, reason: 'Se registró el cliente equivocado' });
    expect(v.ok && v.value.voided).toMatchObject({ reason: 'Se registró el cliente equivocado' });
    expect(statusOf(await card('1712345675'), '1001')).toBe('PENDIENTE');
    const twice = await call(t.ctx, handoversVoid, { id: a.value.id, reason: 'otra vez más' });
    expect(twice).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    // The items can be handed over again, under a new number.
    t.ctx.session.user = clerk;
    const b = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'HW-1')] });
    expect(b.ok && b.value.number.endsWith('-000002')).toBe(true);
    const history = await call(t.ctx, handoversForCustomer, { customerId: juan.id });
    expect(history.ok && history.value.map((h) => [h.number.slice(-6), h.voided])).toEqual([
      ['000002', false],
      ['000001', true],
    ]);
    const today = new Date();
    const d = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const list = await call(t.ctx, handoversList, { from: d, to: d, includeVoided: true });
    expect(list.ok && list.value.actas).toHaveLength(2);
    expect(list.ok && list.value.byType).toEqual([{ type: 'MODEM', count: 1 }]);
  });
});

function runLoop(dbPath: string, customerId: string, count: number): { child: ReturnType<typeof spawn>; ready: Promise<void>; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/saveLoop.ts', dbPath, customerId, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve) => child.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve()));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, done };
}

function numbering(): { seqs: number[]; last: number } {
  const seqs = t.ctx.app.db.prepare('SELECT acta_seq FROM handovers ORDER BY acta_seq').pluck().all() as number[];
  const last = (t.ctx.app.db.prepare('SELECT coalesce(max(last_seq), 0) FROM acta_counters').pluck().get() as number) ?? 0;
  return { seqs, last };
}

describe('acta numbering under pressure', () => {
  it('stays gap-free with two processes saving at once', async () => {
    const juan = await card('1712345675');
    const a = runLoop(t.dbPath, juan.id, 40);
    const b = runLoop(t.dbPath, juan.id, 40);
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);
    const { seqs, last } = numbering();
    expect(seqs).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(last).toBe(80);
  });

  it('never issues a number without its acta when the process is killed mid-way', async () => {
    const juan = await card('1712345675');
    for (const delay of [30, 90, 160]) {
      const loop = runLoop(t.dbPath, juan.id, 100000);
      await loop.ready;
      await new Promise((r) => setTimeout(r, delay));
      loop.child.kill('SIGKILL');
      await loop.done;
      const { seqs, last } = numbering();
      // Every issued number is on a stored acta, with no holes.
      expect(seqs).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    }
    expect(numbering().last).toBeGreaterThan(0);
  });
});

describe('query plans', () => {
  it('finds a service’s returned items and an item’s acta through indexes', () => {
    const plan = (sql: string) => (t.ctx.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT count(*) FROM handover_items WHERE service_id = 'x'")).toMatch(/USING (COVERING )?INDEX handover_items_service/);
    expect(plan("SELECT handover_id FROM handover_items WHERE expected_item_id = 'x'")).toMatch(/USING INDEX handover_items_expected/);
    expect(plan("SELECT 1 FROM handover_voids WHERE handover_id = 'x'")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_handover_voids/);
  });
});

describe('numbering per station', () => {
  it('keeps a separate sequence for each station code and year', async () => {
    const { saveHandover } = await import('../../electron/handovers/saveHandover');
    const { generateStationKeys, signerFor } = await import('../../electron/auth/stationKeys');
    const sign = signerFor(generateStationKeys().privateKey);
    const juan = await card('1712345675');
    const other = { id: 'st-2', code: 'GYE-CENTRO-02', office: 'CAC Centro', regional: null, city: 'Guayaquil' };
    const local = { id: 'st-1', code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' };
    const extra = (n: number) => ({ deliveredBy: 'TITULAR' as const, customerId: juan.id, items: [{ type: 'CABLE', condition: 'BUENO' as const, accessories: [], note: `n${n}` }] });
    const number = (id: string) => t.ctx.app.db.prepare('SELECT acta_number FROM handovers WHERE id = ?').pluck().get(id);
    expect(number(saveHandover(t.ctx.app.db, extra(1), local, clerk, sign, new Date(2026, 0, 5)))).toBe('UIO-INAQUITO-01-2026-000001');
    expect(number(saveHandover(t.ctx.app.db, extra(2), other, clerk, sign, new Date(2026, 0, 5)))).toBe('GYE-CENTRO-02-2026-000001');
    expect(number(saveHandover(t.ctx.app.db, extra(3), local, clerk, sign, new Date(2026, 5, 1)))).toBe('UIO-INAQUITO-01-2026-000002');
    expect(number(saveHandover(t.ctx.app.db, extra(4), local, clerk, sign, new Date(2027, 0, 2)))).toBe('UIO-INAQUITO-01-2027-000001');
  });
});

describe('CLI acta', () => {
  it('writes the PDF of an acta, and exits 2 for an unknown number', async () => {
    const { runCli } = await import('../../electron/cli/main');
    const { execFileSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const juan = await card('1712345675');
    const saved = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'HW-1')] });
    if (!saved.ok) throw new Error(saved.error.message);
    const pdf = join(t.dir, 'reimpresion.pdf');
    const lines: string[] = [];
    expect(await runCli(['acta', saved.value.number, '--db', t.dbPath, '--pdf', pdf], (s) => lines.push(s), (s) => lines.push(s))).toBe(0);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(saved.value.number);
    expect(text).toContain('REIMPRESIÓN');
    expect(text).toContain('HW-1');
    expect(await runCli(['acta', 'UIO-INAQUITO-01-2020-999999', '--db', t.dbPath, '--pdf', pdf], () => undefined, (s) => lines.push(s))).toBe(2);
    expect(lines.join('\n')).toContain('No existe el acta');
  });
});

describe('acta verification', () => {
  it('tells genuine, voided, altered, mismatched and unknown actas apart', async () => {
    const { handoversVerify } = await import('../../shared/contracts/handovers');
    const juan = await card('1712345675');
    const saved = await call(t.ctx, handoversSave, { customerId: juan.id, deliveredBy: 'TITULAR', items: [item(juan, 'HW-1')] });
    if (!saved.ok) throw new Error(saved.error.message);
    const verify = async (text: string) => {
      const r = await call(t.ctx, handoversVerify, { text });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const qr = saved.value.qrText;
    expect(await verify(qr)).toMatchObject({ outcome: 'genuine', acta: { number: saved.value.number, holderName: 'PÉREZ LÓPEZ JUAN' } });
    const code = saved.value.verificationCode;
    expect((await verify(`${code.slice(0, 4)}-${code.slice(4)}`)).outcome).toBe('genuine');
    expect((await verify(`${saved.value.number} ${code.slice(0, 4)}-${code.slice(4)}`)).outcome).toBe('genuine');
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    expect((await verify(`RECUPERA|${saved.value.number}|${wrong}`)).outcome).toBe('code_mismatch');
    expect((await verify('UIO-INAQUITO-01-2020-999999')).outcome).toBe('not_found');
    // Someone edits the serial in the database after printing.
    runWrite(t.ctx.app.db, (tx) => tx.prepare("UPDATE handover_items SET serial = 'HW-2' WHERE handover_id = ?").run(saved.value.id));
    expect((await verify(qr)).outcome).toBe('altered');
    runWrite(t.ctx.app.db, (tx) => tx.prepare("UPDATE handover_items SET serial = 'HW-1' WHERE handover_id = ?").run(saved.value.id));
    t.ctx.session.user = { ...admin, role: 'COORDINADOR' };
    await call(t.ctx, handoversVoid, { id: saved.value.id, reason: 'Prueba de anulación' });
    expect(await verify(qr)).toMatchObject({ outcome: 'voided', message: expect.stringContaining('ANULADA') });
  });
});

describe('found in review', () => {
  it('an updated base that lists a service recorded outside the base brings it into the base and recomputes it', async () => {
    const r = await call(t.ctx, handoversSave, {
      outOfBase: { identification: '0912345675', name: 'Vera Macías Rosa', serviceNumber: '7777', businessLine: 'Internet Fijo' },
      deliveredBy: 'TITULAR',
      items: [{ type: 'ONT', serial: 'ZTE-77', condition: 'BUENO', accessories: [], note: 'No estaba en la base' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect((await card('0912345675')).services[0]).toMatchObject({ inBase: false, status: 'ENTREGADO' });
    await loadBaseRows(t.ctx.app.db, [
      { identification: '0912345675', name: 'VERA MACÍAS ROSA', serviceNumber: '7777', equipmentType: 'ONT', serial: 'ZTE-77' },
      { identification: '0912345675', name: 'VERA MACÍAS ROSA', serviceNumber: '7777', equipmentType: 'DECODIFICADOR', serial: 'DEC-77' },
    ], 'UIO-INAQUITO-01');
    // The ONT came back already (matched by serial); the decoder the base now lists is still owed.
    expect((await card('0912345675')).services[0]).toMatchObject({ inBase: true, status: 'ENTREGA_PARCIAL' });
  });

  it('a later base row without identification keeps the service with its customer', async () => {
    await loadBaseRows(t.ctx.app.db, [
      { identification: null, name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', equipmentType: 'MODEM', serial: 'HW-1' },
    ], 'UIO-INAQUITO-01');
    expect((await card('1712345675')).services.map((s) => s.serviceNumber)).toContain('1001');
  });

  it('returns a base item whose type is blank, and accepts a company RUC that fails mod 11 for a tercero', async () => {
    await loadBaseRows(t.ctx.app.db, [
      { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', serial: 'NOTYPE-1' },
    ], 'UIO-INAQUITO-01');
    const juan = await card('1712345675');
    const blank = juan.services.flatMap((s) => s.items.map((i) => ({ i, s }))).find((x) => x.i.serial === 'NOTYPE-1')!;
    const r = await call(t.ctx, handoversSave, {
      customerId: juan.id,
      deliveredBy: 'TERCERO',
      thirdParty: { identification: '1790016919002', name: 'Distribuidora Andina', documentsReceived: true },
      items: [{ expectedItemId: blank.i.id, serviceId: blank.s.id, condition: 'BUENO', accessories: [] }],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.items[0]).toMatchObject({ type: 'EQUIPO', serial: 'NOTYPE-1' });
  });
});
