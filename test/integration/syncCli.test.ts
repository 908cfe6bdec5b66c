import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { TestApp } from '../helpers/app';
import { office, returnSerials } from '../helpers/offices';
import { linkStations } from '../helpers/trust';
import { d, writeWorkbook } from '../helpers/workbooks';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe('CLI: exportar, consolidar, depurar, importar-entregas', () => {
  it('prints the documented JSON shapes and exit codes', async () => {
    const a = await office('UIO-01', 'CAC Iñaquito');
    const p = await office('PV-01', 'Posventa Nacional', undefined, { central: true });
    open.push(a, p);
    await linkStations(p.ctx.app, [a.ctx.app]);
    await returnSerials(a, '1712345675', ['HW-1']);
    const out = mkdtempSync(join(tmpdir(), 'recupera-salida-'));

    const exp = await cli('exportar', '--db', a.dbPath, '--salida', out, '--json');
    expect(exp.code).toBe(0);
    const pkg = JSON.parse(exp.out);
    expect(pkg).toEqual({ package: expect.stringMatching(/UIO-01_\d{8}-\d{4}\.recupera$/), handovers: 1, items: 1, backups: 0, voids: 0 });
    expect(pkg.package.startsWith(out)).toBe(true);

    const bogus = join(out, 'nada.recupera');
    (await import('node:fs')).writeFileSync(bogus, 'no soy un zip');
    const con = await cli('consolidar', pkg.package, bogus, '--db', p.dbPath, '--json');
    expect(con.code).toBe(0);
    expect(JSON.parse(con.out)).toEqual({
      packages: 2,
      refused: [{ package: 'nada.recupera', reason: expect.stringContaining('dañado o incompleto') }],
      applied: [],
      inserted: { handovers: 1, items: 1, backups: 0, voids: 0 },
      duplicates: 0,
      conflicts: [],
    });
    // The same package again is known before any row is read: applied, nothing counted twice.
    expect(JSON.parse((await cli('consolidar', pkg.package, '--db', p.dbPath, '--json')).out)).toMatchObject({
      inserted: { handovers: 0 },
      duplicates: 0,
      applied: [{ package: basename(pkg.package), station: expect.any(String) }],
    });

    const dep = await cli('depurar', '--db', p.dbPath, '--salida', out, '--json');
    expect(dep.code).toBe(0);
    expect(JSON.parse(dep.out)).toEqual({
      batch: expect.stringMatching(/^DEP-\d{4}-0001$/),
      files: {
        baseDepurada: expect.stringMatching(/_base_depurada\.xlsx$/),
        cargaValores: expect.stringMatching(/_carga_valores\.xlsx$/),
        comunicaciones: expect.stringMatching(/_comunicaciones\.xlsx$/),
      },
      counts: { pending: 4, partial: 1, delivered: 0, regularized: 0, inReview: 0, chargeTotalCents: 5100 },
    });

    const list = join(out, 'anteriores.xlsx');
    await writeWorkbook(list, [
      { name: 'Hoja1', rows: [['IDENTIFICACION', 'NUMERO DE SERVICIO', 'SERIE', 'FECHA DE ENTREGA', 'OFICINA', 'ACTA'], ['0102030400', '3003', 'KA-9', d(2021, 2, 1), 'CAC Norte', '881'], ['1', '2', '3', d(2021, 2, 1), null, '882']] },
    ]);
    const hist = await cli('importar-entregas', list, '--db', a.dbPath, '--json');
    expect(hist.code).toBe(0);
    expect(JSON.parse(hist.out)).toEqual({
      rows: 2,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      rejected: 1,
      warnings: 0,
      errors: [{ row: 3, column: expect.any(String), message: expect.stringContaining('No se encontró') }],
      // The same shape as importar-base's: its warnings are listed too.
      warningList: [],
      report: expect.stringMatching(/\.xlsx$/),
    });

    expect((await cli('exportar', '--db', a.dbPath)).code).toBe(64);
    expect((await cli('exportar', '--db', a.dbPath, '--salida', out, '--desde', '24/11/2026')).code).toBe(64);
  });
});
