import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { consolidationSnapshot } from '../helpers/consolidationSnapshot';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsRegister } from '../../shared/contracts/backups';
import { handoversSave, handoversVoid } from '../../shared/contracts/handovers';
import { consolidateJob, exportJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate, syncExport, syncOverview } from '../../shared/contracts/sync';
import { call } from '../../electron/handlers/call';
import { closeServices, createServices } from '../../electron/app/services';
import { keyFilePath } from '../../electron/auth/keyFile';
import { copyAppDatabase } from '../helpers/encryptedDb';
import type { Db } from '../../electron/db/open';
import { runWrite } from '../../electron/db/writeSession';
import { consolidatePackages } from '../../electron/sync/consolidate';
import type { TestApp } from '../helpers/app';
import { card, clerk, coordinator, office, posventa, returnSerials, runJob } from '../helpers/offices';
import { rezip, unzip } from '../helpers/packages';
import { forCentral, linkStations, trustTestCentral } from '../helpers/trust';
import { PACKAGE_VERSION } from '../../electron/sync/packageFormat';
import { parseSignature, verifyManifestSignature } from '../../electron/sync/packageSignature';
import { validPdf } from '../helpers/documents';
import { pick } from '../helpers/files';

const open: TestApp[] = [];
async function pc(code: string, name: string): Promise<TestApp> {
  const t = await office(code, name);
  open.push(t);
  // Offices export before a central is set up here: they encrypt to a stand-in one, and each
  // central consolidates the packages encrypted again to it (forCentral).
  trustTestCentral(t.ctx.app);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});
/** Posventa's central, with the offices' keys enrolled (and the central trusted at each office). */
/** Another PC made from a copy of `t`'s database and key file (a cloned disk). */
async function cloneOf(t: TestApp): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'recupera-copia-'));
  const dbPath = join(dir, 'recupera.sqlite');
  copyAppDatabase(t.dbPath, dbPath);
  copyFileSync(keyFilePath(t.dbPath), keyFilePath(dbPath));
  const app = createServices({ dbPath, dataDir: dir });
  const copy: TestApp = {
    dir,
    dbPath,
    ctx: { app, session: { user: clerk } },
    close: async () => {
      await closeServices(app);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open.push(copy);
  return copy;
}
async function central(code: string, offices: TestApp[]): Promise<TestApp> {
  const t = await office(code, 'Posventa Nacional', undefined, { central: true });
  open.push(t);
  await linkStations(t.ctx.app, offices.map((o) => o.ctx.app));
  return t;
}

const exportNow = (t: TestApp, input: { from?: string; to?: string; includeDocuments?: boolean } = {}) =>
  runJob(t, exportJob, syncExport, { includeDocuments: false, ...input }, coordinator);
const consolidate = async (t: TestApp, paths: string[]) =>
  runJob(t, consolidateJob, syncConsolidate, { packages: await Promise.all(paths.map(async (path) => pick(t.ctx.session, await forCentral(t.ctx.app, path)))) }, posventa);

const snapshot = (db: Db) => consolidationSnapshot(db);

const PDF = validPdf();

describe('office packages', () => {
  it('holds the station’s records in a zip with a manifest, a database and a workbook people can read', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    await returnSerials(a, '0912345675', ['ZT-4']);
    const pkg = await exportNow(a);
    const files = await unzip(pkg.package);
    expect([...files.keys()].sort()).toEqual(['auditoria.json', 'datos.sqlite', 'entregas.xlsx', 'firma.json', 'manifest.json']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    // Signed by the station's own key, over the manifest's exact bytes.
    const key = await a.ctx.app.stationKey();
    const signature = parseSignature(files.get('firma.json')!)!;
    expect(signature).toMatchObject({ code: 'UIO-01', stationId: key.stationId, fingerprint: key.fingerprint });
    expect(verifyManifestSignature(key.publicKey, files.get('manifest.json')!, signature)).toBe('ok');
    expect(manifest).toMatchObject({
      format: 'recupera-paquete',
      formatVersion: 2,
      station: { code: 'UIO-01', office: 'CAC Iñaquito' },
      counts: { handovers: 1, items: 1, backups: 0, voids: 0, documents: 0 },
      range: { from: null },
    });
    // The station's audit entries travel too, listed (so signed) like every file.
    expect(manifest.files.map((f: { name: string }) => f.name).sort()).toEqual(['auditoria.json', 'datos.sqlite', 'entregas.xlsx']);
    const audit = JSON.parse(files.get('auditoria.json')!.toString());
    expect(audit).toMatchObject({ format: 'recupera-auditoria', station: 'UIO-01' });
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain('ACTA_GUARDADA');
    expect(audit.entries.every((e: { stationCode: string }) => e.stationCode === 'UIO-01')).toBe(true);

    const xlsx = join(a.dir, 'entregas.xlsx');
    writeFileSync(xlsx, files.get('entregas.xlsx')!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Entregas', 'Equipos', 'Respaldos', 'Anuladas', 'Resumen']);
    const entregas = wb.getWorksheet('Entregas')!;
    expect(entregas.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(entregas.autoFilter).toBeTruthy();
    const row = entregas.getRow(2);
    expect(row.getCell(4).value).toBe('0912345675');
    expect(row.getCell(2).value).toBeInstanceOf(Date);
    // A name that looks like a formula stays text.
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(5).value).toBe('=HYPERLINK("HTTP://X","ROSA")');
    expect(row.getCell(5).numFmt).toBe('@');
    const equipos = wb.getWorksheet('Equipos')!;
    expect(equipos.getRow(2).getCell(2).value).toBe('4004');
    expect(equipos.getRow(2).getCell(6).value).toBe('ZT-4');
  });

  it('exports everything since the last export by default, or a date range, and documents when asked', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const first = await returnSerials(a, '1712345675', ['HW-1']);
    // Recorded three days ago: a later export without a range does not carry it again.
    runWrite(a.ctx.app.db, (tx) => tx.prepare("UPDATE handovers SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days') WHERE id = ?").run(first.id));
    const all = await exportNow(a);
    expect(all.handovers).toBe(1);
    await returnSerials(a, '0102030400', ['KA-9']);
    const since = await exportNow(a);
    expect(since).toMatchObject({ handovers: 1 });
    expect(since.from).not.toBeNull();
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(await exportNow(a, { from: iso, to: iso })).toMatchObject({ handovers: 1 });
    expect(await exportNow(a, { from: '2020-01-01', to: iso })).toMatchObject({ handovers: 2 });

    const juan = await card(a, '1712345675');
    const pdf = join(a.dir, 'acta.pdf');
    writeFileSync(pdf, PDF);
    a.ctx.session.user = coordinator;
    const backup = await call(a.ctx, backupsRegister, { customerId: juan.id, serviceIds: [juan.services[1]!.id], actaNumber: '777', files: [pick(a.ctx.session, pdf, 'acta.pdf')] });
    expect(backup.ok).toBe(true);
    const withDocs = await exportNow(a, { includeDocuments: true });
    expect(withDocs).toMatchObject({ backups: 1, documents: 1 });
    const files = await unzip(withDocs.package);
    expect([...files.keys()].filter((n) => n.startsWith('respaldos/'))).toHaveLength(1);
  });
});

describe('consolidation', () => {
  async function twoOffices() {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const b = await pc('GYE-01', 'CAC Centro Guayaquil');
    const early = await returnSerials(a, '1712345675', ['HW-1', 'PS-1']);
    await returnSerials(a, '0102030400', ['KA-9']);
    // The same serial returned at two offices.
    await returnSerials(b, '1712345675', ['HW-1']);
    // A service the base does not have.
    b.ctx.session.user = coordinator;
    const outside = await call(b.ctx, handoversSave, {
      outOfBase: { identification: '0923456784', name: 'Mera Ruiz Pedro', serviceNumber: '9999', businessLine: 'Internet' },
      deliveredBy: 'TITULAR',
      items: [{ type: 'ONT', serial: 'ZZ-1', condition: 'BUENO', accessories: [], note: 'No consta en la base' }],
    });
    expect(outside.ok).toBe(true);
    const a1 = await exportNow(a);
    // The acta is voided after the first export: the void travels in the next package only.
    runWrite(a.ctx.app.db, (tx) => tx.prepare("UPDATE handovers SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days')").run());
    a.ctx.session.user = coordinator;
    expect((await call(a.ctx, handoversVoid, { id: early.id, reason: 'Digitado en el cliente equivocado' })).ok).toBe(true);
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const a2 = await exportNow(a, { from: iso });
    expect(a2).toMatchObject({ handovers: 0, voids: 1 });
    const b1 = await exportNow(b);
    return { a, b, a1, a2, b1 };
  }

  it('ends the same in any order, twice, with overlaps; the second pass inserts nothing', async () => {
    const { a, b, a1, a2, b1 } = await twoOffices();
    const p = await central('PV-01', [a, b]);
    const q = await central('PV-02', [a, b]);

    const first = await consolidate(p, [a1.package, a2.package, b1.package]);
    expect(first.refused).toEqual([]);
    expect(first.inserted).toEqual({ handovers: 4, items: 5, backups: 0, voids: 1 });
    // The void arrives before its acta here.
    const other = await consolidate(q, [b1.package, a2.package]);
    expect(other.inserted).toEqual({ handovers: 2, items: 2, backups: 0, voids: 1 });
    await consolidate(q, [a1.package]);
    expect(snapshot(q.ctx.app.db)).toEqual(snapshot(p.ctx.app.db));

    const again = await consolidate(p, [b1.package, a1.package, a2.package, a1.package]);
    expect(again.inserted).toEqual({ handovers: 0, items: 0, backups: 0, voids: 0 });
    // Each package is known as applied (its file encrypted again to p, by its signed manifest) and not read again.
    expect(again.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(again.duplicates).toBe(0);
    expect(again.conflicts).toEqual([]);
    expect(snapshot(q.ctx.app.db)).toEqual(snapshot(p.ctx.app.db));

    // The voided acta's services went back; Ana's return stands; the serial conflict is gone with the void.
    const s = snapshot(p.ctx.app.db);
    expect(s.statuses).toEqual(
      expect.arrayContaining([
        { service_number: '1001', status: 'ENTREGA_PARCIAL', in_base: 1 },
        { service_number: '3003', status: 'ENTREGADO', in_base: 1 },
        { service_number: '9999', status: 'ENTREGADO', in_base: 0 },
      ]),
    );
    expect(s.conflicts).toEqual([{ kind: 'SERVICIO_FUERA_DE_BASE', conflict_key: '9999' }]);
  });

  it('applies a package in slices, one write session each, and ends as if it went in whole', async () => {
    const { a, b, a1, a2, b1 } = await twoOffices();
    const p = await central('PV-01', [a, b]);
    const q = await central('PV-02', [a, b]);
    const whole = await consolidate(p, [a1.package, a2.package, b1.package]);
    const sessions: number[] = [];
    const sliced = await consolidatePackages({
      db: q.ctx.app.db,
      dataDir: q.dir,
      packages: await Promise.all([a1.package, a2.package, b1.package].map(async (path) => ({ path: await forCentral(q.ctx.app, path) }))),
      decryptionKey: (await q.ctx.app.stationKey()).encryption,
      actasPerSession: 1,
      between: () => void sessions.push(1),
    });
    // a1 and b1 hold two actas each: two slices apiece; a2 (a void) one.
    expect(sessions).toHaveLength(5);
    expect({ ...sliced, seconds: 0 }).toEqual({ ...whole, seconds: 0 });
    expect(snapshot(q.ctx.app.db)).toEqual(snapshot(p.ctx.app.db));
  });

  it('lists every kind of conflict and resolves none silently', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const b = await pc('GYE-01', 'CAC Centro Guayaquil');
    // A copy of Iñaquito's PC (its database and key): the same station, numbering its actas again.
    const copy = await cloneOf(a);
    // A second PC configured with the same station code as Iñaquito, with a key of its own.
    const twin = await pc('UIO-01', 'CAC Quicentro');
    await returnSerials(a, '1712345675', ['HW-1']);
    await returnSerials(b, '1712345675', ['HW-1']);
    await returnSerials(copy, '0102030400', ['KA-9']);
    await returnSerials(twin, '0102030400', ['KA-9']);
    b.ctx.session.user = coordinator;
    await call(b.ctx, handoversSave, {
      outOfBase: { identification: '0923456784', name: 'Mera Ruiz Pedro', serviceNumber: '9999' },
      deliveredBy: 'TITULAR',
      items: [{ type: 'ONT', condition: 'BUENO', accessories: [], note: 'No consta en la base' }],
    });
    const pa = await exportNow(a);
    const pb = await exportNow(b);
    const pc2 = await exportNow(copy);
    const pt = await exportNow(twin);
    const p = await central('PV-01', [a, b]);
    const q = await central('PV-02', [a, b]);
    const r = await consolidate(p, [pa.package, pb.package, pc2.package, pt.package]);
    expect(r.conflicts.map((c) => c.kind).sort()).toEqual(['ACTA_REUTILIZADA', 'SERIE_DUPLICADA', 'SERVICIO_FUERA_DE_BASE']);
    expect(r.conflicts.find((c) => c.kind === 'SERIE_DUPLICADA')!.detail).toContain('HW-1');
    // The twin's key is not the one enrolled for UIO-01: its package is refused, naming both keys.
    const twinKey = await twin.ctx.app.stationKey();
    const aKey = await a.ctx.app.stationKey();
    expect(r.refused).toEqual([{ package: basename(pt.package), reason: expect.stringContaining(`firmado con la clave ${twinKey.fingerprint}`) }]);
    expect(r.refused[0]!.reason).toContain(aKey.fingerprint);
    // The acta set aside is kept whole in the conflict, not lost.
    const kept = p.ctx.app.db.prepare("SELECT payload FROM sync_conflicts WHERE kind = 'ACTA_REUTILIZADA'").pluck().get() as string;
    expect(JSON.parse(kept)).toMatchObject({ handover: { acta_number: expect.stringMatching(/^UIO-01-\d{4}-000001$/) }, items: [expect.any(Object)] });
    await consolidate(q, [pt.package, pc2.package, pb.package, pa.package]);
    expect(snapshot(q.ctx.app.db)).toEqual(snapshot(p.ctx.app.db));
    p.ctx.session.user = posventa;
    const overview = await call(p.ctx, syncOverview, {});
    expect(overview.ok && overview.value.conflicts).toHaveLength(3);
  });

  it('refuses a tampered, truncated, unknown-format or foreign file whole, and writes nothing of it', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const p = await central('PV-01', [a]);
    await returnSerials(a, '1712345675', ['HW-1']);
    const pkg = await exportNow(a);
    const files = await unzip(pkg.package);

    const tampered = join(a.dir, 'modificado.recupera');
    const data = Buffer.from(files.get('datos.sqlite')!);
    data[data.length - 10] = data[data.length - 10]! ^ 0xff;
    await rezip(tampered, new Map([...files, ['datos.sqlite', data]]));

    const truncated = join(a.dir, 'cortado.recupera');
    writeFileSync(truncated, (await import('node:fs')).readFileSync(await forCentral(p.ctx.app, pkg.package)).subarray(0, 300));

    const future = join(a.dir, 'futuro.recupera');
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    await rezip(future, new Map([...files, ['manifest.json', Buffer.from(JSON.stringify({ ...manifest, formatVersion: PACKAGE_VERSION + 1 }))]]));

    const extra = join(a.dir, 'agregado.recupera');
    await rezip(extra, new Map([...files, ['actas/otra.pdf', PDF]]));

    const foreign = join(a.dir, 'base.recupera');
    await rezip(foreign, new Map([['xl/workbook.xml', Buffer.from('<workbook/>')]]));

    const before = snapshot(p.ctx.app.db);
    const r = await consolidate(p, [tampered, truncated, future, extra, foreign]);
    expect(r.packages).toBe(5);
    expect(r.refused).toEqual([
      { package: 'modificado.recupera', reason: expect.stringContaining('SHA-256') },
      { package: 'cortado.recupera', reason: expect.stringContaining('no se pudo abrir: está incompleto') },
      { package: 'futuro.recupera', reason: expect.stringContaining(`formato ${PACKAGE_VERSION + 1}`) },
      { package: 'agregado.recupera', reason: expect.stringContaining('no declara') },
      { package: 'base.recupera', reason: expect.stringContaining('no es un paquete de Recupera') },
    ]);
    expect(snapshot(p.ctx.app.db)).toEqual(before);
    expect(p.ctx.app.db.prepare('SELECT count(*) FROM sync_packages').pluck().get()).toBe(0);
    // The genuine package still goes in afterwards.
    expect((await consolidate(p, [pkg.package])).inserted.handovers).toBe(1);
  });

  it('looks up the big tables from the package’s small ones, never the other way round', async () => {
    const p = await pc('PV-01', 'Posventa Nacional');
    const { AFFECTED_BY_VOIDS, SERIALS_OF_VOIDS, TEMP } = await import('../../electron/db/packageApply');
    const db = p.ctx.app.db;
    runWrite(db, (tx) => tx.exec(TEMP));
    for (const sql of [AFFECTED_BY_VOIDS, SERIALS_OF_VOIDS]) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/SCAN v.*SEARCH hi USING INDEX handover_items_handover/);
    }
  });

  it('carries respaldos as registered, with their documents; a review never travels in an office package', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const juan = await card(a, '1712345675');
    const pdf = join(a.dir, 'acta.pdf');
    writeFileSync(pdf, PDF);
    a.ctx.session.user = coordinator;
    const reg = await call(a.ctx, backupsRegister, { customerId: juan.id, serviceIds: [juan.services[1]!.id], actaNumber: '777', files: [pick(a.ctx.session, pdf, 'acta.pdf')] });
    if (!reg.ok) throw new Error(reg.error.message);
    const first = await exportNow(a, { includeDocuments: true });
    // A decision recorded at the office: reviews are Posventa's, so the next package still says "en revisión".
    runWrite(a.ctx.app.db, (tx) =>
      tx.prepare("UPDATE backups SET status = 'ACEPTADO', reviewed_at = ?, reviewed_by = 'Posventa' WHERE id = ?").run(new Date(Date.now() + 1000).toISOString(), reg.value.id),
    );
    const second = await exportNow(a);
    expect(second.backups).toBe(1);
    const p = await central('PV-01', [a]);
    const q = await central('PV-02', [a]);
    expect((await consolidate(p, [first.package, second.package])).refused).toEqual([]);
    await consolidate(q, [second.package, first.package]);
    expect(snapshot(p.ctx.app.db).backups).toEqual([expect.objectContaining({ status: 'EN_REVISION', reviewed_at: null })]);
    expect(snapshot(q.ctx.app.db)).toEqual(snapshot(p.ctx.app.db));
    expect(p.ctx.app.db.prepare("SELECT status FROM services WHERE service_number = '2002'").pluck().get()).toBe('RESPALDO_EN_REVISION');
    const sha = p.ctx.app.db.prepare('SELECT sha256 FROM backup_files').pluck().get() as string;
    expect((await import('node:fs')).existsSync(join(p.dir, 'respaldos', sha.slice(0, 2), `${sha}.pdf`))).toBe(true);
  });
});
