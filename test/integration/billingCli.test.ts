import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliUser } from '../../electron/cli/cliArgs';
import { runCli } from '../../electron/cli/main';
import type { TestApp } from '../helpers/app';
import { office } from '../helpers/offices';

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

describe('CLI lote / lotes', () => {
  it('lists batches with status, dates, who and totals in cents, and moves one generado → enviado → confirmado', async () => {
    const p = await office('PV-01', 'Posventa Nacional');
    open.push(p);
    const db = p.dbPath;
    const salida = mkdtempSync(join(tmpdir(), 'recupera-lotes-'));
    const dep = await cli('depurar', '--db', db, '--salida', salida, '--json');
    expect(dep.code).toBe(0);
    const { batch } = JSON.parse(dep.out) as { batch: string };

    const listed = await cli('lotes', '--db', db, '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual({
      batches: [
        {
          batch,
          createdAt: expect.any(String),
          status: 'GENERADO',
          sent: null,
          confirmed: null,
          replacedBy: null,
          counts: { pending: 5, partial: 0, delivered: 0, regularized: 0, inReview: 0, chargeTotalCents: 9600 },
          billing: { chargeItems: 3, chargeCents: 9600, reversalItems: 0, reversalCents: 0 },
          files: expect.any(Object),
          sha256: expect.any(Object),
        },
      ],
    });

    const early = await cli('lote', batch, '--confirmado', '--db', db, '--json');
    expect(early).toMatchObject({ code: 2, out: '' });
    expect(early.err).toContain(`El lote ${batch} todavía no se ha enviado a facturación`);

    const sent = await cli('lote', batch, '--enviado', '--db', db, '--json');
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.out)).toMatchObject({ batch, status: 'ENVIADO', sent: { at: expect.any(String), by: cliUser.fullName }, confirmed: null });
    const again = await cli('lote', batch, '--enviado', '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/ya se marcó como enviado a facturación el \d{2}\/\d{2}\/\d{4}.* por Línea de comandos \(usuario del sistema: /);

    const confirmed = await cli('lote', batch, '--confirmado', '--db', db);
    expect(confirmed.code).toBe(0);
    expect(confirmed.out).toContain(`${batch}`);
    expect(confirmed.out).toContain('Recepción confirmada');
    expect(confirmed.out).toContain('cargos: 3 equipos, $96,00');

    expect((await cli('lote', batch, '--db', db)).code).toBe(64);
    expect((await cli('lote', batch, '--enviado', '--confirmado', '--db', db)).code).toBe(64);
    const unknown = await cli('lote', 'DEP-1999-0001', '--enviado', '--db', db);
    expect(unknown).toMatchObject({ code: 2, err: 'No existe el lote DEP-1999-0001 en esta base de datos.\n' });
  });
});
