import { afterEach, describe, expect, it } from 'vitest';
import { conflictsList, conflictsResolve } from '../../shared/contracts/conflicts';
import { cliUser } from '../../electron/cli/cliArgs';
import { runCli } from '../../electron/cli/main';
import { insertConflict } from '../../electron/db/conflicts';
import { newId, nowIso } from '../../electron/db/ids';
import { getLocalStation, trustedKeyOf } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import type { TestApp } from '../helpers/app';
import { listed, openOf, resolve } from '../helpers/conflictScenes';
import { consolidate, exportNow } from '../helpers/nationalLoop';
import { clerk, coordinator, office, posventa, returnSerials } from '../helpers/offices';
import { linkStations } from '../helpers/trust';

const open: TestApp[] = [];
async function pc(code: string, name: string, central = false): Promise<TestApp> {
  const t = await office(code, name, undefined, { central });
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

/**
 * Two PCs with one code, as a consolidation recorded it before packages were signed: now the
 * second PC's package is refused (its key is not the one enrolled for the code), but conflicts
 * kept from then still wait for a person.
 */
function stationConflict(p: TestApp, known: { id: string; office: string }, twin: { id: string; office: string }, code: string): void {
  const ids = [known.id, twin.id].sort();
  runWrite(p.ctx.app.db, (tx) =>
    insertConflict(tx, {
      kind: 'ESTACION_DUPLICADA',
      key: `${code}|${ids.join('|')}`,
      detail: `Dos estaciones usan el código ${code}: «${known.office}» y «${twin.office}».`,
      payload: { stations: [{ id: known.id, code, office: known.office }, { id: twin.id, code, office: twin.office, regional: null, city: 'Quito' }] },
      now: nowIso(),
    }),
  );
}

describe('ESTACION_DUPLICADA', () => {
  it('renombrar: the station with that id takes a new, valid and free code; who, when and why are kept', async () => {
    const p = await pc('PV-01', 'Posventa Nacional', true);
    const a = await pc('UIO-01', 'CAC Iñaquito');
    await linkStations(p.ctx.app, [a.ctx.app]);
    const aId = getLocalStation(a.ctx.app.db)!.id;
    const twinId = newId();
    stationConflict(p, { id: aId, office: 'CAC Iñaquito' }, { id: twinId, office: 'CAC Quicentro' }, 'UIO-01');
    const c = await openOf(p, 'ESTACION_DUPLICADA');
    expect(c.choices.stations).toEqual(
      expect.arrayContaining([
        { id: aId, code: 'UIO-01', office: 'CAC Iñaquito', known: true },
        { id: twinId, code: 'UIO-01', office: 'CAC Quicentro', known: false },
      ]),
    );
    const reason = 'Quicentro configuró el código de Iñaquito por error.';
    const refusals = await Promise.all([
      resolve(p, { id: c.id, decision: 'RENOMBRAR', stationId: 'otra', newCode: 'UIO-05', reason }),
      resolve(p, { id: c.id, decision: 'RENOMBRAR', stationId: twinId, newCode: 'x', reason }),
      resolve(p, { id: c.id, decision: 'RENOMBRAR', stationId: twinId, newCode: 'pv 01', reason }),
      resolve(p, { id: c.id, decision: 'RENOMBRAR', stationId: twinId, newCode: 'UIO-01', reason }),
    ]);
    expect(refusals.map((r) => !r.ok && r.error.message)).toEqual([
      expect.stringContaining('no es ninguna de las dos del conflicto'),
      expect.stringContaining('al menos 3 caracteres'),
      'El código PV-01 ya está en uso en esta base de datos: elija otro.',
      'El nuevo código debe ser distinto de UIO-01.',
    ]);

    const r = await resolve(p, { id: c.id, decision: 'RENOMBRAR', stationId: twinId, newCode: 'uio quicentro 01', reason });
    expect(r.ok && r.value.resolution).toMatchObject({
      decision: 'RENOMBRAR',
      reason,
      by: 'Analista Posventa',
      detail: { stationId: twinId, newCode: 'UIO-QUICENTRO-01', previousCode: 'UIO-01', renamedHere: true },
    });
    expect(p.ctx.app.db.prepare('SELECT code, office FROM stations WHERE id = ?').get(twinId)).toEqual({ code: 'UIO-QUICENTRO-01', office: 'CAC Quicentro' });
    expect(await listed(p)).toEqual([]);

    // Renaming the enrolled station moves its trusted key with it.
    const other = newId();
    stationConflict(p, { id: aId, office: 'CAC Iñaquito' }, { id: other, office: 'CAC El Recreo' }, 'UIO-01');
    const second = await openOf(p, 'ESTACION_DUPLICADA');
    expect((await resolve(p, { id: second.id, decision: 'RENOMBRAR', stationId: aId, newCode: 'UIO-INAQUITO-01', reason })).ok).toBe(true);
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-INAQUITO-01')).toBe((await a.ctx.app.stationKey()).publicKey);
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-01')).toBeNull();
  });
});

describe('refusals', () => {
  it('refuses a decision of another kind, a short motivo, an unknown conflict and a user who is not Posventa', async () => {
    const p = await pc('PV-01', 'Posventa Nacional', true);
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const b = await pc('GYE-01', 'CAC Centro Guayaquil');
    await linkStations(p.ctx.app, [a.ctx.app, b.ctx.app]);
    await returnSerials(a, '1712345675', ['HW-1']);
    const atB = await returnSerials(b, '1712345675', ['HW-1']);
    await consolidate(p, [(await exportNow(a)).package, (await exportNow(b)).package]);
    const c = await openOf(p, 'SERIE_DUPLICADA');
    const reason = 'Revisado con las dos oficinas.';

    const wrongKind = await resolve(p, { id: c.id, decision: 'RENUMERAR', reason });
    expect(!wrongKind.ok && wrongKind.error).toEqual({
      kind: 'validation',
      message: '«Dar un número nuevo al acta apartada y contarla» no corresponde a un conflicto «Serie devuelta en dos actas». Puede elegir: La serie pertenece a una sola acta; Las dos actas son correctas.',
    });
    const notInConflict = await resolve(p, { id: c.id, decision: 'UNA_ACTA', acta: 'UIO-01-2020-000999', reason });
    expect(!notInConflict.ok && notInConflict.error.message).toContain('no tiene la serie en conflicto');
    const short = await resolve(p, { id: c.id, decision: 'AMBAS', reason: 'ok' });
    expect(!short.ok && short.error).toMatchObject({ kind: 'validation', message: 'Escriba el motivo de la decisión (al menos 10 caracteres).' });
    const unknown = await resolve(p, { id: 'no-existe', decision: 'AMBAS', reason });
    expect(!unknown.ok && unknown.error.kind).toBe('not_found');
    for (const user of [clerk, coordinator]) {
      p.ctx.session.user = user;
      expect((await call(p.ctx, conflictsList, { all: false })).ok).toBe(false);
      const r = await call(p.ctx, conflictsResolve, { id: c.id, decision: 'AMBAS', reason });
      expect(!r.ok && r.error.kind).toBe('refused');
    }
    p.ctx.session.user = posventa;
    // None of the refusals changed anything.
    expect((await openOf(p, 'SERIE_DUPLICADA')).choices.actas.map((x) => x.handoverId)).toContain(atB.id);
  });
});

describe('CLI: conflictos, resolver-conflicto', () => {
  it('lists open conflicts as JSON, resolves one, and lists the history with --todos', async () => {
    const p = await pc('PV-01', 'Posventa Nacional', true);
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const b = await pc('GYE-01', 'CAC Centro Guayaquil');
    await linkStations(p.ctx.app, [a.ctx.app, b.ctx.app]);
    await returnSerials(a, '1712345675', ['HW-1']);
    await returnSerials(b, '1712345675', ['HW-1']);
    await consolidate(p, [(await exportNow(a)).package, (await exportNow(b)).package]);

    const list = await cli('conflictos', '--db', p.dbPath, '--json');
    expect(list.code).toBe(0);
    const { conflicts } = JSON.parse(list.out) as { conflicts: Array<{ id: string; kind: string; choices: { actas: Array<{ number: string }> } }> };
    expect(conflicts).toEqual([
      expect.objectContaining({ id: expect.any(String), kind: 'SERIE_DUPLICADA', detail: expect.stringContaining('HW-1'), createdAt: expect.any(String), resolution: null }),
    ]);
    const id = conflicts[0]!.id;
    const acta = conflicts[0]!.choices.actas[0]!.number;

    expect((await cli('resolver-conflicto', id, '--decision', 'una-acta', '--db', p.dbPath)).code).toBe(64);
    expect(await cli('resolver-conflicto', id, '--decision', 'una-acta', '--motivo', 'Revisado con Iñaquito.', '--db', p.dbPath)).toMatchObject({
      code: 64,
      err: expect.stringContaining('Falta --acta'),
    });
    expect(await cli('resolver-conflicto', id, '--decision', 'renumerar', '--motivo', 'Revisado con Iñaquito.', '--db', p.dbPath)).toMatchObject({
      code: 2,
      err: expect.stringContaining('no corresponde a un conflicto «Serie devuelta en dos actas»'),
    });
    const done = await cli('resolver-conflicto', id, '--decision', 'una-acta', '--acta', acta, '--motivo', 'Revisado con Iñaquito.', '--db', p.dbPath, '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ id, resolution: { decision: 'UNA_ACTA', reason: 'Revisado con Iñaquito.', by: cliUser.fullName, at: expect.any(String) } });
    expect((await cli('resolver-conflicto', id, '--decision', 'ambas', '--motivo', 'Revisado con Iñaquito.', '--db', p.dbPath)).code).toBe(2);

    expect(JSON.parse((await cli('conflictos', '--db', p.dbPath, '--json')).out)).toEqual({ conflicts: [] });
    const history = JSON.parse((await cli('conflictos', '--db', p.dbPath, '--json', '--todos')).out) as { conflicts: unknown[] };
    expect(history.conflicts).toEqual([expect.objectContaining({ id, resolution: expect.objectContaining({ decision: 'UNA_ACTA', detail: expect.objectContaining({ acta }) }) })]);
    const text = await cli('conflictos', '--db', p.dbPath, '--todos');
    expect(text.out).toContain(`RESUELTO: La serie pertenece a una sola acta · ${cliUser.fullName}`);
  });
});
