import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBaseImport } from '../../electron/import/baseImport';
import { threadedTable } from '../../electron/import/tableStream';
import type { BaseSheetRow } from '../../electron/import/preparedRow';
import { writeSetting } from '../../electron/db/settings';
import { runWrite } from '../../electron/db/writeSession';
import { testApp, type TestApp } from '../helpers/app';
import { d, HEADER, writeWorkbook, type Cell } from '../helpers/workbooks';

let a: TestApp;
let b: TestApp;
beforeEach(async () => {
  a = await testApp();
  b = await testApp();
});
afterEach(async () => {
  await a.close();
  await b.close();
});

// The last column is the service number under a header the import cannot place: the user maps it.
const header: Cell[] = [...HEADER.filter((h) => h !== 'NUMERO DE SERVICIO'), 'COD SERV'];
const chosen = ['regional', 'identification', 'name', 'businessLine', 'cancelDate', 'equipmentType', 'brand', 'model', 'serial', 'value',
  'chargesLoaded', 'paid', 'claim', 'phone', 'email', 'serviceNumber'];
const row = (id: number | string, name: string, sn: string | null, date: Cell, type: string, serial: string, value: Cell): Cell[] =>
  ['PICHINCHA', id, name, 'Internet Fijo', date, type, 'HUAWEI', 'HG8245H', serial, value, 'SI', 'NO', 'NO', '0991234567', null, sn];
const rows: Cell[][] = [
  header,
  row(1712345675, 'PÉREZ JUAN', '0001', d(2020, 5, 10), 'MODEM', 'S-1', 45),
  row(1712345675, 'PÉREZ JUAN', '0001', 'no es fecha', 'MODEM', 'S-2', 'cuarenta'),
  row(1712345675, 'PÉREZ JUAN', '0001', d(2020, 5, 10), 'MODEM', 'S-1', 45),
  row(1712345675, 'PÉREZ JUAN', null, d(2020, 5, 10), 'MODEM', 'S-3', 45),
  row('', '', '0002', d(2020, 5, 10), 'ONT', 'S-4', null),
  row(102030400, 'TORRE MARÍA', '0003', '03-06-2020', 'ONT', 'S-5', -3),
];

describe('rows prepared on the reader thread', () => {
  it('arrive normalised from the reader thread, with the user’s mapping and the prices of the database', async () => {
    const path = join(a.dir, 'base.xlsx');
    await writeWorkbook(path, [{ name: 'Base', rows }]);
    const source = await threadedTable(path, () => undefined, undefined, { mapping: chosen as never, prices: { MODEM: 4000 } as never });
    const got: BaseSheetRow[] = [];
    for await (const r of source.rows) {
      got.push(r);
      expect(source.reading?.()).toBe(true);
    }
    // The thread holds the file's shared strings: it is gone once the last row is in, before close.
    expect(source.reading?.()).toBe(false);
    await source.close();
    expect(got).toHaveLength(6);
    const first = got[0]!.prepared!.normalized;
    expect(first.ok && first.row.serviceNumber).toBe('0001');
    const second = got[1]!.prepared!.normalized;
    expect(second.warnings.map((w) => w.message).join(' ')).toContain('se usará el precio de MODEM');
    expect(got[3]!.prepared!.normalized.ok).toBe(false);
  });

  it('give the same summary and the same base as rows normalised on the writing thread', async () => {
    const imports = [a, b].map(async (t, i) => {
      const path = join(t.dir, 'base.xlsx');
      await writeWorkbook(path, [{ name: 'Base', rows }]);
      runWrite(t.ctx.app.db, (tx) => writeSetting(tx, 'prices', { MODEM: 4000 }));
      const s = await runBaseImport({ db: t.ctx.app.db, path, mode: 'commit', stationCode: 'UIO-01', mapping: chosen as never, threadedReader: i === 0 });
      const base = t.ctx.app.db
        .prepare('SELECT c.customer_key, s.service_number, e.serial, e.value_cents FROM expected_items e JOIN services s ON s.id = e.service_id JOIN customers c ON c.id = s.customer_id ORDER BY e.serial')
        .all();
      return { ...s, seconds: 0, importId: null, base };
    });
    const [threaded, inline] = await Promise.all(imports);
    expect(threaded!.rows).toBe(6);
    expect(threaded!.rejected).toBe(2);
    expect(threaded!.duplicates).toBe(1);
    expect(threaded!.warningList.map((w) => w.message).join(' ')).toContain('se usará el precio de MODEM');
    expect(threaded).toEqual(inline);
  });
});
