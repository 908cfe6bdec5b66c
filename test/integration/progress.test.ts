import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import { backupsRegister } from '../../shared/contracts/backups';
import { handoversVoid } from '../../shared/contracts/handovers';
import { consolidateJob } from '../../shared/contracts/jobKinds';
import { deadlineText, progressReport, type ProgressReport } from '../../shared/contracts/progress';
import { pricesSave } from '../../shared/contracts/settings';
import { syncConsolidate } from '../../shared/contracts/sync';
import type { Cents } from '../../shared/money';
import { issueFileToken } from '../../electron/app/fileTokens';
import { progressReport as computeProgress } from '../../electron/app/progress';
import { call } from '../../electron/handlers/call';
import { admin, type TestApp } from '../helpers/app';
import { exportNow, nationalLoop, PDF } from '../helpers/nationalLoop';
import { card, clerk, coordinator, office, posventa, returnSerials, runJob, SMALL_BASE } from '../helpers/offices';

const open: TestApp[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const t of open.splice(0)) await t.close();
});

/** Midday UTC: the same calendar day on any clock from UTC-12 to UTC+11. */
function at(day: string): void {
  vi.setSystemTime(new Date(`${day}T12:00:00Z`));
}

async function report(t: TestApp, input: Parameters<typeof computeProgress>[1] = {}, user: SessionUser = coordinator): Promise<ProgressReport> {
  const previous = t.ctx.session.user;
  t.ctx.session.user = user;
  try {
    const r = await call(t.ctx, progressReport, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  } finally {
    t.ctx.session.user = previous;
  }
}

async function voidActa(t: TestApp, id: string): Promise<void> {
  t.ctx.session.user = coordinator;
  const r = await call(t.ctx, handoversVoid, { id, reason: 'Equipo de otro cliente' });
  t.ctx.session.user = clerk;
  if (!r.ok) throw new Error(r.error.message);
}

async function backupFor(t: TestApp, identification: string, serviceNumber: string): Promise<void> {
  const c = await card(t, identification);
  const pdf = join(t.dir, `respaldo-${serviceNumber}.pdf`);
  writeFileSync(pdf, PDF);
  const token = issueFileToken(t.ctx.session, pdf, 'acta.pdf');
  const r = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services.find((s) => s.serviceNumber === serviceNumber)!.id], files: [{ token, name: 'acta.pdf' }] });
  if (!r.ok) throw new Error(r.error.message);
}

/**
 * The small base (docs in test/helpers/offices.ts): 1001 Internet MODEM $45 + FUENTE $6, 2002 TV
 * DECODIFICADOR $60 (same customer), 3003 TV DECODIFICADOR $60, 4004 Internet ONT $40, 5005 Internet
 * MODEM $45: six items, $256,00. At one office: HW-1 back on 02/03, KA-9 and HW-5 on 04/03, ZT-4
 * on 04/03 in an acta then voided, a respaldo for 2002.
 */
async function busyOffice(): Promise<TestApp> {
  const t = await office('UIO-01', 'CAC Iñaquito');
  open.push(t);
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-03-02');
  await returnSerials(t, '1712345675', ['HW-1']);
  at('2026-03-04');
  await returnSerials(t, '0102030400', ['KA-9']);
  await returnSerials(t, '1104680135', ['HW-5']);
  const wrong = await returnSerials(t, '0912345675', ['ZT-4']);
  await voidActa(t, wrong.id);
  at('2026-03-05');
  await backupFor(t, '1712345675', '2002');
  return t;
}

const zeroValue = { totalCents: 0, recoveredCents: 0, owedCents: 0, inReviewCents: 0, regularizedCents: 0 };

describe('Avance', () => {
  it('adds up the state of the base by status, line and type, in cents, and the actas of the station by day', async () => {
    const t = await busyOffice();
    const r = await report(t);
    expect(r.scope).toEqual({ national: false, station: 'UIO-01' });
    expect(r.stations).toEqual([]);
    expect(r.campaign).toEqual({
      services: { total: 5, pending: 1, partial: 1, delivered: 2, inReview: 1, regularized: 0, rejected: 0 },
      items: { expected: 6, returned: 3, owed: 2 },
      value: { totalCents: 25600, recoveredCents: 15000, owedCents: 4600, inReviewCents: 6000, regularizedCents: 0 },
    });
    expect(r.byLine).toEqual([
      {
        line: 'Internet Fijo',
        services: { total: 3, pending: 1, partial: 1, delivered: 1, inReview: 0, regularized: 0, rejected: 0 },
        value: { ...zeroValue, totalCents: 13600, recoveredCents: 9000, owedCents: 4600 },
      },
      {
        line: 'Televisión',
        services: { total: 2, pending: 0, partial: 0, delivered: 1, inReview: 1, regularized: 0, rejected: 0 },
        value: { ...zeroValue, totalCents: 12000, recoveredCents: 6000, inReviewCents: 6000 },
      },
    ]);
    expect(r.byType).toEqual([
      { type: 'DECODIFICADOR', items: { expected: 2, returned: 1, owed: 0 }, value: { ...zeroValue, totalCents: 12000, recoveredCents: 6000, inReviewCents: 6000 } },
      { type: 'MODEM', items: { expected: 2, returned: 2, owed: 0 }, value: { ...zeroValue, totalCents: 9000, recoveredCents: 9000 } },
      { type: 'FUENTE', items: { expected: 1, returned: 0, owed: 1 }, value: { ...zeroValue, totalCents: 600, owedCents: 600 } },
      { type: 'ONT', items: { expected: 1, returned: 0, owed: 1 }, value: { ...zeroValue, totalCents: 4000, owedCents: 4000 } },
    ]);
    // The voided acta is counted apart; its item and value are not.
    expect(r.activity).toEqual({ actas: 3, items: 3, valueCents: 15000, voided: 1, unlisted: 0 });
    expect(r.byDay).toEqual([
      { day: '2026-03-02', actas: 1, items: 1, valueCents: 4500 },
      { day: '2026-03-03', actas: 0, items: 0, valueCents: 0 },
      { day: '2026-03-04', actas: 2, items: 2, valueCents: 10500 },
    ]);
    expect(r.byStation).toEqual([{ code: 'UIO-01', office: 'CAC Iñaquito', actas: 3, items: 3, valueCents: 15000 }]);

    // The period narrows the actas, never the state of the base.
    const period = await report(t, { from: '2026-03-03', to: '2026-03-06' });
    expect(period.period).toEqual({ from: '2026-03-03', to: '2026-03-06' });
    expect(period.campaign).toEqual(r.campaign);
    expect(period.activity).toEqual({ actas: 2, items: 2, valueCents: 10500, voided: 1, unlisted: 0 });
    expect(period.byDay.map((d) => [d.day, d.actas])).toEqual([
      ['2026-03-03', 0],
      ['2026-03-04', 2],
      ['2026-03-05', 0],
      ['2026-03-06', 0],
    ]);
  });

  it('follows every save: the state read before an acta is not served after it', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    open.push(t);
    const before = await report(t);
    expect(before.campaign.value.recoveredCents).toBe(0);
    expect(await report(t, { from: '2026-01-01' })).toMatchObject({ campaign: before.campaign });
    await returnSerials(t, '0102030400', ['KA-9']);
    const after = await report(t);
    expect(after.campaign.services.delivered).toBe(1);
    expect(after.campaign.value.recoveredCents).toBe(6000);
    expect(after.activity).toMatchObject({ actas: 1, items: 1, valueCents: 6000 });
  });

  it('counts the deadline down from today, and says how long ago it passed', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    open.push(t);
    // The default campaign ends on 31/03/2021.
    const before = computeProgress(t.ctx.app.db, {}, 'COORDINADOR', new Date('2021-03-29T15:00:00Z'));
    expect(before.today).toBe('2021-03-29');
    expect(before.deadline).toEqual({ date: '2021-03-31', daysLeft: 2 });
    expect(deadlineText(before.deadline.daysLeft)).toBe('Faltan 2 días para la fecha límite');
    expect(computeProgress(t.ctx.app.db, {}, 'COORDINADOR', new Date('2021-03-31T15:00:00Z')).deadline.daysLeft).toBe(0);
    expect(deadlineText(0)).toBe('La fecha límite es hoy');
    const after = computeProgress(t.ctx.app.db, {}, 'COORDINADOR', new Date('2021-04-03T15:00:00Z'));
    expect(after.deadline).toEqual({ date: '2021-03-31', daysLeft: -3 });
    expect(deadlineText(after.deadline.daysLeft)).toBe('Plazo vencido hace 3 días');
    expect(deadlineText(-1)).toBe('Plazo vencido hace 1 día');
  });

  it('is for coordinators (their own station), Posventa and administrators; a clerk and other stations are refused in Spanish', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    open.push(t);
    t.ctx.session.user = clerk;
    const asClerk = await call(t.ctx, progressReport, {});
    expect(asClerk.ok).toBe(false);
    t.ctx.session.user = coordinator;
    const other = await call(t.ctx, progressReport, { station: 'GYE-01' });
    expect(other).toEqual({ ok: false, error: expect.objectContaining({ kind: 'refused', message: 'Como coordinador ve el avance de su estación (UIO-01); el de otras estaciones lo ve Posventa.' }) });
    expect((await call(t.ctx, progressReport, { station: 'uio-01' })).ok).toBe(true);
    t.ctx.session.user = admin;
    const unknown = await call(t.ctx, progressReport, { station: 'GYE-01' });
    expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ kind: 'not_found', message: 'No hay una estación con el código GYE-01 en esta base de datos.' }) });
    const backwards = await call(t.ctx, progressReport, { from: '2026-03-05', to: '2026-03-01' });
    expect(backwards).toEqual({ ok: false, error: expect.objectContaining({ kind: 'validation', message: 'La fecha «desde» no puede ser posterior a «hasta».' }) });
  });

  it('at a central that issued actas itself, Posventa can choose it as a station, as its actas are counted', async () => {
    const p = await office('PV-01', 'Posventa Nacional', undefined, { central: true });
    open.push(p);
    expect((await report(p, {}, posventa)).stations).toEqual([]);
    await returnSerials(p, '0102030400', ['KA-9']);
    const national = await report(p, {}, posventa);
    expect(national.stations).toEqual([{ code: 'PV-01', office: 'Posventa Nacional' }]);
    expect(national.byStation).toEqual([expect.objectContaining({ code: 'PV-01', actas: 1 })]);
    expect((await report(p, { station: 'PV-01' }, posventa)).activity.actas).toBe(1);
  });

  it('at the central, Posventa sees every office from the consolidated packages, and one office with the filter', async () => {
    const { p, offices } = await nationalLoop([
      ['UIO-01', 'CAC Iñaquito'],
      ['GYE-01', 'CAC Guayaquil Centro'],
    ]);
    open.push(p, ...offices);
    const [uio, gye] = offices as [TestApp, TestApp];
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-03-02');
    await returnSerials(uio, '1712345675', ['HW-1', 'PS-1']);
    at('2026-03-03');
    await returnSerials(gye, '0102030400', ['KA-9']);
    await returnSerials(gye, '1104680135', ['HW-5']);
    vi.useRealTimers();
    // Read once before: what the consolidation (another connection) writes must show after.
    expect((await report(p, {}, posventa)).campaign.services.delivered).toBe(0);
    const packages = [(await exportNow(uio)).package, (await exportNow(gye)).package];
    await runJob(p, consolidateJob, syncConsolidate, { packages: packages.map((path) => ({ token: issueFileToken(p.ctx.session, path, basename(path)), name: basename(path) })) }, posventa);

    const national = await report(p, {}, posventa);
    expect(national.scope).toEqual({ national: true, station: null });
    expect(national.stations).toEqual([
      { code: 'GYE-01', office: 'CAC Guayaquil Centro' },
      { code: 'UIO-01', office: 'CAC Iñaquito' },
    ]);
    expect(national.campaign.services).toEqual({ total: 5, pending: 2, partial: 0, delivered: 3, inReview: 0, regularized: 0, rejected: 0 });
    expect(national.campaign.value).toEqual({ ...zeroValue, totalCents: 25600, recoveredCents: 15600, owedCents: 10000 });
    expect(national.activity).toEqual({ actas: 3, items: 4, valueCents: 15600, voided: 0, unlisted: 0 });
    expect(national.byStation).toEqual([
      { code: 'GYE-01', office: 'CAC Guayaquil Centro', actas: 2, items: 2, valueCents: 10500 },
      { code: 'UIO-01', office: 'CAC Iñaquito', actas: 1, items: 2, valueCents: 5100 },
    ]);
    expect(national.byDay).toEqual([
      { day: '2026-03-02', actas: 1, items: 2, valueCents: 5100 },
      { day: '2026-03-03', actas: 2, items: 2, valueCents: 10500 },
    ]);

    const one = await report(p, { station: 'UIO-01' }, posventa);
    expect(one.scope).toEqual({ national: true, station: 'UIO-01' });
    expect(one.campaign).toEqual(national.campaign);
    expect(one.activity).toEqual({ actas: 1, items: 2, valueCents: 5100, voided: 0, unlisted: 0 });
    expect(one.byStation).toEqual([{ code: 'UIO-01', office: 'CAC Iñaquito', actas: 1, items: 2, valueCents: 5100 }]);
    expect(one.byDay).toEqual([{ day: '2026-03-02', actas: 1, items: 2, valueCents: 5100 }]);
  });

  it('values items without a usable VALOR at the price of their type, as the card and the carga de valores do', async () => {
    // 1001's MODEM and FUENTE lose their VALOR; MODEM has a price, FUENTE none (it stays at $0).
    const base = SMALL_BASE.map((r) => (r.serviceNumber === '1001' ? { ...r, value: r.equipmentType === 'MODEM' ? 'abc' : '' } : r));
    const t = await office('UIO-01', 'CAC Iñaquito', base);
    open.push(t);
    const before = await report(t);
    expect(before.campaign.value.totalCents).toBe(25600 - 4500 - 600);
    t.ctx.session.user = admin;
    const saved = await call(t.ctx, pricesSave, { prices: { MODEM: 5000 as Cents } });
    expect(saved.ok).toBe(true);
    await returnSerials(t, '1712345675', ['HW-1']);
    const r = await report(t);
    expect(r.campaign.value.totalCents).toBe(25600 - 4500 - 600 + 5000);
    expect(r.byType.find((x) => x.type === 'MODEM')!.value).toMatchObject({ totalCents: 9500, recoveredCents: 5000 });
    // The acta of the day counts the returned MODEM at its price too.
    expect(r.activity.valueCents).toBe(5000);
  });
});
