import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handoversVoid } from '../../shared/contracts/handovers';
import { syncConsolidate, syncExport, type ConsolidationResult, type ExportResult } from '../../shared/contracts/sync';
import { call } from '../../electron/handlers/call';
import type { TestApp } from '../helpers/app';
import { coordinator, office, posventa, returnSerials, runJob } from '../helpers/offices';

const open: TestApp[] = [];
async function pc(code: string, name: string): Promise<TestApp> {
  const t = await office(code, name);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const exportNow = (t: TestApp, input: { from?: string; to?: string; includeDocuments?: boolean } = {}) =>
  runJob<typeof syncExport, ExportResult>(t, syncExport, { includeDocuments: false, ...input }, coordinator);
const consolidate = (t: TestApp, paths: string[]) =>
  runJob<typeof syncConsolidate, ConsolidationResult>(t, syncConsolidate, { packages: paths.map((path) => ({ path })) }, posventa);

describe('office packages and consolidation', () => {
  it('exports an office and consolidates it idempotently', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const pv = await pc('PV-01', 'Posventa Nacional');
    const first = await returnSerials(a, '1712345675', ['HW-1', 'PS-1']);
    await returnSerials(a, '0102030400', ['KA-9']);
    a.ctx.session.user = coordinator;
    expect((await call(a.ctx, handoversVoid, { id: first.id, reason: 'Error de digitación' })).ok).toBe(true);
    const pkg = await exportNow(a);
    expect(pkg).toMatchObject({ handovers: 2, items: 3, voids: 1, backups: 0 });
    expect(pkg.fileName).toMatch(/^UIO-01_\d{8}-\d{4}\.recupera$/);

    const once = await consolidate(pv, [pkg.package]);
    expect(once).toMatchObject({ packages: 1, refused: [], inserted: { handovers: 2, items: 3, voids: 1, backups: 0 }, duplicates: 0 });
    const twice = await consolidate(pv, [pkg.package]);
    expect(twice).toMatchObject({ inserted: { handovers: 0, items: 0, voids: 0, backups: 0 }, duplicates: 6, conflicts: [] });
    const status = pv.ctx.app.db.prepare('SELECT service_number, status FROM services ORDER BY service_number').all();
    expect(status).toEqual(expect.arrayContaining([{ service_number: '1001', status: 'PENDIENTE' }, { service_number: '3003', status: 'ENTREGADO' }]));
  });

  it('refuses a tampered package whole', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const pv = await pc('PV-01', 'Posventa Nacional');
    await returnSerials(a, '1712345675', ['HW-1']);
    const pkg = await exportNow(a);
    const bytes = readFileSync(pkg.package);
    const cut = join(a.dir, 'cortado.recupera');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await consolidate(pv, [cut]);
    expect(r.refused).toEqual([{ package: 'cortado.recupera', reason: expect.stringContaining('dañado o incompleto') }]);
  });
});
