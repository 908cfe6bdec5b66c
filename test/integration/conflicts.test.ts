import { afterEach, describe, expect, it } from 'vitest';
import { handoversSave } from '../../shared/contracts/handovers';
import { call } from '../../electron/handlers/call';
import type { TestApp } from '../helpers/app';
import { chargedItems, cloneOf, depurationCounts, listed, openOf, resolve, statusOf } from '../helpers/conflictScenes';
import { consolidate, exportNow } from '../helpers/nationalLoop';
import { card, coordinator, office, returnSerials } from '../helpers/offices';
import { forCentral, linkStations } from '../helpers/trust';

const open: TestApp[] = [];
async function pc(code: string, name: string, central = false): Promise<TestApp> {
  const t = await office(code, name, undefined, { central });
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/** Posventa's central and two offices that trust it, enrolled there. */
async function loop(): Promise<{ p: TestApp; a: TestApp; b: TestApp }> {
  const p = await pc('PV-01', 'Posventa Nacional', true);
  const a = await pc('UIO-01', 'CAC Iñaquito');
  const b = await pc('GYE-01', 'CAC Centro Guayaquil');
  await linkStations(p.ctx.app, [a.ctx.app, b.ctx.app]);
  return { p, a, b };
}

const items = (t: TestApp, handoverId: string) =>
  t.ctx.app.db.prepare('SELECT serial, serial_key, expected_item_id, unexpected, service_id FROM handover_items WHERE handover_id = ?').all(handoverId);

describe('SERIE_DUPLICADA', () => {
  it('una-acta: the other acta keeps its item as recorded, but its service owes the serial again', async () => {
    const { p, a, b } = await loop();
    // At A a clerk typed HW-1 as an item Ana brought for her TV service; at B, Juan returned his HW-1.
    const ana = await card(a, '0102030400');
    a.ctx.session.user = coordinator;
    const atA = await call(a.ctx, handoversSave, {
      customerId: ana.id,
      deliveredBy: 'TITULAR',
      items: [{ serviceId: ana.services[0]!.id, type: 'MODEM', serial: 'HW-1', condition: 'BUENO', accessories: [], note: 'Serie escrita a mano' }],
    });
    if (!atA.ok) throw new Error(atA.error.message);
    const atB = await returnSerials(b, '1712345675', ['HW-1']);
    await consolidate(p, [(await exportNow(a)).package, (await exportNow(b)).package]);
    expect(chargedItems(p, '1001').join('|')).not.toContain('HW-1');
    expect(statusOf(p, '1001')).toBe('ENTREGA_PARCIAL');

    const c = await openOf(p, 'SERIE_DUPLICADA');
    expect(c.choices.actas.map((x) => x.number).sort()).toEqual([atA.value.number, atB.number].sort());
    const r = await resolve(p, { id: c.id, decision: 'UNA_ACTA', acta: atA.value.number.toLowerCase(), reason: 'La serie consta en la ficha de Ana Andrade.' });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.resolution).toMatchObject({
      decision: 'UNA_ACTA',
      by: 'Analista Posventa',
      reason: 'La serie consta en la ficha de Ana Andrade.',
      detail: { handoverId: atA.value.id, detached: [{ handoverId: atB.id, acta: atB.number }] },
    });
    // B's acta still shows what was handed over; it no longer returns Juan's HW-1, so billing charges it.
    expect(items(p, atB.id)).toEqual([expect.objectContaining({ serial: 'HW-1', serial_key: null, expected_item_id: null, unexpected: 1 })]);
    expect(items(p, atA.value.id)).toEqual([expect.objectContaining({ serial_key: 'HW1' })]);
    expect(chargedItems(p, '1001').join('|')).toContain('HW-1');
    expect(statusOf(p, '1001')).toBe('PENDIENTE');

    // Nothing re-opens it: consolidating the same packages again, or resolving again.
    const again = await consolidate(p, [(await exportNow(a)).package, (await exportNow(b)).package]);
    expect(again.conflicts).toEqual([]);
    expect((await listed(p)).filter((x) => x.kind === 'SERIE_DUPLICADA')).toEqual([]);
    expect((await listed(p, true)).find((x) => x.id === c.id)!.resolution!.decision).toBe('UNA_ACTA');
    const twice = await resolve(p, { id: c.id, decision: 'AMBAS', reason: 'Otra decisión para el mismo caso.' });
    expect(!twice.ok && twice.error).toMatchObject({ kind: 'conflict', message: expect.stringContaining('ya fue resuelto por Analista Posventa') });
  });

  it('ambas: both actas stay as recorded and the conflict is no longer listed, not even after consolidating again', async () => {
    const { p, a, b } = await loop();
    await returnSerials(a, '1712345675', ['HW-1']);
    await returnSerials(b, '1712345675', ['HW-1']);
    const packages = [(await exportNow(a)).package, (await exportNow(b)).package];
    await consolidate(p, packages);
    const before = p.ctx.app.db.prepare('SELECT * FROM handover_items ORDER BY id').all();
    const c = await openOf(p, 'SERIE_DUPLICADA');
    const r = await resolve(p, { id: c.id, decision: 'AMBAS', reason: 'El cliente devolvió dos módems con la misma serie.' });
    expect(r.ok && r.value.resolution!.detail).toEqual({ serialKey: 'HW1', actas: c.choices.actas.map((x) => x.number) });
    expect(p.ctx.app.db.prepare('SELECT * FROM handover_items ORDER BY id').all()).toEqual(before);
    expect((await consolidate(p, [...packages].reverse())).conflicts).toEqual([]);
    expect(await listed(p)).toEqual([]);
    const history = await listed(p, true);
    expect(history.map((x) => [x.kind, x.resolution?.decision])).toEqual([['SERIE_DUPLICADA', 'AMBAS']]);
  });

  it('a later acta claiming a serial already decided opens a new conflict; the earlier decision stays in the history', async () => {
    const { p, a, b } = await loop();
    await returnSerials(a, '1712345675', ['HW-1']);
    await returnSerials(b, '1712345675', ['HW-1']);
    await consolidate(p, [(await exportNow(a)).package, (await exportNow(b)).package]);
    const first = await openOf(p, 'SERIE_DUPLICADA');
    expect((await resolve(p, { id: first.id, decision: 'AMBAS', reason: 'El cliente devolvió dos módems con la misma serie.' })).ok).toBe(true);

    // Weeks later A records HW-1 once more, on Ana's TV service: a third acta claims the serial.
    const ana = await card(a, '0102030400');
    a.ctx.session.user = coordinator;
    const third = await call(a.ctx, handoversSave, {
      customerId: ana.id,
      deliveredBy: 'TITULAR',
      items: [{ serviceId: ana.services[0]!.id, type: 'MODEM', serial: 'HW-1', condition: 'BUENO', accessories: [], note: 'Trajo otro módem con la misma serie' }],
    });
    if (!third.ok) throw new Error(third.error.message);
    const r = await consolidate(p, [(await exportNow(a)).package]);
    expect(r.conflicts.map((c) => c.kind)).toEqual(['SERIE_DUPLICADA']);
    const reopened = await openOf(p, 'SERIE_DUPLICADA');
    expect(reopened.id).not.toBe(first.id);
    expect(reopened.choices.actas.map((x) => x.number)).toContain(third.value.number);
    expect(reopened.choices.actas).toHaveLength(3);
    const history = await listed(p, true);
    expect(history.find((x) => x.id === first.id)!.resolution!.decision).toBe('AMBAS');
    // Consolidating the same packages again opens nothing more.
    expect((await consolidate(p, [(await exportNow(a)).package, (await exportNow(b)).package])).conflicts).toEqual([]);
    expect((await listed(p)).filter((x) => x.kind === 'SERIE_DUPLICADA')).toHaveLength(1);
  });
});

describe('ACTA_REUTILIZADA', () => {
  it('renumerar: the set-aside acta is stored as <number>-R1, counted, and the depuración follows, whichever acta arrived first', async () => {
    const { p, a } = await loop();
    const q = await pc('PV-02', 'Posventa Nacional', true);
    await linkStations(q.ctx.app, [a.ctx.app]);
    // A copy of Iñaquito's PC numbers its actas again: María's return there gets Juan's number.
    const copy = await cloneOf(a);
    open.push(copy);
    const juan = await returnSerials(a, '1712345675', ['HW-1', 'PS-1']);
    const maria = await returnSerials(copy, '1104680135', ['HW-5']);
    expect(maria.number).toBe(juan.number);
    const pa = (await exportNow(a)).package;
    const pcopy = (await exportNow(copy)).package;
    // At P María's acta arrives second and is set aside; at Q it was here first and is moved aside.
    await consolidate(p, [pa, pcopy]);
    // Packages are encrypted to the central the office trusts (P): Q gets them encrypted again to it.
    const [qcopy, qa] = [await forCentral(q.ctx.app, pcopy), await forCentral(q.ctx.app, pa)];
    await consolidate(q, [qcopy, qa]);
    for (const t of [p, q]) {
      expect(statusOf(t, '5005')).toBe('PENDIENTE');
      expect(chargedItems(t, '5005').join('|')).toContain('HW-5');
      const c = await openOf(t, 'ACTA_REUTILIZADA');
      expect(c.choices.setAside).toMatchObject({ number: juan.number, holder: expect.stringContaining('DE LA TORRE') });
      const r = await resolve(t, { id: c.id, decision: 'RENUMERAR', reason: 'Base copiada en Iñaquito; la devolución es real.' });
      expect(r.ok && r.value.resolution!.detail).toMatchObject({ handoverId: maria.id, originalNumber: juan.number, newNumber: `${juan.number}-R1` });
      expect(t.ctx.app.db.prepare('SELECT acta_number, original_number FROM handovers WHERE id = ?').get(maria.id)).toEqual({
        acta_number: `${juan.number}-R1`,
        original_number: juan.number,
      });
      expect(items(t, maria.id)).toEqual([expect.objectContaining({ serial: 'HW-5', expected_item_id: expect.any(String), unexpected: 0 })]);
      expect(statusOf(t, '5005')).toBe('ENTREGADO');
      expect(chargedItems(t, '5005')).toEqual([]);
    }
    const counts = await depurationCounts(p);
    expect(counts).toMatchObject({ delivered: 2 });
    expect(await depurationCounts(q)).toEqual(counts);

    // Consolidating both packages again adds nothing and lists nothing.
    const again = await consolidate(p, [pcopy, pa]);
    expect(again.inserted).toEqual({ handovers: 0, items: 0, backups: 0, voids: 0 });
    expect(again.conflicts).toEqual([]);
    expect(await listed(p)).toEqual([]);
    expect(p.ctx.app.db.prepare('SELECT acta_number FROM handovers WHERE id = ?').pluck().get(maria.id)).toBe(`${juan.number}-R1`);
  });
});

describe('SERVICIO_FUERA_DE_BASE', () => {
  async function outOfBase(b: TestApp, serviceNumber: string, item: { type: string; serial?: string }) {
    b.ctx.session.user = coordinator;
    const r = await call(b.ctx, handoversSave, {
      outOfBase: { identification: '0923456784', name: 'Mera Ruiz Pedro', serviceNumber },
      deliveredBy: 'TITULAR',
      items: [{ ...item, condition: 'BUENO', accessories: [], note: 'No consta en la base' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it('vincular: the items move to the base service, which is delivered; later packages land there too', async () => {
    const { p, b } = await loop();
    // 5050 is María's 5005 mistyped at the desk.
    await outOfBase(b, '5050', { type: 'MODEM', serial: 'HW-5' });
    const first = (await exportNow(b)).package;
    await consolidate(p, [first]);
    expect(statusOf(p, '5005')).toBe('PENDIENTE');
    const c = await openOf(p, 'SERVICIO_FUERA_DE_BASE');
    expect(c.choices.serviceNumber).toBe('5050');

    const unknown = await resolve(p, { id: c.id, decision: 'VINCULAR', serviceNumber: '7777', reason: 'Número corregido por Posventa.' });
    expect(!unknown.ok && unknown.error).toMatchObject({ kind: 'not_found', message: expect.stringContaining('7777 no está en la base') });
    const itself = await resolve(p, { id: c.id, decision: 'VINCULAR', serviceNumber: '5050', reason: 'Número corregido por Posventa.' });
    expect(!itself.ok && itself.error.message).toContain('también está fuera de la base');

    const r = await resolve(p, { id: c.id, decision: 'VINCULAR', serviceNumber: '05005', reason: 'Número corregido por Posventa.' });
    expect(r.ok && r.value.resolution!.detail).toMatchObject({ serviceKey: '5050', serviceNumber: '5005', items: 1, matched: 1, removedOutOfBase: true });
    expect(statusOf(p, '5005')).toBe('ENTREGADO');
    expect(statusOf(p, '5050')).toBeUndefined();
    expect(chargedItems(p, '5005')).toEqual([]);

    // The same package again changes nothing; a new acta for 5050 lands on 5005 and opens nothing.
    expect((await consolidate(p, [first])).conflicts).toEqual([]);
    expect(statusOf(p, '5050')).toBeUndefined();
    const later = await outOfBase(b, '5050', { type: 'FUENTE' });
    const next = await consolidate(p, [(await exportNow(b)).package]);
    expect(next.conflicts).toEqual([]);
    expect(statusOf(p, '5050')).toBeUndefined();
    const base5005 = p.ctx.app.db.prepare("SELECT id FROM services WHERE service_number = '5005'").pluck().get();
    expect(items(p, later.id)).toEqual([expect.objectContaining({ service_id: base5005 })]);
    expect(await listed(p)).toEqual([]);
  });

  it('mantener: the service stays outside the base and is no longer listed', async () => {
    const { p, b } = await loop();
    await outOfBase(b, '9999', { type: 'ONT' });
    const pkg = (await exportNow(b)).package;
    await consolidate(p, [pkg]);
    const c = await openOf(p, 'SERVICIO_FUERA_DE_BASE');
    const r = await resolve(p, { id: c.id, decision: 'MANTENER', reason: 'Servicio nuevo, no estaba en la campaña.' });
    expect(r.ok && r.value.resolution).toMatchObject({ decision: 'MANTENER', detail: { serviceKey: '9999' } });
    expect(p.ctx.app.db.prepare("SELECT status, in_base FROM services WHERE service_number = '9999'").get()).toEqual({ status: 'ENTREGADO', in_base: 0 });
    expect((await consolidate(p, [pkg])).conflicts).toEqual([]);
    expect(await listed(p)).toEqual([]);
  });
});
