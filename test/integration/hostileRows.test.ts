import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBaseImport } from '../../electron/import/baseImport';
import { MAX_LISTED, REPORT_CELL_MAX } from '../../electron/import/summaryLimits';
import { JobCancelled } from '../../electron/platform/cancellation';
import { reportDir } from '../../electron/app/services';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { searchCustomers } from '../../electron/search/customerSearch';
import { runWrite } from '../../electron/db/writeSession';
import { admin, testApp, type TestApp } from '../helpers/app';
import { SMALL_BASE } from '../helpers/offices';
import { keptWorkbook } from '../helpers/kept';
import { csvRow, dbFingerprint, importCsv, leftovers, reports, writeRows } from '../helpers/hostile/csv';

// Issue 12: a file whose rows are all rejected, each carrying 10 KB, once made the import worker
// run out of memory ("JS heap out of memory"): every rejected row was kept with its cells until
// the report was written at the end. Now they go to the report as they are found.

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = admin;
  await loadBaseRows(t.ctx.app.db, SMALL_BASE, 'UIO-INAQUITO-01');
});
afterEach(async () => {
  await t.close();
});

/** A row whose name is 10 KB: rejected for its length, and heavy to keep. */
const heavy = (i: number) => csvRow(i, `${'N'.repeat(10 * 1024 - 12)} ${String(i).padStart(11, '0')}`);

describe('rejected rows in bounded memory', () => {
  it('lists every one of 2,200 rejected rows of 10 KB in the report, keeping only a sample of reasons in memory', async () => {
    const path = join(t.dir, 'rechazos.csv');
    const count = 2_200;
    writeRows(path, count, heavy);
    const customers = () => t.ctx.app.db.prepare('SELECT count(*) FROM customers').pluck().get();
    const before = customers();
    const s = await importCsv(t, path);
    expect({ rows: s.rows, rejected: s.rejected, inserted: s.inserted }).toEqual({ rows: count, rejected: count, inserted: 0 });
    // The summary lists a sample; the applier kept no more than its bound (2,000) of reasons and no cells at all.
    expect(s.errors).toHaveLength(MAX_LISTED);
    expect(s.errors[0]).toEqual({ row: 2, column: 'APELLIDOS Y NOMBRES', message: 'APELLIDOS Y NOMBRES tiene 10.240 caracteres; el máximo es 200.' });
    // Nothing of a wholly rejected file reaches the base.
    expect(customers()).toBe(before);

    const sheet = (await keptWorkbook(s.reportPath!)).getWorksheet('Filas rechazadas')!;
    expect(sheet.rowCount).toBe(count + 1);
    const last = sheet.getRow(count + 1);
    expect(last.getCell(1).value).toBe(count + 1);
    expect(String(last.getCell(2).value)).toContain('tiene 10.240 caracteres');
    // The hostile cell is cut; the row's other cells are copied as they were.
    expect(String(last.getCell(4).value)).toHaveLength(REPORT_CELL_MAX);
    expect(String(last.getCell(5).value)).toBe(String(100000 + count - 1));
    expect(leftovers(t)).toEqual([]);
  });

  it('leaves no report and no temporary when the file is refused after rows were already rejected', async () => {
    const path = join(t.dir, 'rechazos-y-comilla.csv');
    writeRows(path, 700, (i) => (i === 699 ? csvRow(i, '"SIN CERRAR') : heavy(i)));
    const before = dbFingerprint(t);
    await expect(importCsv(t, path)).rejects.toThrow(/^La fila 701 abre comillas/);
    expect(reports(t)).toEqual([]);
    expect(leftovers(t)).toEqual([]);
    expect(dbFingerprint(t)).toBe(before);
  });

  it('leaves no report and no temporary when cancelled after rows were already rejected', async () => {
    const path = join(t.dir, 'rechazos-cancelados.csv');
    writeRows(path, 2_500, heavy);
    const before = dbFingerprint(t);
    let asked = 0;
    const run = runBaseImport({
      db: t.ctx.app.db,
      path,
      mode: 'commit',
      stationCode: 'UIO-INAQUITO-01',
      reportDir: reportDir(t.ctx.app),
      dataKey: t.ctx.app.dataKey,
      threadedReader: true,
      // Asked every 1,024 rows: the cancel comes after 2,048 rows were rejected and reported.
      isCancelled: () => ++asked > 2,
    });
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(reports(t)).toEqual([]);
    expect(leftovers(t)).toEqual([]);
    expect(dbFingerprint(t)).toBe(before);
  });
});

describe('buscar is bounded whatever the base holds', () => {
  it('answers a customer stored with a 5 MB name (before the limits) in a few hundred bytes per field', () => {
    // As a base imported before the limits could have left it: the search must not carry it whole.
    runWrite(t.ctx.app.db, (tx) =>
      tx.prepare('UPDATE customers SET name = ?, email = ? WHERE identification = ?').run(`PEREZ ${'N'.repeat(5 * 1024 * 1024)}`, `${'e'.repeat(100_000)}@x.ec`, '1712345675'),
    );
    const r = searchCustomers(t.ctx.app.db, '1712345675', 100);
    expect(r.results).toHaveLength(1);
    expect(r.results[0]!.name).toHaveLength(200);
    expect(r.results[0]!.email).toHaveLength(254);
    expect(JSON.stringify(r).length).toBeLessThan(8_000);
  });
});
