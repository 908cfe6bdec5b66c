import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handoversSave, handoversVoid } from '../../shared/contracts/handovers';
import { owedCents, serviceOwedCents } from '../../shared/handover';
import { call } from '../../electron/handlers/call';
import { card, coordinator, office, returnSerials } from '../helpers/offices';
import type { TestApp } from '../helpers/app';

// The card a clerk reads to the customer: what is still owed must be what the depuración charges.

let t: TestApp;
beforeEach(async () => {
  t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
});
afterEach(async () => {
  await t.close();
});

const service = (c: Awaited<ReturnType<typeof card>>, sn: string) => c.services.find((s) => s.serviceNumber === sn)!;

describe('customer card', () => {
  it('after a partial return owes only the items still out ($6, not $51)', async () => {
    const acta = await returnSerials(t, '1712345675', ['HW-1']);
    const s = service(await card(t, '1712345675'), '1001');
    expect(s.status).toBe('ENTREGA_PARCIAL');
    expect(s.items.map((i) => [i.serial, i.returnedIn])).toEqual([
      ['HW-1', acta.number],
      ['PS-1', null],
    ]);
    expect(owedCents(s.items)).toBe(600);
    expect(serviceOwedCents(s)).toBe(600);
  });

  it('counts an item as returned when an acta took its serial as an item the base did not list (the depuración’s rule)', async () => {
    const c = await card(t, '1712345675');
    const s = service(c, '1001');
    // The clerk added PS-1 by hand instead of ticking the base's line.
    const r = await call(t.ctx, handoversSave, {
      customerId: c.id,
      deliveredBy: 'TITULAR',
      items: [{ serviceId: s.id, type: 'FUENTE', serial: 'PS-1', condition: 'BUENO', accessories: [], note: 'Traída aparte' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    const now = service(await card(t, '1712345675'), '1001');
    expect(now.items.find((i) => i.serial === 'PS-1')?.returnedIn).toBe(r.value.number);
    expect(owedCents(now.items)).toBe(4500);
    // Shown once, on the base's line, not again as an item the base did not list.
    expect(now.unlisted).toEqual([]);
  });

  it('shows under its service an item returned that the base did not list, and forgets it when the acta is voided', async () => {
    const c = await card(t, '1712345675');
    const s = service(c, '2002');
    const r = await call(t.ctx, handoversSave, {
      customerId: c.id,
      deliveredBy: 'TITULAR',
      items: [{ serviceId: s.id, type: 'CONTROL REMOTO', brand: 'KAON', serial: 'CR-77', condition: 'BUENO', accessories: [], note: 'Vino con el decodificador' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    const now = service(await card(t, '1712345675'), '2002');
    expect(now.unlisted).toEqual([expect.objectContaining({ type: 'CONTROL REMOTO', brand: 'KAON', serial: 'CR-77', returnedIn: r.value.number })]);
    expect(service(await card(t, '1712345675'), '1001').unlisted).toEqual([]);
    // It is worth nothing the base knows of: the decoder is still owed whole.
    expect(serviceOwedCents(now)).toBe(6000);

    t.ctx.session.user = coordinator;
    const v = await call(t.ctx, handoversVoid, { id: r.value.id, reason: 'Se registró el servicio equivocado' });
    if (!v.ok) throw new Error(v.error.message);
    expect(service(await card(t, '1712345675'), '2002').unlisted).toEqual([]);
  });

  it('owes nothing on a service that does not owe, whatever its items say', () => {
    const items = [{ valueCents: 4500 as never, returnedIn: null }];
    expect(serviceOwedCents({ status: 'RESPALDO_EN_REVISION', items })).toBe(0);
    expect(serviceOwedCents({ status: 'REGULARIZADO', items })).toBe(0);
    expect(serviceOwedCents({ status: 'RESPALDO_RECHAZADO', items })).toBe(4500);
  });
});
