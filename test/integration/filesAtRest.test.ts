import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsFile, backupsRegister } from '../../shared/contracts/backups';
import { handoversPdf } from '../../shared/contracts/handovers';
import { importStart } from '../../shared/contracts/importBase';
import { importBaseJob } from '../../shared/contracts/jobKinds';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { call } from '../../electron/handlers/call';
import { recoverInBackground } from '../../electron/app/recovery';
import { purgeExpiredDocuments } from '../../electron/backups/retention';
import { campaignOf } from '../../electron/db/settings';
import { runWrite } from '../../electron/db/writeSession';
import { backupFilePath } from '../../electron/backups/fileStore';
import { isSealed, readSealed, writeClearCopy } from '../../electron/files/sealedFile';
import { admin, type TestApp } from '../helpers/app';
import { card, coordinator, office, posventa, returnSerials, runJob, SMALL_BASE } from '../helpers/offices';
import { HEADER, writeWorkbook } from '../helpers/workbooks';
import { validPdf } from '../helpers/documents';
import { pick } from '../helpers/files';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const NAME = 'ZAMBRANO QUISHPE WENCESLAO';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The name in clear: as UTF-8 bytes, as UTF-16 (both byte orders), and upper or as typed. */
function namesIn(bytes: Buffer, name: string): boolean {
  const forms = [name, name.toLowerCase(), 'WENCESLAO', 'Wenceslao'];
  return forms.some(
    (f) => bytes.includes(Buffer.from(f, 'utf8')) || bytes.includes(Buffer.from(f, 'utf16le')) || bytes.includes(Buffer.from(f, 'utf16le').swap16()),
  );
}

/** An office whose PDF renderer writes the acta's HTML uncompressed, so a clear PDF would show the name. */
async function station(): Promise<TestApp> {
  const base = [...SMALL_BASE, { ...SMALL_BASE[0]!, identification: '1700000003', name: NAME, serviceNumber: '7007', serial: 'ZQ-7', phone: '0990000007' }];
  const t = await office('UIO-01', 'CAC Uno', base);
  open.push(t);
  t.ctx.app.pdf = { render: (html) => Promise.resolve(Buffer.from(`%PDF-1.4\n${html}\n%%EOF\n`)), close: () => Promise.resolve() };
  return t;
}

describe('files at rest', () => {
  it('keeps no customer name in clear under the data folder: database, archived acta, respaldo document, import report', async () => {
    const t = await station();
    // An acta saved and its PDF archived.
    const acta = await returnSerials(t, '1700000003', ['ZQ-7']);
    const pdf = await call(t.ctx, handoversPdf, { id: acta.id, reprint: false });
    expect(pdf.ok && pdf.value.path).toBeTruthy();
    const archived = pdf.ok ? pdf.value.path! : '';
    // A respaldo with a document naming the customer (kept from a folder outside the data folder).
    const outside = join(t.dir, '..', `fuera-${Date.now()}`);
    await mkdir(outside, { recursive: true });
    const doc = join(outside, 'respaldo.pdf');
    writeFileSync(doc, validPdf(`Acta firmada por ${NAME}`));
    const c = await card(t, '1700000003');
    t.ctx.session.user = coordinator;
    const b = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services[0]!.id], actaNumber: 'P-77', files: [pick(t.ctx.session, doc, 'r.pdf')] });
    expect(b.ok).toBe(true);
    // An import whose report names the customer (a warning: the e-mail is not valid).
    const base = join(outside, 'base.xlsx');
    await writeWorkbook(base, [{ name: 'Base', rows: [HEADER, ['SIERRA', '1700000003', NAME, 'Internet', '7008', new Date(Date.UTC(2020, 4, 1)), 'MODEM', 'HUAWEI', null, 'ZQ-8', 45, 'NO', null, null, '0990000007', 'no-es-correo']] }]);
    t.ctx.session.user = admin;
    const imported = await runJob(t, importBaseJob, importStart, { file: pick(t.ctx.session, base), mode: 'commit' }, admin);
    expect(imported.reportPath).toBeTruthy();
    await t.ctx.app.recovery;

    const leaks = filesUnder(t.dir)
      .filter((f) => namesIn(readFileSync(f), NAME))
      .map((f) => relative(t.dir, f));
    expect(leaks).toEqual([]);
    for (const f of [archived, imported.reportPath!]) expect(await isSealed(f), f).toBe(true);

    // Sealed, not lost: the archive opens to the PDF that names the customer, and so does the document.
    const clearPdf = await readSealed(archived, t.ctx.app.dataKey);
    expect(clearPdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(namesIn(clearPdf, NAME)).toBe(true);
    const shown = await call(t.ctx, backupsFile, { sha256: b.ok ? b.value.files[0]!.sha256 : '', of: { kind: 'respaldo', id: b.ok ? b.value.id : '' } });
    expect(shown.ok && 'base64' in shown.value && Buffer.from(shown.value.base64, 'base64').toString()).toContain(NAME);
    // A person's copy, at a place they chose outside the data folder, is in clear.
    const copy = join(outside, 'reporte.xlsx');
    await writeClearCopy(imported.reportPath!, copy, t.ctx.app.dataKey);
    expect(readFileSync(copy).subarray(0, 2).toString()).toBe('PK');
  });

  it('seals the plain files an earlier version left, at start, and readers accept them meanwhile', async () => {
    const t = await station();
    const plain = join(t.dir, 'actas', 'UIO-01-2025', 'UIO-01-2025-000001.pdf');
    const report = join(t.dir, 'reportes', 'reporte_viejo.xlsx');
    const sha = 'a'.repeat(64);
    const document = backupFilePath(t.dir, sha, 'pdf');
    for (const f of [plain, report, document]) {
      await mkdir(join(f, '..'), { recursive: true });
      writeFileSync(f, `%PDF-1.4 ${NAME}`);
    }
    const packaged = join(t.dir, 'paquetes', 'UIO-01_20250101-0000.recupera');
    await mkdir(join(packaged, '..'), { recursive: true });
    writeFileSync(packaged, 'not ours to seal');
    // A mail attachment not yet assigned, as an earlier version left it.
    runWrite(t.ctx.app.db, (tx) =>
      tx
        .prepare("INSERT INTO mail_messages (id, origin_station, sha256, file_name, status, attachments, created_at) VALUES ('correo-1', 'UIO-01', ?, 'c.eml', 'SIN_ASIGNAR', ?, '2025-01-01T00:00:00.000Z')")
        .run('c'.repeat(64), JSON.stringify([{ sha256: sha, name: 'r.pdf', mime: 'application/pdf', size: 10 }])),
    );
    // Before the step runs, a reader gets the plain file as it is.
    const shown = await call(t.ctx, backupsFile, { sha256: sha, of: { kind: 'correo', id: 'correo-1' } });
    // Its content is not that hash's: refused, never shown as if it were.
    expect(shown.ok).toBe(false);
    expect(!shown.ok && shown.error.message).toContain('está dañado o fue alterado');

    await recoverInBackground(t.ctx.app);
    for (const f of [plain, report, document]) {
      expect(await isSealed(f), f).toBe(true);
      expect((await readSealed(f, t.ctx.app.dataKey)).toString()).toBe(`%PDF-1.4 ${NAME}`);
    }
    expect(readFileSync(packaged, 'utf8')).toBe('not ours to seal');
    // Idempotent: a second start leaves the sealed files as they are.
    const before = readFileSync(plain);
    await recoverInBackground(t.ctx.app);
    expect(readFileSync(plain).equals(before)).toBe(true);
    expect(readdirSync(join(plain, '..'))).toEqual(['UIO-01-2025-000001.pdf']);
  });

  it('purges respaldo documents past retention, keeps their records, says so when one is opened, and audits it', async () => {
    const t = await station();
    const doc = join(t.dir, 'r.pdf');
    writeFileSync(doc, validPdf());
    const c = await card(t, '1700000003');
    t.ctx.session.user = coordinator;
    const b = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services[0]!.id], actaNumber: 'P-1', files: [pick(t.ctx.session, doc, 'r.pdf')] });
    if (!b.ok) throw new Error(b.error.message);
    const sha = b.value.files[0]!.sha256;
    const path = backupFilePath(t.dir, sha, 'pdf');
    // Registered before the deadline below (the clock of this test is fixed, the registration's is not).
    runWrite(t.ctx.app.db, (tx) => tx.prepare("UPDATE backups SET created_at = '2026-01-20T15:00:00.000Z' WHERE id = ?").run(b.value.id));
    t.ctx.session.user = admin;
    const settings = await call(t.ctx, settingsGet, {});
    if (!settings.ok) throw new Error(settings.error.message);
    expect(settings.value.documentRetentionDays).toBe(180);
    const saved = await call(t.ctx, settingsUpdate, { ...settings.value, deadline: '2026-01-31', documentRetentionDays: 30 });
    expect(saved.ok).toBe(true);

    // Under review: kept whatever the date.
    expect((await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: new Date('2027-06-01T12:00:00') })).documents).toBe(0);
    t.ctx.session.user = posventa;
    const { backupsReview } = await import('../../shared/contracts/backups');
    expect((await call(t.ctx, backupsReview, { id: b.value.id, decision: 'ACEPTAR' })).ok).toBe(true);

    // The last day kept is 02/03/2026 (31/01 + 30 days): on it nothing goes, the day after it does.
    expect((await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: new Date('2026-03-02T23:00:00') })).documents).toBe(0);
    expect(existsSync(path)).toBe(true);
    const r = await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: new Date('2026-03-03T08:00:00') });
    expect(r).toEqual({ lastDay: '2026-03-02', documents: 1, records: 1 });
    expect(existsSync(path)).toBe(false);
    // Once is enough.
    expect((await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: new Date('2026-03-04T08:00:00') })).documents).toBe(0);

    const row = t.ctx.app.db.prepare('SELECT file_name, sha256, purged_at FROM backup_files WHERE backup_id = ?').get(b.value.id) as { file_name: string; sha256: string; purged_at: string };
    expect(row).toMatchObject({ file_name: 'r.pdf', sha256: sha });
    expect(row.purged_at.slice(0, 10)).toBe('2026-03-03');
    const shown = await call(t.ctx, backupsFile, { sha256: sha, of: { kind: 'respaldo', id: b.value.id } });
    // The review screen says «Documento eliminado por la política de retención (03/03/2026)» instead of failing.
    expect(shown.ok && shown.value).toEqual({ purgedAt: row.purged_at });
    const audit = t.ctx.app.db.prepare("SELECT description, detail FROM audit_log WHERE action = 'DOCUMENTOS_PURGADOS'").all() as Array<{ description: string; detail: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.description).toContain('1 documento de respaldo');
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ documents: 1, records: 1, retentionDays: 30, deadline: '2026-01-31' });
    expect(statSync(t.dir).isDirectory()).toBe(true);
  });

  it('keeps a document registered after the deadline (a stale one too) for the retention days from its registration', async () => {
    const t = await station();
    const doc = join(t.dir, 'tarde.pdf');
    writeFileSync(doc, validPdf('tarde'));
    const c = await card(t, '1700000003');
    t.ctx.session.user = coordinator;
    const b = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services[0]!.id], actaNumber: 'P-2', files: [pick(t.ctx.session, doc, 'tarde.pdf')] });
    if (!b.ok) throw new Error(b.error.message);
    const path = backupFilePath(t.dir, b.value.files[0]!.sha256, 'pdf');
    t.ctx.session.user = posventa;
    const { backupsReview } = await import('../../shared/contracts/backups');
    expect((await call(t.ctx, backupsReview, { id: b.value.id, decision: 'ACEPTAR' })).ok).toBe(true);
    // The default deadline (31/03/2021) is long past: under it alone, this document would go at once.
    const registered = new Date();
    const days = campaignRetentionDays(t);
    const dayAfter = (n: number) => new Date(registered.getTime() + n * 86_400_000);
    expect((await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: dayAfter(1) })).documents).toBe(0);
    expect((await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: dayAfter(days - 1) })).documents).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect((await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: dayAfter(days + 2) })).documents).toBe(1);
    expect(existsSync(path)).toBe(false);
  });
});

function campaignRetentionDays(t: { ctx: { app: { db: Parameters<typeof campaignOf>[0] } } }): number {
  return campaignOf(t.ctx.app.db).documentRetentionDays;
}
