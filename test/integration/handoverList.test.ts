import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importStart } from '../../shared/contracts/importBase';
import { importHandoversJob } from '../../shared/contracts/jobKinds';
import type { TestApp } from '../helpers/app';
import { card, coordinator, office, runJob } from '../helpers/offices';
import { d, writeWorkbook } from '../helpers/workbooks';
import { pick } from '../helpers/files';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const importList = (t: TestApp, path: string, mode: 'preview' | 'commit' = 'commit') =>
  runJob(t, importHandoversJob, importStart, { file: pick(t.ctx.session, path), mode, kind: 'ENTREGAS' }, coordinator);

describe('lists of earlier returns (entregas anteriores)', () => {
  it('loads them as historical actas with their own numbers, matched by service, serial or identification; the rest comes back', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    open.push(t);
    const file = join(t.dir, 'entregas-2021.xlsx');
    await writeWorkbook(file, [
      {
        name: 'Entregas',
        rows: [
          ['ENTREGAS REALIZADAS CAC IÑAQUITO 2021'],
          [],
          ['Cédula', 'Nro. Servicio', 'Serie', 'Fecha entrega', 'Oficina', 'Nro. Acta'],
          // By service number, both items of the service.
          ['1712345675', '1001', null, d(2021, 3, 2), 'CAC Iñaquito', 'A-100'],
          // By serial alone.
          [null, null, 'ka-9', '05/03/2021', 'CAC Iñaquito', 'A-101'],
          // By identification, a customer with a single service.
          ['1104680135', null, null, d(2021, 3, 8), null, 'A-102'],
          // Unmatched, and a customer with several services and nothing else to tell them apart.
          ['0999999999', '7777', 'NO-EXISTE', d(2021, 3, 9), null, 'A-103'],
          ['1712345675', null, null, d(2021, 3, 9), null, 'A-104'],
          // No date.
          ['0912345675', '4004', null, null, null, 'A-105'],
          // No acta number: still loads, with a stable number.
          ['0912345675', '4004', 'ZT-4', d(2021, 3, 10), null, null],
        ],
      },
    ]);
    const preview = await importList(t, file, 'preview');
    expect(preview).toMatchObject({ rows: 7, inserted: 4, rejected: 3, duplicates: 0 });
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM handovers').pluck().get()).toBe(0);

    const r = await importList(t, file);
    expect(r).toMatchObject({ rows: 7, inserted: 4, rejected: 3, duplicates: 0, headerRow: 3 });
    expect(r.errors).toEqual([
      { row: 7, column: expect.any(String), message: expect.stringContaining('No se encontró en la base el servicio 7777, la serie NO-EXISTE, la identificación 0999999999') },
      { row: 8, column: expect.any(String), message: expect.stringContaining('varios servicios') },
      { row: 9, column: 'FECHA DE ENTREGA', message: 'Falta la fecha de entrega.' },
    ]);
    expect(r.reportPath).toMatch(/\.xlsx$/);
    const actas = t.ctx.app.db
      .prepare('SELECT acta_number, historical, acta_seq, substr(delivered_at, 1, 10) AS day, office FROM handovers ORDER BY acta_number')
      .all();
    expect(actas).toEqual([
      { acta_number: 'A-100', historical: 1, acta_seq: null, day: '2021-03-02', office: 'CAC IÑAQUITO' },
      { acta_number: 'A-101', historical: 1, acta_seq: null, day: '2021-03-05', office: 'CAC IÑAQUITO' },
      { acta_number: 'A-102', historical: 1, acta_seq: null, day: '2021-03-08', office: 'CAC Iñaquito' },
      { acta_number: 'S/N-4004-20210310', historical: 1, acta_seq: null, day: '2021-03-10', office: 'CAC Iñaquito' },
    ]);
    const juan = await card(t, '1712345675');
    expect(juan.services.map((s) => [s.serviceNumber, s.status])).toEqual([
      ['1001', 'ENTREGADO'],
      ['2002', 'PENDIENTE'],
    ]);
    expect((await card(t, '0102030400')).services[0]!.status).toBe('ENTREGADO');
    // No number was issued from the station's counter.
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM acta_counters').pluck().get()).toBe(0);

    // Loading the same list again changes nothing.
    const again = await importList(t, file);
    expect(again).toMatchObject({ inserted: 0, duplicates: 4, rejected: 3 });
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM handover_items').pluck().get()).toBe(5);
  });

  it('rejects a return dated after today (a mistyped year), naming the date', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    open.push(t);
    const file = join(t.dir, 'entregas-futuras.xlsx');
    const next = new Date();
    next.setFullYear(next.getFullYear() + 1);
    await writeWorkbook(file, [{ name: 'Entregas', rows: [['Nro. Servicio', 'Fecha entrega', 'Nro. Acta'], ['1001', d(next.getFullYear(), 3, 2), 'A-1'], ['1001', d(2021, 3, 2), 'A-2']] }]);
    const r = await importList(t, file, 'preview');
    expect(r).toMatchObject({ rows: 2, rejected: 1 });
    expect(r.errors).toEqual([{ row: 2, column: 'FECHA DE ENTREGA', message: `La fecha de entrega 02/03/${next.getFullYear()} es posterior a hoy; corrija el año o el mes.` }]);
  });

  it('refuses a file without a recognisable header and writes nothing', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    open.push(t);
    const file = join(t.dir, 'otra-cosa.xlsx');
    await writeWorkbook(file, [{ name: 'Hoja1', rows: [['Producto', 'Precio'], ['Mouse', 5]] }]);
    await expect(importList(t, file)).rejects.toThrow(/encabezados/);
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM handovers').pluck().get()).toBe(0);
  });
});
