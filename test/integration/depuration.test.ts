import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsRegister } from '../../shared/contracts/backups';
import { consolidateJob, depurateJob, exportJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate, syncDepurate, syncExport, syncOverview } from '../../shared/contracts/sync';
import { call } from '../../electron/handlers/call';
import { isSealed } from '../../electron/files/sealedFile';
import type { TestApp } from '../helpers/app';
import { card, coordinator, office, posventa, returnSerials, runJob } from '../helpers/offices';
import { keptSha256, keptWorkbook } from '../helpers/kept';
import { linkStations } from '../helpers/trust';
import { validPdf } from '../helpers/documents';
import { pick } from '../helpers/files';
import { campaignOf, writeSetting } from '../../electron/db/settings';
import { runWrite } from '../../electron/db/writeSession';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function rows(path: string, sheet: string): Promise<unknown[][]> {
  const wb = await keptWorkbook(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

/**
 * The small base at Posventa after one office's package: Juan returned one of two items of 1001
 * (partial), Ana returned her decoder (delivered, charges were loaded: to reverse), María José
 * has a respaldo under review; Juan's 2002 (charged, unpaid) and Rosa's 4004 (charged, paid) are pending.
 */
async function consolidated(): Promise<TestApp> {
  const a = await office('UIO-01', 'CAC Iñaquito');
  const p = await office('PV-01', 'Posventa Nacional', undefined, { central: true });
  open.push(a, p);
  await linkStations(p.ctx.app, [a.ctx.app]);
  await returnSerials(a, '1712345675', ['HW-1']);
  await returnSerials(a, '0102030400', ['KA-9']);
  const maria = await card(a, '1104680135');
  const pdf = join(a.dir, 'respaldo.pdf');
  writeFileSync(pdf, validPdf());
  a.ctx.session.user = coordinator;
  const b = await call(a.ctx, backupsRegister, { customerId: maria.id, serviceIds: [maria.services[0]!.id], actaNumber: 'P-55', files: [pick(a.ctx.session, pdf, 'r.pdf')] });
  if (!b.ok) throw new Error(b.error.message);
  const pkg = await runJob(a, exportJob, syncExport, { includeDocuments: false }, coordinator);
  await runJob(p, consolidateJob, syncConsolidate, { packages: [pick(p.ctx.session, pkg.package)] }, posventa);
  return p;
}

function setDeadline(t: TestApp, deadline: string): void {
  runWrite(t.ctx.app.db, (tx) => writeSetting(tx, 'campaign', { ...campaignOf(t.ctx.app.db), deadline }));
}

describe('depuración', () => {
  it('writes no customer message while the campaign deadline is past, says why, and still writes the base depurada and the carga de valores', async () => {
    const p = await consolidated();
    // The default deadline, 31/03/2021, is long past on any day this test runs.
    const r = await runJob(p, depurateJob, syncDepurate, {}, posventa);
    expect(r.messagesWithheld).toBe(
      'No se generaron los mensajes para los clientes: el plazo de la campaña venció el 31/03/2021 y los mensajes dirían una fecha pasada. Cambie la fecha límite en Configuración → Campaña y vuelva a generarlos.',
    );
    expect(r.rows).toMatchObject({ baseDepurada: 4, cargaValores: 1, comunicaciones: 0 });
    const com = await rows(r.files.comunicaciones, 'Comunicaciones');
    expect(com).toEqual([['TELEFONO', 'NOMBRE PARA SALUDO', 'NUMERO DE SERVICIO', 'ESCENARIO', 'MENSAJE IVR', 'MENSAJE WHATSAPP']]);
    // Once the deadline is changed, the next batch carries the messages.
    setDeadline(p, '2099-03-31');
    const again = await runJob(p, depurateJob, syncDepurate, {}, posventa);
    expect(again.messagesWithheld).toBeUndefined();
    expect(again.rows.comunicaciones).toBe(2);
  });

  it('writes the base depurada, the carga de valores and the comunicaciones, checked row by row, and records the batch', async () => {
    const p = await consolidated();
    // A deadline still ahead: with a past one the comunicaciones carry no message (next test).
    setDeadline(p, '2099-03-31');
    const r = await runJob(p, depurateJob, syncDepurate, {}, posventa);
    const year = new Date().getFullYear();
    expect(r.batch).toBe(`DEP-${year}-0001`);
    expect(r.messagesWithheld).toBeUndefined();
    expect(r.counts).toEqual({ pending: 2, partial: 1, delivered: 1, regularized: 0, inReview: 1, chargeTotalCents: 600 });

    const base = await rows(r.files.baseDepurada, 'Base depurada');
    expect(base[0]!.slice(0, 8)).toEqual(['REGIONAL', 'PROVINCIA', 'CIUDAD', 'IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO']);
    // Delivered 3003 is gone; partial 1001 keeps only the missing power supply; the respaldo under review stays.
    const services = base.slice(1).map((row) => [row[6], row[11], row[18]]);
    expect(services).toEqual([
      ['1001', 'PS-1', 'Entrega parcial'],
      ['2002', 'KA-1', 'Pendiente'],
      ['4004', 'ZT-4', 'Pendiente'],
      ['5005', 'HW-5', 'Respaldo en revisión'],
    ]);
    const juan = base[1]!;
    expect(juan[3]).toBe('1712345675');
    expect(juan[7]).toEqual(new Date(Date.UTC(2020, 4, 10)));
    expect(juan[12]).toBe(6);
    expect(base[3]![4]).toBe('=HYPERLINK("HTTP://X","ROSA")');

    const carga = await rows(r.files.cargaValores, 'Carga de valores');
    expect(carga.slice(1)).toEqual([['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', '1001', 'Internet Fijo', new Date(Date.UTC(2020, 4, 10)), 'Entrega parcial', 'FUENTE', 'HUAWEI', undefined, 'PS-1', 6]]);
    expect((await rows(r.files.cargaValores, 'Totales por servicio')).slice(1)).toEqual([['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', '1001', 1, 6]]);
    const reversals = (await rows(r.files.cargaValores, 'Valores a reversar')).slice(1);
    // Ana's charge was loaded by the base itself: reversed whole, its origin told apart from a batch's.
    expect(reversals).toEqual([
      ['0102030400', 'ANDRADE VERA ANA', '3003', 'Televisión', 'Entregado', 'Base', 'Total', 'Equipo devuelto', 1, 'KA-9', 60, 60, expect.stringMatching(/^UIO-01-\d{4}-000002$/)],
    ]);

    const com = await rows(r.files.comunicaciones, 'Comunicaciones');
    // Rosa paid: no message. María José has a respaldo under review: no message.
    // Only what the platforms need: no cédula, full name, e-mail or address (docs/domain.md).
    expect(com[0]).toEqual(['TELEFONO', 'NOMBRE PARA SALUDO', 'NUMERO DE SERVICIO', 'ESCENARIO', 'MENSAJE IVR', 'MENSAJE WHATSAPP']);
    expect(com.slice(1).map((row) => [row[2], row[3]])).toEqual([
      ['1001', 'NO SE CARGARON VALORES'],
      ['2002', 'VALORES CARGADOS SIN PAGO NI RECLAMO'],
    ]);
    expect(com[1]!.slice(0, 2)).toEqual(['0991234567', 'Juan']);
    expect(com.flat().some((c) => c === '1712345675' || c === 'PÉREZ LÓPEZ JUAN CARLOS')).toBe(false);
    // The seed's texts with the placeholders filled as the seed writes them.
    expect(String(com[1]![4])).toContain('hasta el martes 31 de marzo de 2099');
    expect(String(com[1]![5])).toMatch(/^Hola Juan, te saludamos de CNT\./);
    expect(String(com[1]![5])).toContain('servicio de Internet Fijo con numero de servicio 1001 retirado durante la emergencia sanitaria el 10/05/2020');
    expect(String(com[2]![4])).toMatch(/^CNT informa: Tienes valores adicionales cargados/);
    expect(String(com[2]![5])).toContain('retirado el 01/06/2020');

    // Kept sealed in the data folder; the recorded hashes are of the workbooks in clear.
    for (const f of Object.keys(r.files) as Array<keyof typeof r.files>) {
      expect(await isSealed(r.files[f])).toBe(true);
      expect(await keptSha256(r.files[f])).toBe(r.sha256[f]);
    }
    p.ctx.session.user = posventa;
    const overview = await call(p.ctx, syncOverview, {});
    expect(overview.ok && overview.value.batches).toEqual([expect.objectContaining({ batch: r.batch, sha256: r.sha256, counts: r.counts })]);
    const next = await runJob(p, depurateJob, syncDepurate, {}, posventa);
    expect(next.batch).toBe(`DEP-${year}-0002`);
  });

  it('writes every file with a frozen, filtered header', async () => {
    const p = await consolidated();
    const r = await runJob(p, depurateJob, syncDepurate, {}, posventa);
    for (const path of Object.values(r.files)) {
      const wb = await keptWorkbook(path);
      for (const ws of wb.worksheets) {
        expect(ws.views[0], `${path} ${ws.name}`).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.autoFilter, `${path} ${ws.name}`).toBeTruthy();
      }
    }
  });

  it('reads the base in one pass: services scanned once, everything else through indexes, no sort', async () => {
    const p = await office('PV-01', 'Posventa Nacional');
    open.push(p);
    const { BASE_DEPURADA_SQL, CARGA_SQL, COMUNICACIONES_SQL, DEPURATION_SQL } = await import('../../electron/db/depuration');
    const plan = (sql: string) => (p.ctx.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail);
    for (const sql of [DEPURATION_SQL, BASE_DEPURADA_SQL, CARGA_SQL, COMUNICACIONES_SQL]) {
      const steps = plan(sql);
      expect(steps.filter((d) => d.startsWith('SCAN'))).toHaveLength(1);
      expect(steps.join(' | ')).not.toMatch(/TEMP B-TREE/);
    }
    for (const sql of [DEPURATION_SQL, BASE_DEPURADA_SQL]) expect(plan(sql).join(' | ')).toMatch(/SEARCH hi USING INDEX handover_items_service.*SEARCH v USING COVERING INDEX sqlite_autoindex_handover_voids/);
    expect(plan(COMUNICACIONES_SQL).join(' | ')).toMatch(/SEARCH b USING INDEX backups_customer/);
  });

  it('is refused to a clerk or a coordinator', async () => {
    const p = await office('PV-01', 'Posventa Nacional');
    open.push(p);
    p.ctx.session.user = coordinator;
    expect(await call(p.ctx, syncDepurate, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
    p.ctx.session.user = posventa;
    expect(await call(p.ctx, syncExport, { includeDocuments: false })).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('the central sends no office package: it would be sending one to itself', async () => {
    const p = await office('PV-01', 'Posventa Nacional', undefined, { central: true });
    open.push(p);
    p.ctx.session.user = coordinator;
    expect(await call(p.ctx, syncExport, { includeDocuments: false })).toEqual({
      ok: false,
      error: {
        kind: 'refused',
        message: 'Esta es la estación central de Posventa: no envía paquetes, porque sería enviárselos a sí misma. Sus registros llegan a las oficinas con la actualización nacional.',
      },
    });
    expect(p.ctx.app.db.prepare("SELECT count(*) FROM jobs WHERE kind = 'export'").pluck().get()).toBe(0);
  });
});
