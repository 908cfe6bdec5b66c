import { afterEach, describe, expect, it } from 'vitest';
import { backupsReview } from '../../shared/contracts/backups';
import { handoversGet, handoversSave, handoversVerify, handoversVoid } from '../../shared/contracts/handovers';
import { exportJob } from '../../shared/contracts/jobKinds';
import { syncExport } from '../../shared/contracts/sync';
import { baseDepuradaRows, baseStatusCounts, cargaRows, comunicacionesRows } from '../../electron/db/depuration';
import { call } from '../../electron/handlers/call';
import type { TestApp } from '../helpers/app';
import { cloneOf, openOf, resolve } from '../helpers/conflictScenes';
import { applyAt, consolidate, exportNow, nationalLoop, publish, registerBackup } from '../helpers/nationalLoop';
import { card, coordinator, posventa, returnSerials, runJob } from '../helpers/offices';

// Posventa resolves and reviews at the central; the national update brings each decision to every
// office, including the office whose own records the decision changed, and the office goes on
// exporting packages the central accepts.

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function loop() {
  const { p, offices } = await nationalLoop([['UIO-01', 'CAC Iñaquito'], ['GYE-01', 'CAC Centro Guayaquil']]);
  open.push(p, ...offices);
  return { p, a: offices[0]!, b: offices[1]! };
}

/** Publishes at P and applies the update at each office, in order. */
async function publishTo(p: TestApp, offices: TestApp[]) {
  const u = await publish(p);
  const applied = [];
  for (const t of offices) applied.push(await applyAt(t, u.path));
  return applied;
}

/** Consolidates packages at P, expecting every one read (none refused). */
async function consolidated(p: TestApp, packages: string[]) {
  const r = await consolidate(p, packages);
  expect(r.refused).toEqual([]);
  return r;
}

/**
 * What a desk and a depuración read, by content (never internal ids): every service's status and
 * its reason, the status counts, the base depurada, the carga de valores (without the row's
 * internal number) and the comunicaciones. The same query at the central and at an office.
 */
function nationalTruth(t: TestApp) {
  const db = t.ctx.app.db;
  return {
    services: db.prepare('SELECT service_key, service_number, in_base, status, status_reason FROM services ORDER BY service_key').all(),
    counts: baseStatusCounts(db),
    depurada: [...baseDepuradaRows(db)],
    carga: [...cargaRows(db)].map((r) => r.slice(0, -1)),
    comunicaciones: [...comunicacionesRows(db)],
  };
}

const actaRow = (t: TestApp, id: string) => t.ctx.app.db.prepare('SELECT acta_number, original_number FROM handovers WHERE id = ?').get(id);
const actaCount = (t: TestApp) => t.ctx.app.db.prepare('SELECT count(*) FROM handovers').pluck().get();
const statusOf = (t: TestApp, number: string) =>
  t.ctx.app.db.prepare('SELECT status, status_reason AS reason FROM services WHERE service_number = ?').get(number) as { status: string; reason: string | null } | undefined;
const itemOf = (t: TestApp, id: string) =>
  t.ctx.app.db
    .prepare('SELECT s.service_number, hi.expected_item_id IS NOT NULL AS expected, hi.serial_key, hi.unexpected FROM handover_items hi LEFT JOIN services s ON s.id = hi.service_id WHERE hi.id = ?')
    .get(id);
const itemsOfActa = (t: TestApp, actaId: string) => t.ctx.app.db.prepare('SELECT id FROM handover_items WHERE handover_id = ? ORDER BY id').pluck().all(actaId) as string[];

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function verify(t: TestApp, text: string) {
  const r = await call(t.ctx, handoversVerify, { text });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function qrOf(t: TestApp, id: string): Promise<string> {
  const r = await call(t.ctx, handoversGet, { id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.qrText;
}

/** An acta for a service the base lacks, recorded at the desk. */
async function outOfBase(t: TestApp, serviceNumber: string, item: { type: string; serial?: string }) {
  t.ctx.session.user = coordinator;
  const r = await call(t.ctx, handoversSave, {
    outOfBase: { identification: '0923456784', name: 'Mera Ruiz Pedro', serviceNumber },
    deliveredBy: 'TITULAR',
    items: [{ ...item, condition: 'BUENO', accessories: [], note: 'No consta en la base' }],
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('conflict resolutions travel to the offices', () => {
  it('ACTA_REUTILIZADA renumerar: every office counts the set-aside acta under its new number; the PC that issued it renumbers its own copy', async () => {
    const { p, a, b } = await loop();
    // A copy of Iñaquito's PC (same station, same key) numbers María's return with Juan's number.
    const copy = await cloneOf(a);
    open.push(copy);
    const juan = await returnSerials(a, '1712345675', ['HW-1', 'PS-1']);
    const maria = await returnSerials(copy, '1104680135', ['HW-5']);
    expect(maria.number).toBe(juan.number);
    const mariaQr = await qrOf(copy, maria.id);
    const juanQr = await qrOf(a, juan.id);
    await consolidated(p, [(await exportNow(a)).package, (await exportNow(copy)).package]);

    // Before the decision the copy cannot take Juan's acta: its own María holds that number.
    const [early] = await publishTo(p, [copy]);
    expect(early!.changes.heldBack).toEqual([{ actaNumber: juan.number, reason: expect.stringContaining('mismo número') }]);

    const c = await openOf(p, 'ACTA_REUTILIZADA');
    expect((await resolve(p, { id: c.id, decision: 'RENUMERAR', reason: 'Base copiada en Iñaquito; la devolución es real.' })).ok).toBe(true);
    await publishTo(p, [a, b, copy]);

    const renumbered = { acta_number: `${juan.number}-R1`, original_number: juan.number };
    for (const t of [a, b, copy]) {
      expect(actaRow(t, maria.id)).toEqual(renumbered);
      expect(actaRow(t, juan.id)).toEqual({ acta_number: juan.number, original_number: null });
      // Two actas, never a duplicate of María's under both numbers.
      expect(actaCount(t)).toBe(2);
      expect(statusOf(t, '5005')!.status).toBe('ENTREGADO');
      expect(statusOf(t, '1001')!.status).toBe('ENTREGADO');
      // The printed acta still verifies by the number on its paper.
      expect(await verify(t, mariaQr)).toMatchObject({ verdict: 'AUTENTICA', acta: { id: maria.id, number: `${juan.number}-R1` } });
      expect(await verify(t, juanQr)).toMatchObject({ verdict: 'AUTENTICA', acta: { id: juan.id, number: juan.number } });
      expect(nationalTruth(t)).toEqual(nationalTruth(p));
    }
    // The copy's next package is accepted and changes nothing at P.
    const again = await consolidated(p, [(await exportNow(copy)).package, (await exportNow(a)).package]);
    expect(again.inserted).toEqual({ handovers: 0, items: 0, backups: 0, voids: 0 });
    expect(again.conflicts).toEqual([]);
  }, 180_000);

  it('SERVICIO_FUERA_DE_BASE vincular: the items point at the base service at every office, and the office’s out-of-base service goes once unused', async () => {
    const { p, a, b } = await loop();
    // 5050 is María's 5005 mistyped at B's desk.
    const first = await outOfBase(b, '5050', { type: 'MODEM', serial: 'HW-5' });
    const firstQr = await qrOf(b, first.id);
    await consolidated(p, [(await exportNow(b)).package]);
    // A learns of 5050 as outside the base before Posventa decides.
    await publishTo(p, [a]);
    expect(statusOf(a, '5050')!.status).toBe('ENTREGADO');
    // B records another return for 5050 that P has not seen yet.
    const later = await outOfBase(b, '5050', { type: 'FUENTE' });
    const laterQr = await qrOf(b, later.id);
    const backup = await registerBackup(b, '0923456784', '5050');

    const c = await openOf(p, 'SERVICIO_FUERA_DE_BASE');
    expect((await resolve(p, { id: c.id, decision: 'VINCULAR', serviceNumber: '5005', reason: 'Número corregido por Posventa.' })).ok).toBe(true);
    await publishTo(p, [a, b]);

    for (const t of [a, b]) {
      expect(statusOf(t, '5050')).toBeUndefined();
      expect(itemOf(t, itemsOfActa(t, first.id)[0]!)).toEqual({ service_number: '5005', expected: 1, serial_key: 'HW5', unexpected: 0 });
      expect(statusOf(t, '5005')!.status).toBe('ENTREGADO');
    }
    // B's own unsent return follows the decision too, and lands on 5005 at P as well.
    expect(itemOf(b, itemsOfActa(b, later.id)[0]!)).toMatchObject({ service_number: '5005', expected: 0 });
    const covered = (t: TestApp) =>
      t.ctx.app.db.prepare('SELECT s.service_number FROM backup_services bs JOIN services s ON s.id = bs.service_id WHERE bs.backup_id = ?').pluck().all(backup);
    expect(covered(b)).toEqual(['5005']);
    const next = await consolidated(p, [(await exportNow(b)).package]);
    expect(next.conflicts).toEqual([]);
    expect(next.inserted).toMatchObject({ handovers: 1, items: 1, backups: 1 });
    expect(itemOf(p, itemsOfActa(p, later.id)[0]!)).toMatchObject({ service_number: '5005', expected: 0 });
    expect(covered(p)).toEqual(['5005']);
    await publishTo(p, [a, b]);
    for (const t of [a, b]) expect(nationalTruth(t)).toEqual(nationalTruth(p));
    // The actas still say what was printed (5050) and verify everywhere.
    for (const t of [p, a, b]) {
      expect(await verify(t, firstQr)).toMatchObject({ verdict: 'AUTENTICA', acta: { id: first.id } });
      expect(await verify(t, laterQr)).toMatchObject({ verdict: 'AUTENTICA', acta: { id: later.id } });
    }
  }, 180_000);

  it('SERIE_DUPLICADA una-acta: the detached item no longer returns the serial at any office, the one that recorded it included', async () => {
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
    await consolidated(p, [(await exportNow(a)).package, (await exportNow(b)).package]);
    await publishTo(p, [a, b]);
    expect(statusOf(b, '1001')!.status).toBe('ENTREGA_PARCIAL');

    const c = await openOf(p, 'SERIE_DUPLICADA');
    expect((await resolve(p, { id: c.id, decision: 'UNA_ACTA', acta: atA.value.number, reason: 'La serie consta en la ficha de Ana Andrade.' })).ok).toBe(true);
    expect(statusOf(p, '1001')!.status).toBe('PENDIENTE');
    await publishTo(p, [a, b]);

    const detached = itemsOfActa(b, atB.id)[0]!;
    for (const t of [a, b]) {
      expect(itemOf(t, detached)).toEqual({ service_number: '1001', expected: 0, serial_key: null, unexpected: 1 });
      expect(statusOf(t, '1001')!.status).toBe('PENDIENTE');
      expect(nationalTruth(t)).toEqual(nationalTruth(p));
    }
    // B's next package is accepted and re-opens nothing.
    const next = await consolidated(p, [(await exportNow(b)).package, (await exportNow(a)).package]);
    expect(next.conflicts).toEqual([]);
    expect(statusOf(p, '1001')!.status).toBe('PENDIENTE');
  }, 180_000);
});

describe('reviews and voids at an office after a national update', () => {
  it('the origin office shows the reviews with their reason, and its next packages carry no review back and are accepted', async () => {
    const { p, a, b } = await loop();
    const rejected = await registerBackup(a, '0102030400', '3003');
    const accepted = await registerBackup(a, '0912345675', '4004');
    await consolidated(p, [(await exportNow(a)).package]);
    p.ctx.session.user = posventa;
    const reason = 'El acta presentada pertenece a otro cliente';
    expect((await call(p.ctx, backupsReview, { id: accepted, decision: 'ACEPTAR' })).ok).toBe(true);
    expect((await call(p.ctx, backupsReview, { id: rejected, decision: 'RECHAZAR', reason })).ok).toBe(true);
    await publishTo(p, [a, b]);

    for (const t of [a, b]) {
      expect(statusOf(t, '3003')).toEqual({ status: 'RESPALDO_RECHAZADO', reason });
      expect(statusOf(t, '4004')).toEqual({ status: 'REGULARIZADO', reason: null });
      expect(t.ctx.app.db.prepare('SELECT status, review_reason FROM backups WHERE id = ?').get(rejected)).toEqual({ status: 'RECHAZADO', review_reason: reason });
    }
    // The next export still covers the respaldos (the range overlaps the last export) and also a
    // whole range asked for: they travel as registered, and P keeps its own reviews.
    const today = localToday();
    const whole = () => runJob(a, exportJob, syncExport, { includeDocuments: false, from: today, to: today }, coordinator);
    for (const pkg of [await exportNow(a), await exportNow(a), await whole()]) {
      expect(pkg.backups).toBe(2);
      await consolidated(p, [pkg.package]);
    }
    expect(statusOf(p, '3003')).toEqual({ status: 'RESPALDO_RECHAZADO', reason });
    expect(statusOf(p, '4004')!.status).toBe('REGULARIZADO');
    expect(nationalTruth(a)).toEqual(nationalTruth(p));
  }, 180_000);

  it('an office never exports nor voids another station’s acta it learned from an update', async () => {
    const { p, a, b } = await loop();
    const atA = await returnSerials(a, '1712345675', ['HW-1', 'PS-1']);
    const voidedAtA = await returnSerials(a, '0102030400', ['KA-9']);
    a.ctx.session.user = coordinator;
    expect((await call(a.ctx, handoversVoid, { id: voidedAtA.id, reason: 'Equipos de otro cliente' })).ok).toBe(true);
    await consolidated(p, [(await exportNow(a)).package]);
    await publishTo(p, [b]);
    expect(statusOf(b, '1001')!.status).toBe('ENTREGADO');
    expect(b.ctx.app.db.prepare('SELECT count(*) FROM handover_voids WHERE handover_id = ?').pluck().get(voidedAtA.id)).toBe(1);

    b.ctx.session.user = coordinator;
    const refused = await call(b.ctx, handoversVoid, { id: atA.id, reason: 'Digitado en la oficina equivocada' });
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'refused', message: expect.stringContaining('UIO-01') });
    expect(statusOf(b, '1001')!.status).toBe('ENTREGADO');
    expect(b.ctx.app.db.prepare('SELECT count(*) FROM handover_voids').pluck().get()).toBe(1);

    // B's own work travels alone: none of A's actas or voids, and P accepts it.
    const own = await returnSerials(b, '1104680135', ['HW-5']);
    const pkg = await exportNow(b);
    expect(pkg).toMatchObject({ handovers: 1, items: 1, voids: 0, backups: 0 });
    const r = await consolidated(p, [pkg.package]);
    expect(r.inserted).toMatchObject({ handovers: 1, items: 1, voids: 0 });
    expect(p.ctx.app.db.prepare('SELECT origin_station FROM handovers WHERE id = ?').pluck().get(own.id)).toBe('GYE-01');
    await publishTo(p, [a, b]);
    for (const t of [a, b]) expect(nationalTruth(t)).toEqual(nationalTruth(p));
  }, 180_000);
});
