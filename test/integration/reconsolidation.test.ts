import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Envelope from '../../electron/auth/envelope';
import type { StationKey } from '../../electron/auth/keyFile';
import type * as PackageApply from '../../electron/db/packageApply';
import { consolidatePackages } from '../../electron/sync/consolidate';
import type { TestApp } from '../helpers/app';
import { consolidationSnapshot } from '../helpers/consolidationSnapshot';
import { hostilePackage } from '../helpers/hostile/packages';
import { exportNow, nationalLoop } from '../helpers/nationalLoop';
import { returnSerials } from '../helpers/offices';
import { recipientOf, rezip, unzip } from '../helpers/packages';

// Counted, not changed: the row-level work of a consolidation and the opening of an envelope.
const calls = vi.hoisted(() => ({ apply: 0, slice: 0, open: 0 }));
vi.mock('../../electron/db/packageApply', async (importOriginal) => {
  const actual = await importOriginal<typeof PackageApply>();
  return {
    ...actual,
    applyPackage: (...a: Parameters<typeof actual.applyPackage>) => (calls.apply++, actual.applyPackage(...a)),
    slicePackageData: (...a: Parameters<typeof actual.slicePackageData>) => (calls.slice++, actual.slicePackageData(...a)),
  };
});
vi.mock('../../electron/auth/envelope', async (importOriginal) => {
  const actual = await importOriginal<typeof Envelope>();
  return { ...actual, openEnvelope: (...a: Parameters<typeof actual.openEnvelope>) => (calls.open++, actual.openEnvelope(...a)) };
});

let p: TestApp;
let a: TestApp;
let aKey: StationKey;
let first: string;
let second: string;
let scratch: string;

beforeAll(async () => {
  const loop = await nationalLoop([['UIO-01', 'CAC Iñaquito']]);
  p = loop.p;
  a = loop.offices[0]!;
  aKey = await a.ctx.app.stationKey();
  await returnSerials(a, '0912345675', ['ZT-4']);
  first = (await exportNow(a)).package;
  await returnSerials(a, '1712345675', ['HW-1']);
  second = (await exportNow(a)).package;
  scratch = mkdtempSync(join(a.dir, 'copias-'));
}, 120_000);

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  for (const t of [a, p]) await t?.close();
});

beforeEach(() => {
  calls.apply = calls.slice = calls.open = 0;
});

async function consolidateAtCentral(paths: string[]) {
  const between: number[] = [];
  const r = await consolidatePackages({
    db: p.ctx.app.db,
    dataDir: p.dir,
    dataKey: p.ctx.app.dataKey,
    packages: paths.map((path) => ({ path })),
    decryptionKey: (await p.ctx.app.stationKey()).encryption,
    between: () => void between.push(1),
  });
  return { r, between: between.length };
}

function centralState() {
  const db = p.ctx.app.db;
  return {
    ...consolidationSnapshot(db),
    packages: db.prepare('SELECT sha256, summary FROM sync_packages ORDER BY sha256').all(),
    // A refused package leaves only its PAQUETE_RECHAZADO entry (test/integration/refusedPackageAudit.test.ts).
    audit: db.prepare("SELECT count(*) FROM audit_log WHERE action <> 'PAQUETE_RECHAZADO'").pluck().get(),
  };
}

describe('consolidating packages already applied', () => {
  it('skips them by the file’s hash before decrypting, with no row work, and ends as it was', async () => {
    const once = await consolidateAtCentral([first, second]);
    expect(once.r.outcomes.map((o) => o.status)).toEqual(['read', 'read']);
    expect(calls.apply).toBeGreaterThan(0);
    const after = centralState();

    calls.apply = calls.slice = calls.open = 0;
    const again = await consolidateAtCentral([first, second]);
    expect({ apply: calls.apply, slice: calls.slice, open: calls.open, between: again.between }).toEqual({ apply: 0, slice: 0, open: 0, between: 0 });
    expect(again.r.outcomes.map((o) => [o.status, o.station, o.office])).toEqual([
      ['applied', 'UIO-01', 'CAC Iñaquito'],
      ['applied', 'UIO-01', 'CAC Iñaquito'],
    ]);
    expect(again.r.outcomes[0]!.reason).toMatch(/^Ya aplicado: este paquete se consolidó aquí el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\. No se volvió a leer\.$/);
    expect(again.r).toMatchObject({ refused: [], inserted: { handovers: 0, items: 0, backups: 0, voids: 0 }, duplicates: 0, conflicts: [] });
    expect(centralState()).toEqual(after);
  });

  it('knows the same export in another file by its signed manifest: its files are checked, its rows not read', async () => {
    const before = centralState();
    const copy = join(scratch, 'copia.recupera');
    // The same signed zip encrypted again: another file, the same manifest.
    await rezip(copy, await unzip(first), await recipientOf(first));
    calls.open = 0;
    const r = (await consolidateAtCentral([copy])).r;
    expect(r.outcomes[0]).toMatchObject({ status: 'applied', station: 'UIO-01' });
    expect(r.outcomes[0]!.reason).toContain(`(como «${first.split('/').at(-1)}»)`);
    expect(calls.open).toBe(1);
    expect({ apply: calls.apply, slice: calls.slice }).toEqual({ apply: 0, slice: 0 });
    expect(centralState()).toEqual(before);
  });

  it('refuses as altered a package that names an applied export but carries other content', async () => {
    const before = centralState();
    // Signed with the office's real key (a compromised office): the same station, moment and range, other rows.
    const forged = await hostilePackage(first, join(scratch, 'alterado.recupera'), aKey, {
      data: (db) => db.prepare('UPDATE handovers SET holder_name = ?').run('Otra Persona'),
    });
    const r = (await consolidateAtCentral([forged])).r;
    expect(r.outcomes[0]!.status).toBe('refused');
    expect(r.refused[0]!.reason).toMatch(/^El paquete dice ser la exportación de UIO-01 del .+, ya consolidada aquí como «.+», pero su contenido es otro: fue alterado\. No se acepta\./);
    expect({ apply: calls.apply, slice: calls.slice }).toEqual({ apply: 0, slice: 0 });
    expect(centralState()).toEqual(before);
  });
});
