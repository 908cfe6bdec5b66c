import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consolidateJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate } from '../../shared/contracts/sync';
import { exportPackage } from '../../electron/sync/exportPackage';
import type { TestApp } from '../helpers/app';
import { office, posventa, returnSerials, runJob } from '../helpers/offices';
import { pick } from '../helpers/files';

let central: TestApp | null = null;
afterAll(async () => {
  await central?.close();
});

describe('consolidar at the central', () => {
  it('refuses a package the central itself exported, instead of reading it as an office whose audit entries were deleted', async () => {
    central = await office('PV-01', 'Posventa Nacional', undefined, { central: true });
    const t = central;
    await returnSerials(t, '0102030400', ['KA-9']);
    // A central made before its screen refused to export: its package is encrypted to itself.
    const outDir = join(t.dir, 'propios');
    mkdirSync(outDir);
    const own = await exportPackage({ db: t.ctx.app.db, dataDir: t.dir, outDir, includeDocuments: false, key: await t.ctx.app.stationKey() });
    const packages = t.ctx.app.db.prepare("SELECT count(*) FROM sync_packages WHERE direction = 'IMPORT'").pluck();
    const before = packages.get();

    const r = await runJob(t, consolidateJob, syncConsolidate, { packages: [pick(t.ctx.session, own.package)] }, posventa);

    expect(r.refused).toEqual([{ package: basename(own.package), reason: expect.stringContaining('Este paquete es de esta misma estación (PV-01)') }]);
    expect(r.outcomes.map((o) => o.status)).toEqual(['refused']);
    expect(packages.get()).toBe(before);
  }, 60_000);
});
