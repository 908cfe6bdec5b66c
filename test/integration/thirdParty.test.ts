import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoversSave } from '../../shared/contracts/handovers';
import { call } from '../../electron/handlers/call';
import { card, office } from '../helpers/offices';
import type { TestApp } from '../helpers/app';

// The main process holds a tercero to the rules the form checks (shared/handover.ts thirdPartyErrors).

let t: TestApp;
beforeAll(async () => {
  t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
});
afterAll(async () => {
  await t.close();
});

async function save(thirdParty: { identification: string; name: string; documentsReceived: boolean }) {
  const c = await card(t, '1712345675');
  const s = c.services.find((x) => x.serviceNumber === '2002')!;
  return call(t.ctx, handoversSave, {
    customerId: c.id,
    deliveredBy: 'TERCERO',
    thirdParty,
    items: [{ expectedItemId: s.items[0]!.id, serviceId: s.id, condition: 'BUENO', accessories: [] }],
  });
}

describe('tercero at the main process', () => {
  it('refuses ID "12345" and name "XYZ", naming both fields, and uses no acta number', async () => {
    const r = await save({ identification: '12345', name: 'XYZ', documentsReceived: true });
    expect(r).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        fields: { 'thirdParty.identification': 'Una cédula tiene 10 dígitos y un RUC 13: revise el número.', 'thirdParty.name': 'Escriba nombre y apellido de quien entrega.' },
      },
    });
    const ok = await save({ identification: '0102030400', name: 'Ana Andrade', documentsReceived: true });
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.value.number.endsWith('-000001')).toBe(true);
    expect(ok.value.thirdParty).toMatchObject({ identification: '0102030400', name: 'ANA ANDRADE' });
  });
});
