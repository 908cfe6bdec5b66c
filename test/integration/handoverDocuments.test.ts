import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsFile } from '../../shared/contracts/backups';
import { handoversAttachDocuments, handoversSave } from '../../shared/contracts/handovers';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { call } from '../../electron/handlers/call';
import { backupFilePath } from '../../electron/backups/fileStore';
import { purgeExpiredDocuments } from '../../electron/backups/retention';
import { isSealed } from '../../electron/files/sealedFile';
import { runWrite } from '../../electron/db/writeSession';
import { renderActaHtml } from '../../shared/acta/template';
import { admin, type TestApp } from '../helpers/app';
import { validJpeg, validPdf } from '../helpers/documents';
import { chooseFile } from '../helpers/files';
import { card, clerk, office } from '../helpers/offices';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function desk(): Promise<TestApp> {
  const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
  open.push(t);
  return t;
}

const chosen = chooseFile;

async function terceroInput(t: TestApp) {
  const c = await card(t, '1712345675');
  const s = c.services.find((x) => x.serviceNumber === '1001')!;
  const i = s.items.find((x) => x.serial === 'HW-1')!;
  return {
    customerId: c.id,
    deliveredBy: 'TERCERO' as const,
    thirdParty: { identification: '0102030400', name: 'Ana Andrade', documentsReceived: true },
    items: [{ expectedItemId: i.id, serviceId: s.id, type: 'MODEM', serial: 'HW-1', condition: 'BUENO' as const, accessories: [] }],
  };
}

const auditOf = (t: TestApp, action: string) =>
  t.ctx.app.db.prepare('SELECT description, detail FROM audit_log WHERE action = ? ORDER BY rowid').all(action) as Array<{ description: string; detail: string }>;

describe('tercero documents of an acta', () => {
  it('stores the letter and the holder ID sealed with the acta, lists them on it, opens them, and names them in the acta entry', async () => {
    const t = await desk();
    const letter = validPdf('carta');
    const r = await call(t.ctx, handoversSave, {
      ...(await terceroInput(t)),
      documents: [
        { ...chosen(t, 'carta.pdf', letter), kind: 'AUTORIZACION' },
        { ...chosen(t, 'cedula.jpg', validJpeg()), kind: 'IDENTIFICACION_TITULAR' },
      ],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.documents.map((d) => [d.kind, d.name, d.mime, d.createdBy])).toEqual([
      ['AUTORIZACION', 'carta.pdf', 'application/pdf', clerk.fullName],
      ['IDENTIFICACION_TITULAR', 'cedula.jpg', 'image/jpeg', clerk.fullName],
    ]);
    const sha = r.value.documents[0]!.sha256;
    const path = backupFilePath(t.dir, sha, 'pdf');
    expect(existsSync(path)).toBe(true);
    expect(await isSealed(path)).toBe(true);
    const opened = await call(t.ctx, backupsFile, { sha256: sha, of: { kind: 'acta', id: r.value.id } });
    expect(opened.ok && 'base64' in opened.value && Buffer.from(opened.value.base64, 'base64').equals(letter)).toBe(true);
    expect(renderActaHtml(r.value, { qrSvg: '', reprint: false })).toContain(
      'Copia digital archivada: Carta de autorización («carta.pdf»), Copia de la cédula del titular («cedula.jpg»)',
    );
    const entry = auditOf(t, 'ACTA_GUARDADA')[0]!;
    expect(JSON.parse(entry.detail).documents).toEqual([
      { kind: 'AUTORIZACION', name: 'carta.pdf', sha256: sha },
      { kind: 'IDENTIFICACION_TITULAR', name: 'cedula.jpg', sha256: r.value.documents[1]!.sha256 },
    ]);
    expect(auditOf(t, 'DOCUMENTO_ABIERTO').at(-1)!.description).toBe(`Abrió el documento «carta.pdf» del tercero en el acta ${r.value.number} de PÉREZ LÓPEZ JUAN CARLOS`);
  });

  it('refuses a file that is not a real document, and then saves nothing (no acta number is used)', async () => {
    const t = await desk();
    const r = await call(t.ctx, handoversSave, { ...(await terceroInput(t)), documents: [{ ...chosen(t, 'carta.pdf', Buffer.from('no soy un pdf')), kind: 'AUTORIZACION' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('«carta.pdf»');
    expect(t.ctx.app.db.prepare('SELECT COUNT(*) FROM handovers').pluck().get()).toBe(0);
  });

  it('saves an acta marked with documents but none attached, and attaches them later with its own audit entry', async () => {
    const t = await desk();
    const saved = await call(t.ctx, handoversSave, await terceroInput(t));
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.documents).toEqual([]);
    const later = await call(t.ctx, handoversAttachDocuments, { id: saved.value.id, documents: [{ ...chosen(t, 'carta-escaneada.pdf', validPdf('x')), kind: 'AUTORIZACION' }] });
    if (!later.ok) throw new Error(later.error.message);
    expect(later.value.documents.map((d) => d.name)).toEqual(['carta-escaneada.pdf']);
    expect(auditOf(t, 'ACTA_DOCUMENTOS_ADJUNTOS')[0]!.description).toBe(
      `Adjuntó 1 documento del tercero al acta ${saved.value.number} de PÉREZ LÓPEZ JUAN CARLOS: Carta de autorización «carta-escaneada.pdf»`,
    );
  });

  it('refuses documents for an acta the holder delivered', async () => {
    const t = await desk();
    const input = await terceroInput(t);
    const refused = await call(t.ctx, handoversSave, { ...input, deliveredBy: 'TITULAR', thirdParty: undefined, documents: [{ ...chosen(t, 'c.pdf', validPdf()), kind: 'AUTORIZACION' }] });
    expect(refused.ok).toBe(false);
    const saved = await call(t.ctx, handoversSave, { ...input, deliveredBy: 'TITULAR', thirdParty: undefined });
    if (!saved.ok) throw new Error(saved.error.message);
    const later = await call(t.ctx, handoversAttachDocuments, { id: saved.value.id, documents: [{ ...chosen(t, 'c.pdf', validPdf()), kind: 'AUTORIZACION' }] });
    expect(!later.ok && later.error.message).toContain('la entregó el titular');
  });

  it('purges their files after retention: the rows stay with purged_at, the viewer says so', async () => {
    const t = await desk();
    const saved = await call(t.ctx, handoversSave, { ...(await terceroInput(t)), documents: [{ ...chosen(t, 'carta.pdf', validPdf('r')), kind: 'AUTORIZACION' }] });
    if (!saved.ok) throw new Error(saved.error.message);
    const sha = saved.value.documents[0]!.sha256;
    runWrite(t.ctx.app.db, (tx) => tx.prepare("UPDATE handover_documents SET created_at = '2026-01-20T15:00:00.000Z'").run());
    t.ctx.session.user = admin;
    const settings = await call(t.ctx, settingsGet, {});
    if (!settings.ok) throw new Error(settings.error.message);
    expect((await call(t.ctx, settingsUpdate, { ...settings.value, deadline: '2026-01-31', documentRetentionDays: 30 })).ok).toBe(true);

    expect((await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: new Date('2026-03-02T23:00:00') })).documents).toBe(0);
    const r = await purgeExpiredDocuments({ db: t.ctx.app.db, dataDir: t.dir, now: new Date('2026-03-03T08:00:00') });
    expect(r).toMatchObject({ documents: 1, records: 1 });
    expect(existsSync(backupFilePath(t.dir, sha, 'pdf'))).toBe(false);
    const row = t.ctx.app.db.prepare('SELECT file_name, purged_at FROM handover_documents').get() as { file_name: string; purged_at: string };
    expect(row.file_name).toBe('carta.pdf');
    expect(row.purged_at.slice(0, 10)).toBe('2026-03-03');
    const shown = await call(t.ctx, backupsFile, { sha256: sha, of: { kind: 'acta', id: saved.value.id } });
    expect(shown.ok && shown.value).toEqual({ purgedAt: row.purged_at });
  });
});
