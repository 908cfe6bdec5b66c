import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { Db } from '../../electron/db/open';
import { depurate } from '../../electron/depuration/depurate';
import { injectFileFault, TEMP_PREFIX, type FileStep } from '../../electron/files/atomicFile';
import { checkDestination } from '../../electron/files/destination';
import { sha256File } from '../../electron/files/hash';
import { exportPackage } from '../../electron/sync/exportPackage';
import type { TestApp } from '../helpers/app';
import { office, returnSerials } from '../helpers/offices';
import { trustTestCentral } from '../helpers/trust';

const open: TestApp[] = [];
const folders: string[] = [];
afterEach(async () => {
  injectFileFault(null);
  for (const t of open.splice(0)) await t.close();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function folder(): string {
  const f = mkdtempSync(join(tmpdir(), 'recupera-salida-'));
  folders.push(f);
  return f;
}

/** An office with three actas saved now. */
async function officeWithActas(): Promise<TestApp> {
  const t = await office('UIO-01', 'CAC Iñaquito');
  open.push(t);
  // Packages are encrypted to the central the office trusts.
  trustTestCentral(t.ctx.app);
  await returnSerials(t, '1712345675', ['HW-1']);
  await returnSerials(t, '0102030400', ['KA-9']);
  await returnSerials(t, '1104680135', ['HW-5']);
  return t;
}

const HOUR = 3_600_000;
const hoursFromNow = (h: number) => new Date(Date.now() + h * HOUR);
const db = (t: TestApp): Db => t.ctx.app.db;
const count = (t: TestApp, sql: string) => db(t).prepare(sql).pluck().get() as number;
const exportsRecorded = (t: TestApp) => count(t, "SELECT count(*) FROM sync_packages WHERE direction = 'EXPORT'");
const batchesRecorded = (t: TestApp) => db(t).prepare('SELECT batch FROM depuration_batches ORDER BY batch').pluck().all() as string[];
const packagesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.recupera')) : []);
const temporariesIn = (dir: string) => readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX));

/** A disk that fills up when a file is written into `dir`. */
function diskFullIn(dir: string, step: FileStep = 'write'): void {
  injectFileFault((s, path) => {
    if (s === step && path.startsWith(dir)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  });
}

const exportTo = async (t: TestApp, destination: string, now: Date, extra: { beforeRecord?: () => void } = {}) =>
  exportPackage({ db: db(t), dataDir: t.dir, outDir: join(t.dir, 'paquetes'), destination, includeDocuments: false, now, key: await t.ctx.app.stationKey(), ...extra });

const depurateTo = (t: TestApp, destination: string, extra: { beforeRecord?: () => void; now?: Date } = {}) =>
  depurate({ db: db(t), outDir: join(t.dir, 'depuraciones'), destination, ...extra });

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; seconds: number }> {
  let out = '';
  let err = '';
  const started = Date.now();
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err, seconds: (Date.now() - started) / 1000 };
}

describe('export: recorded only after delivery', () => {
  it('a delivery that failed records nothing, and an export hours later holds every acta', async () => {
    const t = await officeWithActas();
    const out = folder();

    diskFullIn(out);
    const failed = exportTo(t, out, hoursFromNow(3));
    await expect(failed).rejects.toMatchObject({ kind: 'refused' });
    await expect(failed).rejects.toThrow(new RegExp(`No hay espacio suficiente en el disco de la carpeta ${out}: se necesitan unos [\\d,.]+ MB libres`));
    expect(exportsRecorded(t)).toBe(0);
    expect(packagesIn(join(t.dir, 'paquetes'))).toEqual([]);
    expect(readdirSync(out)).toEqual([]);

    injectFileFault(null);
    const later = await exportTo(t, out, hoursFromNow(5));
    expect(later).toMatchObject({ from: null, handovers: 3, items: 3 });
    expect(later.delivered).toBe(join(out, later.fileName));
    expect(await sha256File(later.delivered!)).toBe(later.sha256);
    expect(exportsRecorded(t)).toBe(1);

    // The mark moved only now: the next export starts an hour before this one.
    const next = await exportTo(t, out, hoursFromNow(7));
    expect(next).toMatchObject({ from: new Date(new Date(later.to).getTime() - HOUR).toISOString(), handovers: 0 });
  });

  it('a folder that vanishes mid-way fails the export in Spanish, naming the folder, and moves no mark', async () => {
    const t = await officeWithActas();
    const out = folder();
    injectFileFault((step, path) => {
      if (step === 'write' && path.startsWith(out)) rmSync(out, { recursive: true, force: true });
    });
    const failed = exportTo(t, out, hoursFromNow(3));
    await expect(failed).rejects.toMatchObject({ kind: 'not_found' });
    await expect(failed).rejects.toThrow(`La carpeta ${out} ya no existe`);
    expect(exportsRecorded(t)).toBe(0);
    expect(existsSync(out)).toBe(false);

    injectFileFault(null);
    mkdirSync(out);
    expect(await exportTo(t, out, hoursFromNow(6))).toMatchObject({ from: null, handovers: 3 });
  });

  it('a crash between delivering and recording leaves no mark; the rerun holds every acta and replaces the copy', async () => {
    const t = await officeWithActas();
    const out = folder();
    const crash = () => {
      throw new Error('killed');
    };
    const at = hoursFromNow(3);
    await expect(exportTo(t, out, at, { beforeRecord: crash })).rejects.toThrow('killed');
    expect(exportsRecorded(t)).toBe(0);
    expect(packagesIn(out)).toHaveLength(1);

    const rerun = await exportTo(t, out, at);
    expect(rerun).toMatchObject({ from: null, handovers: 3 });
    // Same minute, same name: the copy left in the user's folder is replaced by the recorded package, whole.
    expect(packagesIn(out)).toEqual([rerun.fileName]);
    expect(await sha256File(join(out, rerun.fileName))).toBe(rerun.sha256);
    expect(temporariesIn(out)).toEqual([]);
    expect(exportsRecorded(t)).toBe(1);
  });

  it('removes the work folder a killed export left, not one a running export is using', async () => {
    const t = await officeWithActas();
    const packages = join(t.dir, 'paquetes');
    const dead = join(packages, '.exportando-999999999-aB3dEf');
    const live = join(packages, `.exportando-${process.pid}-xY7zQw`);
    for (const dir of [dead, live]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'datos.sqlite'), 'copia de registros');
    }
    await exportTo(t, folder(), hoursFromNow(1));
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('a delivery killed half-way leaves a temporary in the user’s folder: the next export removes it, not one a live run is writing', async () => {
    const t = await officeWithActas();
    const out = folder();
    const dead = `${TEMP_PREFIX}UIO-01_20261204-1341.recupera.999999999-b4d35253.tmp`;
    const live = `${TEMP_PREFIX}UIO-01_20261204-1342.recupera.${process.pid}-0a1b2c3d.tmp`;
    const mine = 'notas.tmp';
    for (const name of [dead, live, mine]) writeFileSync(join(out, name), 'a medias');
    await exportTo(t, out, hoursFromNow(1));
    expect(temporariesIn(out)).toEqual([live]);
    expect(existsSync(join(out, mine))).toBe(true);
    expect(packagesIn(out)).toHaveLength(1);
  });
});

describe('the destination is checked before the work starts', () => {
  it('refuses a file, a missing folder and a folder without room, in Spanish and in seconds, recording nothing', async () => {
    const t = await officeWithActas();
    const base = folder();
    const file = join(base, 'no-soy-carpeta.txt');
    writeFileSync(file, 'x');
    const missing = join(base, 'no-existe');

    for (const command of ['exportar', 'depurar']) {
      const asFile = await cli(command, '--db', t.dbPath, '--salida', file);
      expect(asFile.code).toBe(2);
      expect(asFile.err).toContain(`${file} no es una carpeta`);
      const gone = await cli(command, '--db', t.dbPath, '--salida', missing);
      expect(gone.code).toBe(2);
      expect(gone.err).toContain(`La carpeta ${missing} no existe`);
      for (const r of [asFile, gone]) {
        expect(r.err).not.toMatch(/ENOTDIR|ENOENT|mkdir|Error:/);
        expect(r.seconds).toBeLessThan(10);
      }
    }
    expect(existsSync(missing)).toBe(false);
    expect(exportsRecorded(t)).toBe(0);
    expect(batchesRecorded(t)).toEqual([]);

    // No disk has this much room: refused with what is needed and what is left.
    await expect(checkDestination(base, Number.MAX_SAFE_INTEGER)).rejects.toThrow(/se necesitan unos [\d,.]+ GB libres y quedan [\d,.]+ (MB|GB)/);
  });

  // Root writes anywhere whatever the permissions say, so this case can only be checked as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write into', async () => {
    const t = await officeWithActas();
    const locked = folder();
    chmodSync(locked, 0o555);
    try {
      const r = await cli('exportar', '--db', t.dbPath, '--salida', locked);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`No se puede escribir en la carpeta ${locked}`);
      expect(exportsRecorded(t)).toBe(0);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe('depuración: recorded only after delivery', () => {
  it('a failed delivery records no batch, and numbers do not skip on the next run', async () => {
    const t = await officeWithActas();
    const out = folder();
    const year = new Date().getFullYear();

    diskFullIn(out);
    await expect(depurateTo(t, out)).rejects.toThrow(/No hay espacio suficiente en el disco de la carpeta .*se necesitan unos/);
    expect(batchesRecorded(t)).toEqual([]);

    injectFileFault(null);
    const first = await depurateTo(t, out);
    expect(first.batch).toBe(`DEP-${year}-0001`);
    expect(first.delivered).toEqual({
      baseDepurada: join(out, `DEP-${year}-0001_base_depurada.xlsx`),
      cargaValores: join(out, `DEP-${year}-0001_carga_valores.xlsx`),
      comunicaciones: join(out, `DEP-${year}-0001_comunicaciones.xlsx`),
    });
    const second = await depurateTo(t, out);
    expect(second.batch).toBe(`DEP-${year}-0002`);
    expect(batchesRecorded(t)).toEqual([`DEP-${year}-0001`, `DEP-${year}-0002`]);
  });

  it('a full disk in the app’s folder leaves earlier batches as they were and says how much room is needed', async () => {
    const t = await officeWithActas();
    const out = folder();
    const first = await depurateTo(t, out);
    const before = await sha256File(first.files.baseDepurada);

    diskFullIn(join(t.dir, 'depuraciones'));
    await expect(depurateTo(t, out)).rejects.toThrow(/No hay espacio suficiente en el disco de la carpeta .*depuraciones.*: se necesitan unos [\d,.]+ MB libres/);
    injectFileFault(null);
    expect(batchesRecorded(t)).toEqual([first.batch]);
    expect(await sha256File(first.files.baseDepurada)).toBe(before);
    expect(await sha256File(first.delivered!.baseDepurada)).toBe(before);
  });

  it('a crash before the record: the rerun takes the same batch number and leaves the same, whole files', async () => {
    const t = await officeWithActas();
    const out = folder();
    const year = new Date().getFullYear();
    await expect(
      depurateTo(t, out, {
        beforeRecord: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(batchesRecorded(t)).toEqual([]);
    const dir = join(t.dir, 'depuraciones', `DEP-${year}-0001`);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(3);

    const rerun = await depurateTo(t, out);
    expect(rerun.batch).toBe(`DEP-${year}-0001`);
    expect(readdirSync(dir).sort()).toEqual(left);
    expect(readdirSync(out).sort()).toEqual(left);
    for (const key of ['baseDepurada', 'cargaValores', 'comunicaciones'] as const) {
      expect(await sha256File(rerun.files[key])).toBe(rerun.sha256[key]);
      expect(await sha256File(rerun.delivered![key])).toBe(rerun.sha256[key]);
    }
    expect(batchesRecorded(t)).toEqual([`DEP-${year}-0001`]);
    expect((await depurateTo(t, out)).batch).toBe(`DEP-${year}-0002`);
  });
});
