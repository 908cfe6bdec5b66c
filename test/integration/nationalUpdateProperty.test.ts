import { afterAll, describe, expect, it } from 'vitest';
import { handoversVoid } from '../../shared/contracts/handovers';
import { AppFailure } from '../../shared/result';
import { call } from '../../electron/handlers/call';
import type { TestApp } from '../helpers/app';
import { coordinator, office, returnSerials } from '../helpers/offices';
import { forCentral, linkStations, trustTestCentral } from '../helpers/trust';
import { consolidatePackages } from '../../electron/sync/consolidate';
import { applyUpdate } from '../../electron/sync/updateApply';
import { publishUpdate } from '../../electron/sync/updatePublish';
import { exportNow, officeContent, registerBackup } from '../helpers/nationalLoop';

const open: TestApp[] = [];
afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
});

/** A small seeded generator (mulberry32): a failing order can be replayed from its seed. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

async function pc(code: string, name: string, central = false): Promise<TestApp> {
  const t = await office(code, name, undefined, { central });
  open.push(t);
  return t;
}

/**
 * One world: a central (always PV-01, with a key of its own) consolidates the offices' packages in
 * an order and with repetitions drawn from `seed`, publishing full and incremental updates between
 * them; an office applies those updates in a drawn order with repetitions (refusals are part of the
 * game), then catches up by applying them all in order. Returns what the office ends up holding.
 */
async function world(seed: number, offices: TestApp[], packages: string[], sessionRows?: number) {
  const random = rng(seed);
  const p = await pc('PV-01', 'Posventa Nacional', true);
  const o = await pc('CUE-01', 'CAC Cuenca');
  await linkStations(p.ctx.app, [...offices, o].map((t) => t.ctx.app));
  const order = [...packages, ...packages.filter(() => random(2) === 0)];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // The use cases the jobs run, called in this process: the jobs themselves are covered by the other tests.
  const key = await p.ctx.app.stationKey();
  const officeKey = (await o.ctx.app.stationKey()).encryption;
  const pdb = { db: p.ctx.app.db, dataDir: p.dir };
  // Each package as its office would have sent it to this world's central, once: a repetition is the same file.
  const addressed = new Map<string, string>();
  for (const pkg of packages) addressed.set(pkg, await forCentral(p.ctx.app, pkg));
  const updates: string[] = [];
  for (const [i, pkg] of order.entries()) {
    const r = await consolidatePackages({ ...pdb, packages: [{ path: addressed.get(pkg)! }], decryptionKey: key.encryption });
    expect(r.refused).toEqual([]);
    if (random(2) === 0 || i === order.length - 1) {
      const since = updates.length > 0 && random(2) === 0 ? 1 + random(updates.length) : undefined;
      updates.push((await publishUpdate({ ...pdb, outDir: `${p.dir}/actualizaciones`, sinceSeq: since, key, userId: null })).path);
    }
  }
  const draws = Array.from({ length: 2 * updates.length }, () => updates[random(updates.length)]!);
  for (const u of [...draws, ...updates]) {
    // An older update, or an incremental one too early, is refused: that is part of the game, nothing else is.
    await applyUpdate({ db: o.ctx.app.db, dataDir: o.dir, path: u, userId: null, decryptionKey: officeKey, sessionRows }).catch((e: unknown) => {
      if (!(e instanceof AppFailure && e.kind === 'refused')) throw e;
    });
  }
  const content = officeContent(o.ctx.app.db);
  // The central's key differs between worlds by construction; every other station's is the same.
  return { ...content, stations: content.stations.filter((s) => (s as { code: string }).code !== 'PV-01'), updates: updates.length };
}

describe('national updates, any order', () => {
  it('give an office the same contents whatever order and repetition packages were consolidated and updates applied in', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const b = await pc('GYE-01', 'CAC Centro Guayaquil');
    // The offices export before any world's central exists: to a stand-in one, each central gets its packages encrypted again to it.
    trustTestCentral(a.ctx.app);
    trustTestCentral(b.ctx.app);
    const acta = await returnSerials(a, '1712345675', ['HW-1', 'PS-1']);
    const a1 = (await exportNow(a)).package;
    await returnSerials(b, '0102030400', ['KA-9']);
    await registerBackup(b, '0912345675', '4004');
    const b1 = (await exportNow(b)).package;
    a.ctx.session.user = coordinator;
    expect((await call(a.ctx, handoversVoid, { id: acta.id, reason: 'Equipos de otro cliente' })).ok).toBe(true);
    await returnSerials(a, '1104680135', ['HW-5']);
    const a2 = (await exportNow(a)).package;

    const seeds = [11, 29, 47];
    const results = [];
    for (const seed of seeds) results.push(await world(seed, [a, b], [a1, b1, a2]));
    // Written one row per session instead of a table at once, an update leaves the same office.
    results.push(await world(seeds[0]!, [a, b], [a1, b1, a2], 1));
    seeds.push(seeds[0]!);
    const first = { ...results[0]!, updates: undefined };
    expect(first.handovers).toHaveLength(3);
    expect(first.voids).toHaveLength(1);
    expect(first.backups).toHaveLength(1);
    for (const [i, r] of results.entries()) {
      expect(r.updates, `seed ${seeds[i]}`).toBeGreaterThan(0);
      expect({ ...r, updates: undefined }, `seed ${seeds[i]}`).toEqual(first);
    }
  }, 180_000);
});
