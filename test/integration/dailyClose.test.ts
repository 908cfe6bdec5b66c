import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import type { Contract, InputOf } from '../../shared/contracts/contract';
import { dailyCloseExport, dailyCloseGet, dailyClosePdf, dailyCloseSave, dailyCloseSign, type CountInput, type DailyCloseView } from '../../shared/contracts/dailyClose';
import { handoversSave, handoversVoid } from '../../shared/contracts/handovers';
import { runCli } from '../../electron/cli/main';
import { call } from '../../electron/handlers/call';
import { runWrite } from '../../electron/db/writeSession';
import type { TestApp } from '../helpers/app';
import { keptBytes, keptWorkbook } from '../helpers/kept';
import { card, clerk, coordinator, office, posventa } from '../helpers/offices';

const open: TestApp[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const t of open.splice(0)) await t.close();
});

const clerk2 = { id: 'clerk-2', username: 'asesor2', fullName: 'Asesora Dos', role: 'ASESOR' as const };
const DAY = '2026-03-04';

async function as<C extends Contract>(t: TestApp, user: SessionUser, c: C, input: InputOf<C>) {
  const previous = t.ctx.session.user;
  t.ctx.session.user = user;
  try {
    return await call(t.ctx, c, input);
  } finally {
    t.ctx.session.user = previous;
  }
}

async function value<C extends Contract>(t: TestApp, user: SessionUser, c: C, input: InputOf<C>) {
  const r = await as(t, user, c, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as DailyCloseView;
}

/** An acta by `user` for the given serials of one customer, each item with these accessories. */
async function acta(t: TestApp, user: SessionUser, identification: string, serials: string[], accessories: string[] = []): Promise<string> {
  const c = await card(t, identification);
  const items = serials.map((serial) => {
    for (const s of c.services) for (const i of s.items) if (i.serial === serial) return { expectedItemId: i.id, serviceId: s.id, type: i.type ?? '', serial, condition: 'BUENO' as const, accessories };
    throw new Error(`no item ${serial}`);
  });
  const r = await as(t, user, handoversSave, { customerId: c.id, deliveredBy: 'TITULAR', items } as InputOf<typeof handoversSave>);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

/**
 * On 04/03 at one office: Asesor Uno takes HW-1 (MODEM, with its power supply and cable) and KA-9
 * (DECODIFICADOR); Asesora Dos HW-5 (MODEM); Asesor Uno's ZT-4 acta is voided. On 03/03, one more.
 */
async function busyDay(): Promise<{ t: TestApp; hw5: string }> {
  const t = await office('UIO-01', 'CAC Iñaquito');
  open.push(t);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-03T12:00:00Z'));
  await acta(t, clerk, '1712345675', ['KA-1']);
  vi.setSystemTime(new Date(`${DAY}T12:00:00Z`));
  await acta(t, clerk, '1712345675', ['HW-1'], ['FUENTE_DE_PODER', 'CABLE']);
  await acta(t, clerk, '0102030400', ['KA-9']);
  const hw5 = await acta(t, clerk2, '1104680135', ['HW-5']);
  const wrong = await acta(t, clerk, '0912345675', ['ZT-4']);
  const v = await as(t, coordinator, handoversVoid, { id: wrong, reason: 'Equipo de otro cliente' });
  if (!v.ok) throw new Error(v.error.message);
  return { t, hw5 };
}

const figures = (v: DailyCloseView) => v.lines.map((l) => `${l.clerkName}|${l.kind}|${l.label}|${l.recorded}|${l.current}|${l.counted ?? '-'}`);
const count = (v: DailyCloseView, n: (label: string, clerkName: string) => number | null): CountInput[] =>
  v.lines.map((l) => ({ clerkId: l.clerkId, kind: l.kind, type: l.type, counted: n(l.label, l.clerkName) }));

describe('Cierre del día', () => {
  it('counts the day’s actas per clerk, equipment by type and accessories, without voided actas or other days', async () => {
    const { t } = await busyDay();
    const v = await value(t, coordinator, dailyCloseGet, { day: DAY });
    expect(v.status).toBe('NUEVO');
    expect(v.editable).toBe(true);
    expect(figures(v)).toEqual([
      'Asesor Uno|EQUIPO|DECODIFICADOR|1|1|-',
      'Asesor Uno|EQUIPO|MODEM|1|1|-',
      'Asesor Uno|ACCESORIO|Cable|1|1|-',
      'Asesor Uno|ACCESORIO|Fuente de poder|1|1|-',
      'Asesora Dos|EQUIPO|MODEM|1|1|-',
    ]);
    expect(v.clerks).toEqual([
      { clerkId: 'clerk-1', clerkName: 'Asesor Uno', actas: 2 },
      { clerkId: 'clerk-2', clerkName: 'Asesora Dos', actas: 1 },
    ]);
    expect(v.voidedActas).toBe(1);
    expect(v.totals).toMatchObject({ recorded: 5, counted: 0, uncounted: 5, discrepancies: 0 });
    expect(figures(await value(t, coordinator, dailyCloseGet, { day: '2026-03-03' }))).toEqual(['Asesor Uno|EQUIPO|DECODIFICADOR|1|1|-']);
  });

  it('saves a draft and resumes it; discrepancies and totals follow the counts', async () => {
    const { t } = await busyDay();
    const v = await value(t, coordinator, dailyCloseGet, { day: DAY });
    const saved = await value(t, coordinator, dailyCloseSave, { day: DAY, counts: count(v, (label) => (label === 'Cable' ? 0 : label === 'MODEM' ? 1 : null)), note: 'Falta un cable' });
    expect(saved.status).toBe('BORRADOR');
    const resumed = await value(t, coordinator, dailyCloseGet, { day: DAY });
    expect(figures(resumed)).toEqual([
      'Asesor Uno|EQUIPO|DECODIFICADOR|1|1|-',
      'Asesor Uno|EQUIPO|MODEM|1|1|1',
      'Asesor Uno|ACCESORIO|Cable|1|1|0',
      'Asesor Uno|ACCESORIO|Fuente de poder|1|1|-',
      'Asesora Dos|EQUIPO|MODEM|1|1|1',
    ]);
    expect(resumed.note).toBe('Falta un cable');
    expect(resumed.countedBy).toBe('Coordinadora Regional');
    expect(resumed.totals).toMatchObject({ recorded: 5, counted: 2, uncounted: 2, discrepancies: 1, net: -1 });
  });

  it('signs only when every line is counted, freezes the figures, audits the signature, and shows a later void as a difference', async () => {
    const { t, hw5 } = await busyDay();
    const v = await value(t, coordinator, dailyCloseGet, { day: DAY });
    const partial = await as(t, coordinator, dailyCloseSign, { day: DAY, counts: count(v, () => null) });
    expect(partial.ok ? null : partial.error.message).toBe('Faltan contar 5 líneas antes de firmar.');
    expect((await value(t, coordinator, dailyCloseGet, { day: DAY })).status).toBe('NUEVO');

    const signed = await value(t, coordinator, dailyCloseSign, { day: DAY, counts: count(v, (label) => (label === 'Cable' ? 0 : 1)) });
    expect(signed).toMatchObject({ status: 'FIRMADO', signedBy: 'Coordinadora Regional', editable: false });
    expect(signed.totals).toMatchObject({ recorded: 5, counted: 4, discrepancies: 1, changedSinceSigned: 0 });
    const audit = t.ctx.app.db.prepare("SELECT username, description FROM audit_log WHERE action = 'CIERRE_FIRMADO'").all() as Array<{ username: string; description: string }>;
    expect(audit).toEqual([{ username: coordinator.username, description: 'Firmó el cierre del día 04/03/2026: 5 según actas, 4 contados, 1 línea con diferencia.' }]);

    // Read-only from now on: through the app, and in the database itself.
    const again = await as(t, coordinator, dailyCloseSave, { day: DAY, counts: [] });
    expect(again.ok ? null : again.error).toMatchObject({ kind: 'conflict', message: 'El cierre del 04/03/2026 ya está firmado: no se puede cambiar.' });
    expect(() => runWrite(t.ctx.app.db, (tx) => tx.prepare('UPDATE daily_close_counts SET counted = 9').run())).toThrow(/signed/);
    expect(() => runWrite(t.ctx.app.db, (tx) => tx.prepare('DELETE FROM daily_closes').run())).toThrow(/signed/);

    // A void after signing: the signed figure stays, the current one moves, and the close says so.
    const voided = await as(t, coordinator, handoversVoid, { id: hw5, reason: 'Registrada por error' });
    expect(voided.ok).toBe(true);
    const after = await value(t, coordinator, dailyCloseGet, { day: DAY });
    expect(figures(after)).toContain('Asesora Dos|EQUIPO|MODEM|1|0|1');
    expect(after.totals).toMatchObject({ recorded: 5, changedSinceSigned: 1 });
  });

  it('refuses clerks; Posventa reads but neither counts nor signs', async () => {
    const { t } = await busyDay();
    const byClerk = await as(t, clerk, dailyCloseGet, { day: DAY });
    expect(byClerk.ok ? null : byClerk.error.kind).toBe('refused');
    const read = await value(t, posventa, dailyCloseGet, { day: DAY });
    expect(read.editable).toBe(false);
    for (const c of [dailyCloseSave, dailyCloseSign]) {
      const r = await as(t, posventa, c, { day: DAY, counts: [] });
      expect(r.ok ? null : r.error.kind).toBe('refused');
    }
  });

  it('prints the close to PDF and exports it to a workbook', async () => {
    const { t } = await busyDay();
    const v = await value(t, coordinator, dailyCloseGet, { day: DAY });
    await value(t, coordinator, dailyCloseSign, { day: DAY, counts: count(v, (label) => (label === 'Cable' ? 0 : 1)) });
    const pdf = await as(t, coordinator, dailyClosePdf, { day: DAY });
    if (!pdf.ok || !pdf.value.path) throw new Error('no PDF');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: await keptBytes(pdf.value.path), encoding: 'utf8' });
    expect(text).toContain('CIERRE DEL DÍA');
    expect(text).toContain('CAC Iñaquito');
    expect(text).toContain('04/03/2026');
    expect(text).toMatch(/Asesor Uno\s+Accesorio\s+Cable\s+1\s+0\s+≠ Falta 1/);
    expect(text).toContain('Coordinador(a)');

    const xlsx = await as(t, coordinator, dailyCloseExport, { day: DAY });
    if (!xlsx.ok) throw new Error(xlsx.error.message);
    const ws = (await keptWorkbook(xlsx.value.path)).worksheets[0]!;
    const rows = ws.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(3, 10));
    expect(rows).toContainEqual(['Asesor Uno', 'Accesorio', 'Cable', 1, 0, -1, 'Falta 1']);
    expect(rows.at(-1)).toEqual(['TOTAL', undefined, undefined, 5, 4, -1, '1 con diferencia; 0 sin contar']);
  });

  it('cierre --json prints the handler’s figures', async () => {
    const { t } = await busyDay();
    let out = '';
    let err = '';
    const code = await runCli(['cierre', '--db', t.dbPath, '--fecha', DAY, '--json'], (s) => (out += s), (s) => (err += s));
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const printed = JSON.parse(out) as DailyCloseView & { files: string[] };
    expect(printed.totals).toMatchObject({ recorded: 5, uncounted: 5 });
    expect(printed.lines.map((l) => `${l.clerkName}|${l.label}|${l.recorded}`)).toContain('Asesor Uno|Fuente de poder|1');
    expect(printed.files).toEqual([]);

    // --salida: the PDF and the workbook in that folder, in clear (a folder the person named).
    const folder = join(t.dir, 'salida');
    mkdirSync(folder);
    out = '';
    const written = await runCli(['cierre', '--db', t.dbPath, '--fecha', DAY, '--salida', folder], (s) => (out += s + '\n'), (s) => (err += s));
    expect({ written, err }).toEqual({ written: 0, err: '' });
    expect(out).toContain('Asesor Uno · Accesorio Fuente de poder: según actas 1, contado — → Sin contar');
    expect(readdirSync(folder).sort()).toEqual(['cierre_UIO-01_2026-03-04_borrador.pdf', 'cierre_UIO-01_2026-03-04_borrador.xlsx']);
    expect(readFileSync(join(folder, 'cierre_UIO-01_2026-03-04_borrador.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
