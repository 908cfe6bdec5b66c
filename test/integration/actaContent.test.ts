import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawBaseRow } from '../../shared/baseFields';
import { renderActaHtml } from '../../shared/acta/template';
import { handoversGet, handoversSave, handoversVoid, type ActaView } from '../../shared/contracts/handovers';
import { call } from '../../electron/handlers/call';
import { runWrite } from '../../electron/db/writeSession';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { testApp, type TestApp } from '../helpers/app';
import { card, clerk, coordinator } from '../helpers/offices';

// What the printed acta says beyond the items it took: the city in "Lugar", the declaration, who
// received it, and what the customer still owes after it.

const JUAN = '1712345675';
const row = (serviceNumber: string, equipmentType: string, serial: string, value: number | string, city = 'QUITO'): RawBaseRow => ({
  identification: JUAN,
  name: 'PÉREZ LÓPEZ JUAN CARLOS',
  serviceNumber,
  businessLine: 'Internet',
  equipmentType,
  brand: 'HUAWEI',
  serial,
  value,
  city,
});

let t: TestApp;
beforeEach(async () => {
  // A station set up without a city, as the CLI's `iniciar` without --ciudad leaves it.
  t = await testApp({ station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito' } });
  await loadBaseRows(
    t.ctx.app.db,
    [row('1001', 'MODEM', 'HW-1', 45), row('1001', 'FUENTE DE PODER', 'PS-1', 6), row('2002', 'DECODIFICADOR', 'KA-1', 60), row('2002', 'CONTROL REMOTO', 'CR-1', '')],
    'UIO-INAQUITO-01',
  );
  t.ctx.session.user = clerk;
});
afterEach(async () => {
  await t.close();
});

async function returnSerials(serials: string[]): Promise<ActaView> {
  const c = await card(t, JUAN);
  const items = serials.map((serial) => {
    for (const s of c.services) for (const i of s.items) if (i.serial === serial) return { expectedItemId: i.id, serviceId: s.id, type: i.type ?? '', serial, condition: 'BUENO' as const, accessories: [] };
    throw new Error(`no item ${serial}`);
  });
  const r = await call(t.ctx, handoversSave, { customerId: c.id, deliveredBy: 'TITULAR', items });
  if (!r.ok) throw new Error(r.error.message);
  // Two actas of one customer are never signed in the same millisecond at a real desk.
  await new Promise((done) => setTimeout(done, 5));
  return r.value;
}

async function view(id: string): Promise<ActaView> {
  const r = await call(t.ctx, handoversGet, { id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const html = (v: ActaView) => renderActaHtml(v, { qrSvg: '<svg></svg>', reprint: false });
const text = (v: ActaView) => html(v).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const owedSerials = (v: ActaView) => v.owed.map((o) => o.serial);

describe('the acta says where, who and what is still owed', () => {
  it('puts the base\'s city in "Lugar" when the station has none, and the station\'s city once it has one', async () => {
    const acta = await returnSerials(['HW-1']);
    expect(acta.city).toBe('QUITO');
    expect(text(acta)).toMatch(/Lugar y fecha QUITO, \d+ de \w+ de \d{4}/);
    runWrite(t.ctx.app.db, (tx) => tx.prepare("UPDATE stations SET city = 'Quito D.M.' WHERE code = 'UIO-INAQUITO-01'").run());
    expect((await view(acta.id)).city).toBe('Quito D.M.');
  });

  it('writes the declaration of the handover, with two copies of equal value', async () => {
    const acta = await returnSerials(['HW-1']);
    const words = text(acta);
    expect(words).toContain('Por medio de la presente, el titular del servicio, PÉREZ LÓPEZ JUAN CARLOS, con identificación 1712345675, entrega a la Corporación Nacional de Telecomunicaciones CNT EP');
    expect(words).toContain('en dos ejemplares de igual tenor y valor');
    expect(words).toContain('deben entregarse en cualquier Centro de Atención al Cliente de CNT EP para evitar que se generen valores adicionales a pagar');
  });

  it("identifies the clerk by cédula when the user has one, else by user name", async () => {
    t.ctx.session.user = { ...coordinator, id: userId('admin') };
    const first = await returnSerials(['HW-1']);
    expect(first.clerkUsername).toBe('admin');
    expect(first.clerkIdentification).toBeNull();
    expect(text(first)).toContain('RECIBÍ CONFORME Admin de Pruebas Usuario admin');
    runWrite(t.ctx.app.db, (tx) => tx.prepare("UPDATE users SET identification = '1710034065' WHERE username = 'admin'").run());
    const again = await view(first.id);
    expect(again.clerkIdentification).toBe('1710034065');
    expect(text(again)).toContain('RECIBÍ CONFORME Admin de Pruebas C.I. 1710034065');
    expect(text(again)).toContain('que recibe por intermedio de Admin de Pruebas, C.I. 1710034065');
  });

  it('lists the items still owed after this acta with their value and total, and a reprint says the same later', async () => {
    const first = await returnSerials(['HW-1']);
    expect(owedSerials(first)).toEqual(['PS-1', 'KA-1', 'CR-1']);
    expect(first.owed.map((o) => o.valueCents)).toEqual([600, 6000, null]);
    const words = text(first);
    expect(words).toContain('Equipos pendientes de entrega después de esta acta (3)');
    expect(words).toMatch(/PS-1 \$\s?6,00/);
    expect(words).toContain('CR-1 sin valor');
    expect(words).toMatch(/Valor total pendiente \$\s?66,00/);

    const second = await returnSerials(['PS-1', 'KA-1', 'CR-1']);
    expect(second.owed).toEqual([]);
    expect(text(second)).toContain('Con esta entrega, el titular no registra equipos pendientes de entrega en la base de la campaña.');
    expect(text(second)).not.toContain('Equipos pendientes de entrega después');
    // The first acta's reprint still says what was owed when it was signed.
    expect(owedSerials(await view(first.id))).toEqual(['PS-1', 'KA-1', 'CR-1']);

    // A voided later acta returned nothing: the items are owed again after it too.
    t.ctx.session.user = coordinator;
    const voided = await call(t.ctx, handoversVoid, { id: second.id, reason: 'Serie mal leída' });
    if (!voided.ok) throw new Error(voided.error.message);
    expect(owedSerials(voided.value)).toEqual([]);
    const third = await returnSerials(['KA-1']);
    expect(owedSerials(third)).toEqual(['PS-1', 'CR-1']);
  });

  it('prints one A4 page per copy with eight items received and twelve still owed (eight listed, the rest counted)', async () => {
    const serials = Array.from({ length: 16 }, (_, n) => `SERIE-LARGA-${String(n + 1).padStart(4, '0')}`);
    const many = serials.map((serial, n) => row(String(3001 + Math.floor(n / 2)), n % 2 ? 'FUENTE DE PODER' : 'MODEM', serial, 45));
    await loadBaseRows(t.ctx.app.db, many, 'UIO-INAQUITO-01');
    const acta = await returnSerials(serials.slice(0, 8));
    expect(acta.owed).toHaveLength(8 + 4);
    const { runCli } = await import('../../electron/cli/main');
    const pdf = join(t.dir, 'acta.pdf');
    const lines: string[] = [];
    expect(await runCli(['acta', acta.number, '--db', t.dbPath, '--pdf', pdf], (s) => lines.push(s), (s) => lines.push(s))).toBe(0);
    if (process.env.ACTA_PDF_KEEP) execFileSync('cp', [pdf, process.env.ACTA_PDF_KEEP]);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2\n/);
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
    expect(page1).toContain('ORIGINAL: CLIENTE');
    expect(page1).toContain('RECIBÍ CONFORME');
    expect(page1).toContain('Código de verificación');
    expect(page1).toContain('… y 4 equipos más pendientes.');
    expect(page1).toMatch(/Valor total pendiente\s+\$\s?471,00/);
  }, 60_000);
});

function userId(username: string): string {
  const r = t.ctx.app.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string } | undefined;
  if (!r) throw new Error(`no user ${username}`);
  return r.id;
}
