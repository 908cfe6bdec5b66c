import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, dbOf, killEach, measure, once, salidaOf, type Plan } from '../helpers/killPlan';
import { copyFolder, filesUnder, integrity, isWholeZip, reapChildren, removeFolders, tempFolder, temporariesUnder, withDb } from '../helpers/killRun';
import { dataFolder, demoCustomers, linkFolders, recordWork } from '../helpers/killScenes';
import { officeContent } from '../helpers/nationalLoop';
import { withOpenedPackage } from '../helpers/packages';

/**
 * The kill harness for national updates (see killHarness.test.ts): `publicar` at the central and
 * `actualizar` at an office, killed with SIGKILL at moments spread over an unkilled run.
 */

/** A base large enough that applying it takes a while to kill into. */
const CUSTOMERS = 4_000;
const ACTAS = 120;
const EXTENSION = '.recupera-nacional';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Update files under a final name (not the atomic writer's hidden temporaries). */
const updatesIn = (folder: string) => filesUnder(folder).filter((f) => f.endsWith(EXTENSION) && !basename(f).startsWith('.'));
/** An update's data kept beside the database while it is written (removed by its last session, or by the next start). */
const updateDataIn = (dir: string) => (existsSync(join(dir, 'trabajo')) ? readdirSync(join(dir, 'trabajo')).filter((n) => n.startsWith('actualizacion-')) : []);
const workFoldersIn = (dir: string) => (existsSync(join(dir, 'trabajo')) ? readdirSync(join(dir, 'trabajo')).filter((n) => n.startsWith('paquete-p')) : []);

/** Posventa's central with the base and actas of its own, and an office with no base that trusts it. */
const stations = once(async () => {
  const central = await dataFolder('PV-01', 'Posventa Nacional', CUSTOMERS, { central: true });
  await recordWork(central, demoCustomers(CUSTOMERS).map((c) => c.identification), { actas: ACTAS, backups: 0, docBytes: 0 });
  const office = await dataFolder('UIO-01', 'CAC Iñaquito', 0);
  await linkFolders(central, [office]);
  return { central, office };
});
/** The full update N.º 1, published from a copy of the central. */
const update = once(async () => {
  const r = await cli('publicar', '--db', dbOf(copyFolder((await stations()).central)), '--salida', tempFolder('nacional'), '--json');
  if (r.code !== 0) throw new Error(r.err);
  return JSON.parse(r.out) as { seq: number; path: string; counts: Record<string, number> };
});

afterAll(async () => {
  await reapChildren();
  removeFolders();
});

describe('national updates killed at any moment (SIGKILL of the real command line)', { timeout: 120_000 }, () => {
  it('actualizar: the office is as before or fully updated, and the next start leaves no temporaries nor extracted data', async () => {
    const { office } = await stations();
    const { path } = await update();
    const state = (dir: string) =>
      withDb(dbOf(dir), (db) => ({ content: officeContent(db), applied: db.prepare("SELECT seq FROM national_updates WHERE direction = 'APLICADA'").pluck().all() }));
    const before = state(office);
    const plan: Plan = {
      args: (dir) => ['actualizar', path, '--db', dbOf(dir), '--json'],
      // The update is verified and extracted in the data folder's trabajo/: its appearance is when the work begins.
      workStarted: (dir) => () => workFoldersIn(dir).length > 0,
    };
    const whole = await measure(office, plan);
    expect(JSON.parse(whole.run.out)).toMatchObject({ seq: 1, alreadyApplied: false });
    const after = state(whole.dir);
    expect(after.applied).toEqual([1]);
    expect(after.content.handovers.length).toBe(ACTAS);
    expect(before.content.customers.length).toBe(0);

    await killEach(office, whole.run, plan, async (dir) => {
      expect(integrity(dbOf(dir))).toBe('ok');
      // Written in short sessions, an update killed midway is finished by the next start (any command
      // opens the database): the office then holds nothing of it, or all of it, recorded as applied.
      expect((await cli('buscar', 'x', '--db', dbOf(dir), '--json')).code).toBe(0);
      expect([before, after]).toContainEqual(state(dir));
      expect(updateDataIn(dir)).toEqual([]);
      const again = await cli(...plan.args(dir));
      expect(again.code, again.err).toBe(0);
      expect(state(dir)).toEqual(after);
      expect(temporariesUnder(dir)).toEqual([]);
      // The killed run's extracted update (the whole base: personal data) was swept by the next start.
      expect(workFoldersIn(dir)).toEqual([]);
      expect(updateDataIn(dir)).toEqual([]);
    });
  });

  it('publicar: a file under a final name is whole and recorded, nothing is recorded without its files, the next run publishes the same number', async () => {
    const { central, office } = await stations();
    const recorded = (dir: string) =>
      withDb(dbOf(dir), (db) => db.prepare("SELECT seq, sha256, file_name AS name FROM national_updates WHERE direction = 'PUBLICADA' ORDER BY seq").all() as Array<{ seq: number; sha256: string; name: string }>);
    const plan: Plan = {
      args: (dir) => ['publicar', '--db', dbOf(dir), '--salida', salidaOf(dir), '--json'],
      workStarted: (dir) => () => workFoldersIn(dir).length > 0,
    };
    const whole = await measure(central, plan);
    const published = JSON.parse(whole.run.out) as { seq: number; counts: Record<string, number>; path: string };
    expect(published).toMatchObject({ seq: 1, counts: { handovers: ACTAS } });

    await killEach(central, whole.run, plan, async (dir) => {
      const salida = salidaOf(dir);
      const folders = [join(dir, 'actualizaciones'), salida];
      expect(integrity(dbOf(dir))).toBe('ok');
      const rows = recorded(dir);
      expect(rows.length).toBeLessThanOrEqual(1);
      // Recorded only once whole in the central's folder and delivered to the user's.
      for (const r of rows) for (const folder of folders) expect(sha256(join(folder, r.name))).toBe(r.sha256);
      // Encrypted to the office: whole when it opens with the office's key and the signed zip inside is whole.
      const opensWhole = (path: string) => withOpenedPackage(path, isWholeZip).catch(() => false);
      for (const folder of folders) for (const f of updatesIn(folder)) expect(await opensWhole(join(folder, f)), f).toBe(true);

      const next = await cli(...plan.args(dir));
      expect(next.code, next.err).toBe(0);
      const out = JSON.parse(next.out) as { seq: number; counts: Record<string, number>; path: string };
      expect(out).toMatchObject({ seq: rows.length + 1, counts: published.counts });
      // No update under a final name that the central did not record: an office could apply a number twice over.
      const hashes = recorded(dir).map((r) => r.sha256);
      for (const folder of folders) for (const f of updatesIn(folder)) expect(hashes, `${folder}/${f}`).toContain(sha256(join(folder, f)));
      expect(temporariesUnder(dir)).toEqual([]);
      expect(temporariesUnder(salida)).toEqual([]);
      expect(workFoldersIn(dir)).toEqual([]);
      // What it published applies at an office.
      const at = copyFolder(office);
      const applied = await cli('actualizar', out.path, '--db', dbOf(at), '--json');
      expect(applied.code, applied.err).toBe(0);
      removeFolders((f) => f.startsWith(at));
    });
  });

  it('publicar after a run killed between delivering and recording: the unrecorded update is removed from both folders before its number is published again', async () => {
    const dir = copyFolder((await stations()).central);
    const salida = salidaOf(dir);
    const first = await cli('publicar', '--db', dbOf(dir), '--salida', salida, '--json');
    expect(first.code, first.err).toBe(0);
    const published = basename((JSON.parse(first.out) as { path: string }).path);
    // What a run killed an hour ago leaves: its file whole in both folders, its record never committed.
    const orphan = published.replace(/_\d{8}-\d{4}/, '_20260101-0000');
    for (const folder of [join(dir, 'actualizaciones'), salida]) renameSync(join(folder, published), join(folder, orphan));
    withDb(dbOf(dir), (db) => db.prepare("DELETE FROM national_updates WHERE direction = 'PUBLICADA'").run());
    const next = await cli('publicar', '--db', dbOf(dir), '--salida', salida, '--json');
    expect(next.code, next.err).toBe(0);
    const out = JSON.parse(next.out) as { seq: number; path: string };
    expect(out.seq).toBe(1);
    for (const folder of [join(dir, 'actualizaciones'), salida]) {
      expect(updatesIn(folder)).toEqual([basename(out.path)]);
      expect(existsSync(join(folder, orphan))).toBe(false);
    }
  });
});
