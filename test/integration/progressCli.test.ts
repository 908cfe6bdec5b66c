import { afterEach, describe, expect, it } from 'vitest';
import { progressReport } from '../../shared/contracts/progress';
import { runCli } from '../../electron/cli/main';
import { call } from '../../electron/handlers/call';
import { admin, type TestApp } from '../helpers/app';
import { office, returnSerials } from '../helpers/offices';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

describe('CLI avance', () => {
  it('prints the handler’s own figures as JSON (cents kept), and a plain table without --json', async () => {
    const t = await office('UIO-01', 'CAC Iñaquito');
    open.push(t);
    await returnSerials(t, '1712345675', ['HW-1']);
    await returnSerials(t, '0102030400', ['KA-9']);
    const db = t.dbPath;

    const json = await cli('avance', '--db', db, '--json');
    expect(json).toMatchObject({ code: 0, err: '' });
    t.ctx.session.user = admin;
    const r = await call(t.ctx, progressReport, {});
    if (!r.ok) throw new Error(r.error.message);
    const printed = JSON.parse(json.out) as typeof r.value;
    expect({ ...printed, generatedAt: 'x' }).toEqual({ ...r.value, generatedAt: 'x' });
    expect(printed.campaign.value).toEqual({ totalCents: 25600, recoveredCents: 10500, owedCents: 15100, inReviewCents: 0, regularizedCents: 0 });

    const text = await cli('avance', '--db', db, '--estacion', 'UIO-01');
    expect(text.code).toBe(0);
    expect(text.out).toContain('Servicios: 5  entregados: 1  parciales: 1  pendientes: 3');
    expect(text.out).toContain('Valor recuperado: $105,00  por recuperar: $151,00');
    expect(text.out).toMatch(/Plazo vencido hace \d+ días \(31\/03\/2021\)\./);
    expect(text.out).toMatch(/Internet Fijo\s+3\s+0\s+1\s+2\s+0\s+\$45,00\s+\$91,00/);
    expect(text.out).toMatch(/UIO-01\s+CAC Iñaquito\s+2\s+2\s+\$105,00/);

    const empty = await cli('avance', '--db', db, '--desde', '2000-01-01', '--hasta', '2000-01-02');
    expect(empty.out).toContain('Sin actas en el período.');
    expect((await cli('avance', '--db', db, '--desde', '01/03/2026')).code).toBe(64);
    const backwards = await cli('avance', '--db', db, '--desde', '2026-03-05', '--hasta', '2026-03-01');
    expect(backwards).toMatchObject({ code: 64 });
    expect(backwards.err).toContain('La fecha «desde» no puede ser posterior a «hasta».');
    const unknown = await cli('avance', '--db', db, '--estacion', 'GYE-01');
    expect(unknown).toMatchObject({ code: 2, err: 'No hay una estación con el código GYE-01 en esta base de datos.\n' });
  });
});
