import { createHash } from 'node:crypto';
import { consolidationSnapshot } from '../helpers/consolidationSnapshot';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoWorkbook } from '../../electron/demo/generate';
import { readPackage } from '../../electron/sync/readPackage';
import { copyFolder, filesUnder, integrity, isWholeZip, reapChildren, removeFolders, tempFolder, temporariesUnder, withDb } from '../helpers/killRun';
import { cli, dbOf, killEach, measure, once, salidaOf, tmpOf, type Plan } from '../helpers/killPlan';
import { dataFolder, demoCustomers, inbox, linkFolders, recordWork, SEED } from '../helpers/killScenes';
import { isSealed } from '../../electron/files/sealedFile';
import { keptBytes, keptSha256 } from '../helpers/kept';
import { withOpenedPackage } from '../helpers/packages';

/** A sealed file is whole when it opens (its last chunk is flagged final); a plain one when its zip is. */
async function isWholeKept(path: string): Promise<boolean> {
  if (!(await isSealed(path))) return isWholeZip(path);
  return keptBytes(path).then(
    () => true,
    () => false,
  );
}

/**
 * The kill harness: the real command line, in a child process, is killed with SIGKILL (a power
 * cut, the task manager) at moments spread over an unkilled run of the same command, and what it
 * leaves is checked. The kill moment varies from run to run; what is asserted must hold at any.
 */

const BASE_CUSTOMERS = 1_000;
const IMPORT_CUSTOMERS = 3_000;

const scratch = tempFolder;
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (dir: string, sql: string) => withDb(dbOf(dir), (db) => db.prepare(sql).pluck().get() as number);
/** The station's own public key: what its packages are checked against here. */
const ownKey = (dir: string) => withDb(dbOf(dir), (db) => db.prepare('SELECT public_key FROM stations WHERE is_local = 1').pluck().get() as string);
/** A package of the office in `dir`, opened with the central's key as the central would (it is encrypted to it), then checked whole. */
const readSealedPackage = (path: string, dir: string) => withOpenedPackage(path, (zip) => readPackage(zip, scratch('read'), () => ownKey(dir)));

const ACTAS = 150;

/** Built once for the file and copied by each case: a Posventa base, two offices, their packages. */
const customerIds = once(() => Promise.resolve(demoCustomers(BASE_CUSTOMERS).map((c) => c.identification)));
/** Posventa's central as set up, before any office is enrolled; only the offices below change it. */
const central = once(() => dataFolder('PV-01', 'Posventa Nacional', BASE_CUSTOMERS, { central: true }));
/** Posventa's central, with both offices' keys enrolled (their packages are signed). */
const base = once(async () => {
  // One after the other: each opens the central's folder to enrol itself.
  await officeA();
  await officeB();
  return central();
});
/**
 * An office that trusts the central from the start (its packages are encrypted to it) and is
 * enrolled there, with actas and respaldos whose documents make its package tens of megabytes.
 */
const officeA = once(async () => {
  const dir = await dataFolder('UIO-01', 'CAC Iñaquito', BASE_CUSTOMERS);
  await linkFolders(await central(), [dir]);
  await recordWork(dir, await customerIds(), { actas: ACTAS, backups: 4, docBytes: 2_000_000 });
  return dir;
});
/** A second office, some of whose actas take serials the first one took (conflicts). */
const officeB = once(async () => {
  const b = await dataFolder('GYE-01', 'CAC Centro', BASE_CUSTOMERS);
  await linkFolders(await central(), [b]);
  await recordWork(b, (await customerIds()).slice(100), { actas: ACTAS, backups: 0, docBytes: 0 });
  return b;
});
const officePackages = once(async () => {
  const packages: string[] = [];
  for (const office of [copyFolder(await officeA()), copyFolder(await officeB())]) {
    const r = await cli('exportar', '--db', dbOf(office), '--salida', scratch('paquetes'), '--documentos', '--json');
    if (r.code !== 0) throw new Error(r.err);
    packages.push(JSON.parse(r.out).package as string);
  }
  return packages;
});
/** Posventa after consolidating both packages: what a depuración is made from. */
const consolidated = once(async () => {
  const dir = copyFolder(await base());
  const r = await cli('consolidar', ...(await officePackages()), '--db', dbOf(dir), '--json');
  if (r.code !== 0) throw new Error(r.err);
  return dir;
});

afterAll(async () => {
  await reapChildren();
  removeFolders();
});

describe('killed at any moment (SIGKILL of the real command line)', { timeout: 90_000 }, () => {
  it('importar-base: the next command finds none of the file or all of it, the stage folder empty', async () => {
    const template = await dataFolder('UIO-01', 'CAC Iñaquito', 0);
    const book = join(scratch('book'), 'base.xlsx');
    await writeDemoWorkbook(book, { customers: IMPORT_CUSTOMERS, seed: SEED });
    const counts = (dir: string) =>
      withDb(dbOf(dir), (db) => ({
        customers: db.prepare('SELECT count(*) FROM customers').pluck().get(),
        services: db.prepare('SELECT count(*) FROM services').pluck().get(),
        items: db.prepare('SELECT count(*) FROM expected_items').pluck().get(),
        imports: db.prepare('SELECT count(*) FROM imports').pluck().get(),
        numbers: createHash('sha256').update(db.prepare('SELECT service_number FROM services ORDER BY 1').pluck().all().join(',')).digest('hex'),
      }));
    const none = counts(template);
    const plan: Plan = {
      args: (dir) => ['importar-base', book, '--db', dbOf(dir), '--json'],
      workStarted: (dir) => () => filesUnder(join(dir, 'trabajo')).length > 0,
    };
    const whole = await measure(template, plan);
    const all = counts(whole.dir);
    expect(all.services).toBeGreaterThan(IMPORT_CUSTOMERS);

    await killEach(template, whole.run, plan, async (dir) => {
      // Any command opens the database, which completes an apply that had begun.
      expect((await cli('buscar', 'x', '--db', dbOf(dir), '--json')).code).toBe(0);
      expect(integrity(dbOf(dir))).toBe('ok');
      expect([none, all]).toContainEqual(counts(dir));
      expect(temporariesUnder(dir)).toEqual([]);
      expect(filesUnder(join(dir, 'trabajo'))).toEqual([]);
    });
  });

  it('exportar: a package under its final name is whole, the mark moves only with a delivered package, the next export holds every acta', async () => {
    const template = await officeA();
    const actas = count(template, 'SELECT count(*) FROM handovers');
    const backups = count(template, 'SELECT count(*) FROM backups');
    const plan: Plan = {
      args: (dir) => ['exportar', '--db', dbOf(dir), '--salida', salidaOf(dir), '--documentos', '--json'],
      workStarted: (dir) => () => existsSync(join(dir, 'paquetes')),
    };
    const whole = await measure(template, plan);
    expect(JSON.parse(whole.run.out)).toMatchObject({ handovers: actas, backups });

    const packagesIn = (folder: string) => filesUnder(folder).filter((f) => f.endsWith('.recupera') && !basename(f).startsWith('.'));
    await killEach(template, whole.run, plan, async (dir) => {
      const salida = salidaOf(dir);
      expect(integrity(dbOf(dir))).toBe('ok');
      for (const folder of [salida, join(dir, 'paquetes')]) {
        for (const p of packagesIn(folder)) await expect(readSealedPackage(join(folder, p), dir)).resolves.toMatchObject({ manifest: { counts: { handovers: actas } } });
      }
      const marks = withDb(dbOf(dir), (db) => db.prepare("SELECT sha256 FROM sync_packages WHERE direction = 'EXPORT'").pluck().all() as string[]);
      const delivered = packagesIn(salida).map((p) => sha256(join(salida, p)));
      for (const mark of marks) expect(delivered).toContain(mark);

      const next = await cli('exportar', '--db', dbOf(dir), '--salida', salida, '--documentos', '--json');
      expect(next.code, next.err).toBe(0);
      const pkg = await readSealedPackage(JSON.parse(next.out).package as string, dir);
      expect(pkg.manifest.counts).toMatchObject({ handovers: actas, backups });
      expect(temporariesUnder(dir)).toEqual([]);
      expect(temporariesUnder(salida)).toEqual([]);
    });
  });

  it('consolidar: the database stays sound, and consolidating the same packages again ends as an unkilled run', async () => {
    const packages = await officePackages();
    const template = await base();
    const args = (dir: string) => ['consolidar', ...packages, '--db', dbOf(dir), '--json'];
    // Packages are read in a scratch folder in the data folder's trabajo/: its appearance is when the work begins.
    const plan: Plan = {
      args,
      workStarted: (dir) => () => existsSync(join(dir, 'trabajo')) && readdirSync(join(dir, 'trabajo')).some((n) => n.startsWith('paquete-p')),
      env: (dir) => ({ TMPDIR: tmpOf(dir) }),
    };
    const whole = await measure(template, plan);
    expect(JSON.parse(whole.run.out)).toMatchObject({ packages: 2, refused: [] });
    const expected = snapshot(whole.dir);
    expect(expected.handovers.length).toBe(2 * ACTAS);

    await killEach(template, whole.run, plan, async (dir) => {
      expect(integrity(dbOf(dir))).toBe('ok');
      const again = await cli(...args(dir));
      expect(again.code, again.err).toBe(0);
      expect(snapshot(dir)).toEqual(expected);
      expect(temporariesUnder(dir)).toEqual([]);
      // The killed run's extracted packages (personal data) were swept by the next start.
      expect(readdirSync(join(dir, 'trabajo')).filter((n) => n.startsWith('paquete-p'))).toEqual([]);
    });
  });

  it('depurar: no half-written workbook under a final name, no batch without its files, batch numbers neither skip nor repeat', async () => {
    const template = await consolidated();
    const plan: Plan = {
      args: (dir) => ['depurar', '--db', dbOf(dir), '--salida', salidaOf(dir), '--json'],
      workStarted: (dir) => () => existsSync(join(dir, 'depuraciones')),
    };
    const whole = await measure(template, plan);
    const year = /^DEP-(\d{4})-0001$/.exec(JSON.parse(whole.run.out).batch as string)?.[1];
    expect(year).toBeDefined();

    await killEach(template, whole.run, plan, async (dir) => {
      const salida = salidaOf(dir);
      expect(integrity(dbOf(dir))).toBe('ok');
      for (const folder of [join(dir, 'depuraciones'), salida]) {
        for (const f of filesUnder(folder).filter((p) => p.endsWith('.xlsx') && !basename(p).startsWith('.'))) expect(await isWholeKept(join(folder, f)), f).toBe(true);
      }
      // A batch killed while its lines were being recorded is still marked so: the next open removes it and its number is free again.
      const batches = withDb(
        dbOf(dir),
        (db) =>
          db.prepare('SELECT batch, files FROM depuration_batches WHERE id NOT IN (SELECT batch_id FROM depuration_recordings) ORDER BY batch').all() as Array<{
            batch: string;
            files: string;
          }>,
      );
      for (const b of batches) {
        const { files, sha256: hashes } = JSON.parse(b.files) as { files: Record<string, string>; sha256: Record<string, string> };
        for (const [key, path] of Object.entries(files)) {
          // Kept sealed in depuraciones/, delivered in clear: both hold the recorded plaintext.
          expect(await keptSha256(path)).toBe(hashes[key]);
          expect(sha256(join(salida, basename(path)))).toBe(hashes[key]);
        }
      }
      const next = await cli('depurar', '--db', dbOf(dir), '--salida', salida, '--json');
      expect(next.code, next.err).toBe(0);
      expect(JSON.parse(next.out).batch).toBe(`DEP-${year}-${String(batches.length + 1).padStart(4, '0')}`);
      const numbers = withDb(dbOf(dir), (db) => db.prepare('SELECT batch FROM depuration_batches ORDER BY batch').pluck().all());
      expect(numbers).toEqual(numbers.map((_, i) => `DEP-${year}-${String(i + 1).padStart(4, '0')}`));
      expect(temporariesUnder(dir)).toEqual([]);
    });
  });

  it('importar-correos: documents are stored whole under their hash, and no message is half recorded', async () => {
    const customers = demoCustomers(BASE_CUSTOMERS).slice(0, 24);
    const mail = inbox(customers, 2, 400_000);
    const template = await base();
    const args = (dir: string) => ['importar-correos', mail, '--db', dbOf(dir), '--json'];
    // Its own TMPDIR: a killed run leaves its scratch copy of the attachments there.
    const plan: Plan = { args, workStarted: (dir) => () => existsSync(join(dir, 'respaldos')), env: (dir) => ({ TMPDIR: tmpOf(dir) }) };
    const whole = await measure(template, plan);
    expect(JSON.parse(whole.run.out)).toMatchObject({ messages: customers.length, imported: customers.length });
    const recorded = (dir: string) => ({ messages: count(dir, 'SELECT count(*) FROM mail_messages'), backups: count(dir, 'SELECT count(*) FROM backups'), files: count(dir, 'SELECT count(*) FROM backup_files') });
    const expected = recorded(whole.dir);
    expect(expected.files).toBe(2 * expected.backups);

    await killEach(template, whole.run, plan, async (dir) => {
      expect(integrity(dbOf(dir))).toBe('ok');
      const store = join(dir, 'respaldos');
      for (const f of filesUnder(store).filter((p) => !basename(p).startsWith('.'))) expect(await keptSha256(join(store, f)), f).toBe(basename(f).replace(/\.\w+$/, ''));
      withDb(dbOf(dir), (db) => {
        const messages = db.prepare("SELECT backup_id AS backupId, attachments, status FROM mail_messages").all() as Array<{ backupId: string | null; attachments: string; status: string }>;
        for (const m of messages) {
          const stored = JSON.parse(m.attachments) as Array<{ sha256: string }>;
          if (m.backupId) expect(db.prepare('SELECT count(*) FROM backup_files WHERE backup_id = ?').pluck().get(m.backupId)).toBe(stored.length);
          for (const s of stored) expect(filesUnder(store).some((f) => basename(f).startsWith(s.sha256))).toBe(true);
        }
        // Every backup came from a message recorded with it.
        expect(db.prepare('SELECT count(*) FROM backups WHERE id NOT IN (SELECT backup_id FROM mail_messages WHERE backup_id IS NOT NULL)').pluck().get()).toBe(0);
      });
      const again = await cli(...args(dir));
      expect(again.code, again.err).toBe(0);
      expect(recorded(dir)).toEqual(expected);
      expect(temporariesUnder(dir)).toEqual([]);
      expect(existsSync(join(dir, 'trabajo')) ? readdirSync(join(dir, 'trabajo')).filter((n) => n.startsWith('correo-p')) : []).toEqual([]);
    });
  });
});

function snapshot(dir: string) {
  return withDb(dbOf(dir), consolidationSnapshot);
}
