import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_LIMITS } from '../../shared/fieldLimits';
import type { StationKey } from '../../electron/auth/keyFile';
import { MAX_BACKUP_BYTES } from '../../electron/backups/fileStore';
import { PACKAGE_DATA, PACKAGE_SCHEMA } from '../../electron/db/packageSchema';
import { UPDATE_DATA, UPDATE_SCHEMA } from '../../electron/db/nationalUpdateSchema';
import { untrustedDataProblem, type UntrustedSpec } from '../../electron/db/untrustedData';
import { consolidatePackages } from '../../electron/sync/consolidate';
import { PackageRefused, readPackage } from '../../electron/sync/readPackage';
import { applyUpdate } from '../../electron/sync/updateApply';
import { trustedKeyOf } from '../../electron/db/stations';
import type { TestApp } from '../helpers/app';
import { consolidationSnapshot } from '../helpers/consolidationSnapshot';
import { bigDocument, damagedTable, hostilePackage, hostileUpdate, recursiveView, rewrittenTable, sha256Of, type HostileEdit } from '../helpers/hostile/packages';
import { exportNow, nationalLoop, officeContent, publish } from '../helpers/nationalLoop';
import { withOpenedPackage, unzip } from '../helpers/packages';
import { returnSerials } from '../helpers/offices';

/**
 * Packages and national updates made by a compromised station: validly signed with its real key
 * and encrypted to their real recipient, so they reach the checks behind the signature. Each is
 * refused whole in Spanish, in bounded time, leaving the database, the document store and the
 * record of packages as they were, and nothing in `trabajo/`.
 */

let p: TestApp;
let a: TestApp;
let aKey: StationKey;
let pKey: StationKey;
let genuinePackage: string;
let genuineUpdate: string;
let acta: { id: string; number: string };
let scratch: string;

beforeAll(async () => {
  const loop = await nationalLoop([['UIO-01', 'CAC Iñaquito']]);
  p = loop.p;
  a = loop.offices[0]!;
  aKey = await a.ctx.app.stationKey();
  pKey = await p.ctx.app.stationKey();
  acta = await returnSerials(a, '0912345675', ['ZT-4']);
  genuinePackage = (await exportNow(a)).package;
  genuineUpdate = (await publish(p)).path;
  scratch = mkdtempSync(join(a.dir, 'hostiles-'));
}, 120_000);

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  for (const t of [a, p]) await t?.close();
});

/** What a refused package could have changed at the central. */
function centralState(t: TestApp) {
  const db = t.ctx.app.db;
  const store = join(t.dir, 'respaldos');
  return {
    ...consolidationSnapshot(db),
    packages: db.prepare('SELECT sha256 FROM sync_packages ORDER BY sha256').pluck().all(),
    stations: db.prepare('SELECT code, office FROM stations ORDER BY code').all(),
    // A refusal leaves only its own PAQUETE_RECHAZADO entry (checked in refusedAtCentral).
    audit: db.prepare("SELECT count(*) FROM audit_log WHERE action <> 'PAQUETE_RECHAZADO'").pluck().get(),
    documents: existsSync(store) ? readdirSync(store, { recursive: true, encoding: 'utf8' }).sort() : [],
  };
}

const refusalEntries = (t: TestApp) =>
  t.ctx.app.db.prepare("SELECT description FROM audit_log WHERE action = 'PAQUETE_RECHAZADO' ORDER BY seq").all() as Array<{ description: string }>;

const officeState = (t: TestApp) => ({ content: officeContent(t.ctx.app.db), applied: t.ctx.app.db.prepare('SELECT seq, sha256 FROM national_updates').all() });

const trabajo = (t: TestApp) => (existsSync(join(t.dir, 'trabajo')) ? readdirSync(join(t.dir, 'trabajo')) : []);

/** English words SQLite or a library would put in a message. */
const ENGLISH = /SQLITE_|sqlite_(master|schema)|\bdatabase\b|malformed|disk image|constraint|no such|failed|error:/i;

let counter = 0;
const named = (stem: string) => join(scratch, `${stem}-${++counter}`);

async function consolidateAtCentral(path: string) {
  return consolidatePackages({
    db: p.ctx.app.db,
    dataDir: p.dir,
    dataKey: p.ctx.app.dataKey,
    packages: [{ path }],
    decryptionKey: pKey.encryption,
  });
}

/** Consolidates one hostile package and returns its refusal, checking it changed nothing and left nothing. */
async function refusedAtCentral(edit: HostileEdit): Promise<{ reason: string; seconds: number }> {
  const path = await hostilePackage(genuinePackage, `${named('paquete')}.recupera`, aKey, edit);
  const before = centralState(p);
  const refusals = refusalEntries(p);
  const started = performance.now();
  const r = await consolidateAtCentral(path);
  const seconds = (performance.now() - started) / 1000;
  expect(r.refused).toHaveLength(1);
  expect(r.inserted).toEqual({ handovers: 0, items: 0, backups: 0, voids: 0 });
  expect(centralState(p)).toEqual(before);
  expect(trabajo(p)).toEqual([]);
  const reason = r.refused[0]!.reason;
  expect(reason).not.toMatch(ENGLISH);
  // The one thing written: who tried, the file, and the reason as the person read it.
  const added = refusalEntries(p).slice(refusals.length);
  expect(added).toHaveLength(1);
  expect(added[0]!.description).toBe(`Intentó consolidar el paquete ${r.refused[0]!.package} de UIO-01 (CAC Iñaquito) y se rechazó: ${reason.length > 2_000 ? `${reason.slice(0, 1_999)}…` : reason}`);
  return { reason, seconds };
}

async function refusedAtOffice(edit: HostileEdit): Promise<{ reason: string; seconds: number }> {
  const path = await hostileUpdate(genuineUpdate, `${named('actualizacion')}.recupera-nacional`, pKey, edit);
  const before = officeState(a);
  const started = performance.now();
  const error = await applyUpdate({ db: a.ctx.app.db, dataDir: a.dir, path, userId: null, decryptionKey: aKey.encryption }).then(
    () => null,
    (e: unknown) => e,
  );
  const seconds = (performance.now() - started) / 1000;
  expect(error).toBeInstanceOf(Error);
  expect(officeState(a)).toEqual(before);
  expect(trabajo(a)).toEqual([]);
  const reason = (error as Error).message;
  expect(reason).not.toMatch(ENGLISH);
  return { reason, seconds };
}

const SHAPE = 'no es una de las tablas que escribe Recupera';

describe('a package whose data file is not the tables the format writes', () => {
  it('refuses a recursive view in place of a table at once, instead of hanging on it', async () => {
    const { reason, seconds } = await refusedAtCentral({ data: recursiveView('handovers') });
    expect(reason).toContain('El paquete de UIO-01 no se acepta');
    expect(reason).toContain(`«handovers», que ${SHAPE}`);
    expect(seconds).toBeLessThan(20);
  }, 30_000);

  it('refuses a trigger, an extra index, a table that is not STRICT or has another column', async () => {
    const cases: Array<[HostileEdit['data'], string]> = [
      [(db) => db.exec('CREATE TRIGGER items_touch AFTER INSERT ON items BEGIN SELECT 1; END'), 'items_touch'],
      [(db) => db.exec('CREATE INDEX handovers_long ON handovers(length(observations))'), 'handovers_long'],
      [(db) => db.exec('CREATE TABLE extra (x TEXT)'), 'extra'],
      [rewrittenTable('voids', (sql) => sql.replace(/\)\s*STRICT\s*$/, ')')), 'voids'],
      [rewrittenTable('voids', (sql) => sql.replace('reason TEXT NOT NULL', "reason TEXT NOT NULL DEFAULT (randomblob(9))")), 'voids'],
    ];
    for (const [data, object] of cases) expect((await refusedAtCentral({ data })).reason).toContain(`«${object}», que ${SHAPE}`);
  }, 60_000);
});

describe('a package whose records hold text over their field limits', () => {
  it('refuses an acta with 8 MB of observations, naming the acta and the field, without reading the value into JavaScript', async () => {
    const { reason } = await refusedAtCentral({ data: (db) => db.prepare("UPDATE handovers SET observations = printf('%.*c', ?, 'x')").run(8 * 1024 * 1024) });
    expect(reason).toContain(`el campo «Observaciones» del acta ${acta.number} tiene`);
    expect(reason).toContain(FIELD_LIMITS.observations.toLocaleString('es-EC'));
  }, 30_000);

  it('refuses one character too many in a serial, and names a record by its row when its own name is what is too long', async () => {
    const serial = await refusedAtCentral({ data: (db) => db.prepare('UPDATE items SET serial = ?').run('S'.repeat(FIELD_LIMITS.serial + 1)) });
    expect(serial.reason).toMatch(/el campo «Serie» del equipo [0-9a-f-]{36} tiene 81 caracteres/);
    const number = await refusedAtCentral({ data: (db) => db.prepare('UPDATE handovers SET acta_number = ?').run('N'.repeat(5000)) });
    expect(number.reason).toContain('el campo «Número de acta» del acta en la fila 1 tiene');
  }, 30_000);

  it('refuses an audit entry far over its bounds', async () => {
    const audit = JSON.parse((await unzip(genuinePackage)).get('auditoria.json')!.toString()) as { entries: Array<{ description: string }> };
    expect(audit.entries.length).toBeGreaterThan(0);
    audit.entries[0]!.description = 'x'.repeat(20_000);
    const { reason } = await refusedAtCentral({ files: { 'auditoria.json': Buffer.from(JSON.stringify(audit)) } });
    expect(reason).toContain('registro de auditoría del paquete de UIO-01 no tiene el formato esperado');
  }, 30_000);
});

describe('a package whose documents are not what the manifest declares', () => {
  const docOver = bigDocument(MAX_BACKUP_BYTES + 1);
  const overName = `respaldos/${sha256Of(docOver)}.pdf`;

  it('refuses a respaldo document over the registration limit before extracting anything', async () => {
    const { reason } = await refusedAtCentral({ files: { [overName]: docOver } });
    expect(reason).toContain(`«${overName}» pesa más de 15 MB, el máximo para un archivo así`);
    // Read directly: the refusal comes before a single file reaches the work folder.
    const path = await hostilePackage(genuinePackage, `${named('paquete')}.recupera`, aKey, { files: { [overName]: docOver } });
    const work = mkdtempSync(join(scratch, 'lectura-'));
    await withOpenedPackage(path, async (zip) => {
      await expect(readPackage(zip, work, (code) => trustedKeyOf(p.ctx.app.db, code))).rejects.toThrow(PackageRefused);
    });
    expect(readdirSync(work)).toEqual([]);
  }, 30_000);

  it('refuses a file whose zip entry is larger than the size the manifest declares, and one whose content is not its declared hash', async () => {
    const doc = bigDocument(64 * 1024);
    const name = `respaldos/${sha256Of(doc)}.pdf`;
    const smaller = await refusedAtCentral({
      files: { [name]: doc },
      manifest: (m) => ({ ...m, files: m.files.map((f) => (f.name === name ? { ...f, size: 1024 } : f)) }),
    });
    expect(smaller.reason).toContain(`«${name}» no tiene el tamaño que declara el manifiesto`);
    const wrongHash = await refusedAtCentral({
      manifest: (m) => ({ ...m, files: m.files.map((f) => (f.name === 'datos.sqlite' ? { ...f, sha256: '0'.repeat(64) } : f)) }),
    });
    expect(wrongHash.reason).toContain('«datos.sqlite» no coincide con su huella SHA-256');
  }, 30_000);
});

describe('a package whose respaldo document is not what it claims', () => {
  it('refuses "%PDF-" followed by a program, as the desk would, before anything is kept', async () => {
    const exe = Buffer.alloc(0x100);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    const forged = Buffer.concat([Buffer.from('%PDF-'), exe]);
    const name = `respaldos/${sha256Of(forged)}.pdf`;
    const { reason } = await refusedAtCentral({ files: { [name]: forged } });
    expect(reason).toContain(`El documento de respaldo «${name}»`);
    expect(reason).toContain('el paquete no se acepta');
  }, 30_000);
});

describe('a package whose data file is damaged inside', () => {
  it('refuses broken pages behind a sound schema, and a data file that is no database at all, in Spanish', async () => {
    const broken = await refusedAtCentral({ dataBytes: damagedTable('handovers') });
    expect(broken.reason).toContain('El paquete de UIO-01 está dañado: sus datos no se pueden leer');
    const noise = await refusedAtCentral({ dataBytes: (b) => Buffer.alloc(b.length, 0x41) });
    expect(noise.reason).toContain('está dañado');
  }, 30_000);
});

describe('a national update made hostile at the central', () => {
  it('refuses a recursive view, an oversized customer name and broken pages, leaving the office as it was', async () => {
    const view = await refusedAtOffice({ data: recursiveView('customers') });
    expect(view.reason).toContain(`La actualización N.º 1 no se acepta: sus datos traen «customers», que ${SHAPE}`);
    expect(view.seconds).toBeLessThan(20);
    const name = await refusedAtOffice({ data: (db) => db.prepare("UPDATE customers SET name = printf('%.*c', ?, 'x') WHERE rowid = (SELECT min(rowid) FROM customers)").run(1024 * 1024) });
    expect(name.reason).toMatch(/el campo «Nombre» del cliente \S+ tiene/);
    const broken = await refusedAtOffice({ dataBytes: damagedTable('customers') });
    expect(broken.reason).toContain('La actualización N.º 1 está dañada');
    const smaller = await refusedAtOffice({ manifest: (m) => ({ ...m, files: m.files.map((f) => ({ ...f, size: f.size - 1 })) }) });
    expect(smaller.reason).toContain('no tiene el tamaño que declara el manifiesto');
  }, 60_000);
});

describe('the check of a received data file', () => {
  const file = (bytes: Buffer) => {
    const path = join(scratch, `datos-${++counter}.sqlite`);
    writeFileSync(path, bytes);
    return path;
  };

  it('has a limit for every text column of both formats (a column without one throws)', () => {
    expect(PACKAGE_DATA.schema).toBe(PACKAGE_SCHEMA);
    expect(UPDATE_DATA.schema).toBe(UPDATE_SCHEMA);
    for (const spec of [PACKAGE_DATA, UPDATE_DATA] as UntrustedSpec[]) {
      const path = file(Buffer.alloc(0));
      const db = new Database(path);
      db.exec(spec.schema);
      db.close();
      expect(untrustedDataProblem(a.ctx.app.db, path, spec)).toBeNull();
      const { observations: _dropped, ...text } = PACKAGE_DATA.tables.handovers!.text;
      const incomplete = { ...spec, tables: { ...spec.tables, handovers: { ...spec.tables.handovers!, text } } };
      expect(() => untrustedDataProblem(a.ctx.app.db, path, incomplete)).toThrow('No text limit for handovers.observations');
    }
  });

  it('accepts the genuine files, and text whose bytes pass the limit while its characters do not', async () => {
    const entries = await unzip(genuinePackage);
    expect(untrustedDataProblem(p.ctx.app.db, file(entries.get('datos.sqlite')!), PACKAGE_DATA)).toBeNull();
    const update = await unzip(genuineUpdate);
    expect(untrustedDataProblem(a.ctx.app.db, file(update.get('datos.sqlite')!), UPDATE_DATA)).toBeNull();
    const path = await hostilePackage(genuinePackage, `${named('paquete')}.recupera`, aKey, {
      data: (db) => db.prepare('UPDATE handovers SET holder_name = ?').run('Ñ'.repeat(FIELD_LIMITS.name)),
    });
    const accented = (await unzip(path)).get('datos.sqlite')!;
    expect(untrustedDataProblem(p.ctx.app.db, file(accented), PACKAGE_DATA)).toBeNull();
  });
});
