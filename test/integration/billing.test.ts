import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsRegister, backupsReview } from '../../shared/contracts/backups';
import { billingBatches, billingMarkConfirmed, billingMarkSent } from '../../shared/contracts/billing';
import { handoversVoid } from '../../shared/contracts/handovers';
import { depurateJob } from '../../shared/contracts/jobKinds';
import { syncDepurate } from '../../shared/contracts/sync';
import { batchByNumber, batchLineTotals } from '../../electron/db/billing';
import { campaignOf, writeSetting } from '../../electron/db/settings';
import { runWrite } from '../../electron/db/writeSession';
import { baseDepuradaRows, cargaRows } from '../../electron/db/depuration';
import { call } from '../../electron/handlers/call';
import type { SessionUser } from '../../shared/contracts/app';
import type { TestApp } from '../helpers/app';
import { keptWorkbook } from '../helpers/kept';
import { card, clerk, coordinator, office, posventa, returnSerials, runJob } from '../helpers/offices';
import { validPdf } from '../helpers/documents';
import { pick } from '../helpers/files';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function sheet(path: string, name: string): Promise<unknown[][]> {
  // Depuración workbooks are kept sealed in the data folder: read them in clear.
  const wb = await keptWorkbook(path);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out.slice(1);
}

/** Posventa with the small base: Juan's 1001 (HW-1 $45, PS-1 $6) and María José's 5005 ($45) owe and are not charged; 2002, 3003, 4004 were charged by the base. */
async function posventaStation(): Promise<TestApp> {
  const p = await office('PV-01', 'Posventa Nacional');
  open.push(p);
  return p;
}

async function depurate(p: TestApp) {
  const r = await runJob(p, depurateJob, syncDepurate, {}, posventa);
  return {
    ...r,
    charges: (await sheet(r.files.cargaValores, 'Carga de valores')).map((row) => [row[2], row[9], row[10]]),
    reversals: await sheet(r.files.cargaValores, 'Valores a reversar'),
  };
}

async function as<T>(p: TestApp, user: SessionUser, fn: () => Promise<T>): Promise<T> {
  const previous = p.ctx.session.user;
  p.ctx.session.user = user;
  try {
    return await fn();
  } finally {
    p.ctx.session.user = previous;
  }
}

async function send(p: TestApp, batch: string) {
  const r = await as(p, posventa, () => call(p.ctx, billingMarkSent, { batch }));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const ALL_CHARGES = [
  ['1001', 'HW-1', 45],
  ['1001', 'PS-1', 6],
  ['5005', 'HW-5', 45],
];

describe('billing batches', () => {
  it('lists again the charges of a batch only generated, and none of a sent one; a charge sent is told to the customer', async () => {
    const p = await posventaStation();
    // A deadline still ahead: with the default, long past, no message is written.
    runWrite(p.ctx.app.db, (tx) => writeSetting(tx, 'campaign', { ...campaignOf(p.ctx.app.db), deadline: '2099-03-31' }));
    const first = await depurate(p);
    expect(first.charges).toEqual(ALL_CHARGES);
    expect(first.reversals).toEqual([]);
    // The batch recorded one CARGO line per item of its carga de valores, in cents.
    expect(batchLineTotals(p.ctx.app.db, batchByNumber(p.ctx.app.db, first.batch)!.id)).toEqual({ chargeItems: 3, chargeCents: 9600, reversalItems: 0, reversalCents: 0 });

    const second = await depurate(p);
    expect(second.charges).toEqual(ALL_CHARGES);
    expect(second.counts.chargeTotalCents).toBe(9600);

    // Before any batch went out, the customers owing 1001 and 5005 are told nothing was charged.
    const scenarios = async (r: { files: { comunicaciones: string } }) =>
      new Map((await sheet(r.files.comunicaciones, 'Comunicaciones')).map((row) => [String(row[2]), row[3]]));
    expect((await scenarios(second)).get('1001')).toBe('NO SE CARGARON VALORES');
    expect((await as(p, clerk, () => card(p, '1712345675'))).services.find((s) => s.serviceNumber === '1001')!.chargedInBatch).toBeUndefined();

    await send(p, second.batch);
    const third = await depurate(p);
    expect(third.charges).toEqual([]);
    expect(third.counts.chargeTotalCents).toBe(0);
    expect(third.reversals).toEqual([]);
    // Billing has their charges now: the messages say so, though the base still reads NO.
    const told = await scenarios(third);
    expect(told.get('1001')).toBe('VALORES CARGADOS SIN PAGO NI RECLAMO');
    expect(told.get('5005')).toBe('VALORES CARGADOS SIN PAGO NI RECLAMO');
    // And so does the card the desk reads the script from.
    const juan = (await as(p, clerk, () => card(p, '1712345675'))).services.find((s) => s.serviceNumber === '1001')!;
    expect(juan).toMatchObject({ chargesLoaded: false, chargedInBatch: true });
  });

  it('reverses exactly the item returned after its charge was sent, and the base’s own charge, told apart and never twice', async () => {
    const p = await posventaStation();
    const first = await depurate(p);
    await send(p, first.batch);
    // One of the two items of 1001 comes back (partial); Ana returns 3003, charged by the base itself.
    const juan = await returnSerials(p, '1712345675', ['PS-1']);
    const ana = await returnSerials(p, '0102030400', ['KA-9']);

    const second = await depurate(p);
    expect(second.charges).toEqual([]);
    expect(second.reversals).toEqual([
      ['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', '1001', 'Internet Fijo', 'Entrega parcial', `Lote ${first.batch}`, 'Parcial', 'Equipo devuelto', 1, 'PS-1', 51, 6, juan.number],
      ['0102030400', 'ANDRADE VERA ANA', '3003', 'Televisión', 'Entregado', 'Base', 'Total', 'Equipo devuelto', 1, 'KA-9', 60, 60, ana.number],
    ]);
    expect(second.rows.reversals).toBe(2);
    const summary = await sheet(second.files.cargaValores, 'Resumen');
    expect(summary).toContainEqual(['Equipos a reversar', 2, 66]);
    expect(batchLineTotals(p.ctx.app.db, batchByNumber(p.ctx.app.db, second.batch)!.id)).toEqual({ chargeItems: 0, chargeCents: 0, reversalItems: 2, reversalCents: 6600 });

    // Not sent yet: the next batch lists the same reversals again; once one is sent, never again.
    expect((await depurate(p)).reversals).toHaveLength(2);
    const fourth = await depurate(p);
    await send(p, fourth.batch);
    const fifth = await depurate(p);
    expect(fifth.reversals).toEqual([]);
    expect(fifth.charges).toEqual([]);
  });

  it('reverses the whole charge of a service regularised after the charge was sent', async () => {
    const p = await posventaStation();
    const first = await depurate(p);
    await send(p, first.batch);
    const maria = await card(p, '1104680135');
    const pdf = join(p.dir, 'respaldo.pdf');
    writeFileSync(pdf, validPdf());
    const b = await as(p, coordinator, () =>
      call(p.ctx, backupsRegister, { customerId: maria.id, serviceIds: [maria.services[0]!.id], actaNumber: 'P-55', files: [pick(p.ctx.session, pdf, 'r.pdf')] }),
    );
    if (!b.ok) throw new Error(b.error.message);
    const reviewed = await as(p, posventa, () => call(p.ctx, backupsReview, { id: b.value.id, decision: 'ACEPTAR' }));
    expect(reviewed.ok).toBe(true);

    const second = await depurate(p);
    expect(second.reversals).toEqual([
      ['1104680135', 'DE LA TORRE DEL POZO MARIA JOSE', '5005', 'Internet Fijo', 'Regularizado', `Lote ${first.batch}`, 'Total', 'Servicio regularizado', 1, 'HW-5', 45, 45],
    ]);
  });

  it('charges again an item owed again after its reversal was sent (the acta that took it was voided)', async () => {
    const p = await posventaStation();
    await send(p, (await depurate(p)).batch);
    const acta = await returnSerials(p, '1712345675', ['PS-1']);
    const second = await depurate(p);
    expect(second.reversals.map((r) => [r[2], r[9], r[11]])).toEqual([['1001', 'PS-1', 6]]);
    await send(p, second.batch);
    const voided = await as(p, coordinator, () => call(p.ctx, handoversVoid, { id: acta.id, reason: 'Equipo equivocado, no era del cliente' }));
    expect(voided.ok).toBe(true);
    const third = await depurate(p);
    expect(third.charges).toEqual([['1001', 'PS-1', 6]]);
    expect(third.reversals).toEqual([]);
  });

  it('writes the base depurada, the carga and its totals from one read that agrees with each one’s own query', async () => {
    const p = await posventaStation();
    // 1001 owes two items, 5005 returned its one, and the base charged 2002, 3003 and 4004.
    await returnSerials(p, '1104680135', ['HW-5']);
    const r = await depurate(p);
    const db = p.ctx.app.db;
    const dollars = (c: unknown) => (typeof c === 'number' ? c / 100 : null);
    const carga = [...cargaRows(db)];
    expect((await sheet(r.files.cargaValores, 'Carga de valores')).map((row) => [row[0], row[2], row[3], row[9], row[10] ?? null])).toEqual(
      carga.map((c) => [c[0], c[2], c[3], c[9], dollars(c[10])]),
    );
    const totals: unknown[][] = [];
    for (const c of carga) {
      const last = totals[totals.length - 1];
      if (last?.[2] === c[2]) {
        last[3] = (last[3] as number) + 1;
        last[4] = (last[4] as number) + (c[10] as number);
      } else totals.push([c[0], c[1], c[2], 1, c[10]]);
    }
    expect(await sheet(r.files.cargaValores, 'Totales por servicio')).toEqual(totals.map((t) => [...t.slice(0, 4), dollars(t[4])]));
    const base = [...baseDepuradaRows(db)];
    expect((await sheet(r.files.baseDepurada, 'Base depurada')).map((row) => [row[6], row[11] ?? null])).toEqual(base.map((b) => [b[6], b[11]]));
    expect(totals).toEqual([['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', '1001', 2, 5100]]);
    expect(base.map((b) => b[6])).not.toContain('5005');
  });

  it('goes generado → enviado → confirmado with date and who, never skipping nor going back, and never bills a line twice', async () => {
    const p = await posventaStation();
    const first = await depurate(p);
    const second = await depurate(p);
    p.ctx.session.user = posventa;
    const refused = (r: { ok: boolean; error?: { kind: string; message: string } }) => (r.ok ? 'ok' : `${r.error!.kind}: ${r.error!.message}`);

    expect(refused(await call(p.ctx, billingMarkConfirmed, { batch: first.batch }))).toBe(
      `refused: El lote ${first.batch} todavía no se ha enviado a facturación: márquelo como enviado antes de confirmar su recepción.`,
    );
    const sent = await send(p, first.batch.toLowerCase());
    expect(sent).toMatchObject({ batch: first.batch, status: 'ENVIADO', sent: { at: expect.any(String), by: posventa.fullName }, confirmed: null });
    expect(refused(await call(p.ctx, billingMarkSent, { batch: first.batch }))).toMatch(new RegExp(`^refused: El lote ${first.batch} ya se marcó como enviado a facturación el \\d{2}/\\d{2}/\\d{4}`));
    // The second batch lists the same charges again: sending it too would bill them twice.
    expect(refused(await call(p.ctx, billingMarkSent, { batch: second.batch }))).toBe(
      `refused: El lote ${second.batch} repite 3 cargos que facturación ya recibió en otro lote enviado. No lo envíe: genere una depuración nueva y envíe ese lote.`,
    );
    const confirmed = await call(p.ctx, billingMarkConfirmed, { batch: first.batch });
    expect(confirmed).toMatchObject({ ok: true, value: { status: 'CONFIRMADO', sent: sent.sent, confirmed: { at: expect.any(String), by: posventa.fullName } } });
    expect(refused(await call(p.ctx, billingMarkConfirmed, { batch: first.batch }))).toMatch(/^refused: La recepción del lote .* ya se confirmó el /);
    expect(refused(await call(p.ctx, billingMarkSent, { batch: first.batch }))).toBe(
      `refused: El lote ${first.batch} ya tiene la recepción confirmada; un lote no vuelve a un paso anterior.`,
    );

    // A batch generated before the one sent is out of date: it can no longer be sent.
    const third = await depurate(p);
    await send(p, third.batch);
    p.ctx.session.user = posventa;
    expect(refused(await call(p.ctx, billingMarkSent, { batch: second.batch }))).toMatch(new RegExp(`^refused: El lote ${second.batch} es anterior al lote ${third.batch}, que ya se envió`));
    expect(refused(await call(p.ctx, billingMarkSent, { batch: 'DEP-1999-0001' }))).toBe('not_found: No existe el lote DEP-1999-0001 en esta base de datos.');
    expect(refused(await call(p.ctx, billingMarkSent, { batch: 'lote 1' }))).toMatch(/^validation: .*DEP-AAAA-NNNN/);

    const list = await call(p.ctx, billingBatches, {});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.batches.map((b) => [b.batch, b.status, b.replacedBy, b.billing.chargeItems, b.billing.chargeCents])).toEqual([
      [third.batch, 'ENVIADO', null, 0, 0],
      [second.batch, 'GENERADO', third.batch, 3, 9600],
      [first.batch, 'CONFIRMADO', null, 3, 9600],
    ]);

    // Posventa's work: a clerk or a coordinator may neither list nor move batches.
    for (const user of [clerk, coordinator]) {
      p.ctx.session.user = user;
      expect(await call(p.ctx, billingBatches, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(await call(p.ctx, billingMarkSent, { batch: second.batch })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
  });
});
