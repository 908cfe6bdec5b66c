import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsCheckDocument } from '../../shared/contracts/backups';
import { handoversSave } from '../../shared/contracts/handovers';
import { call } from '../../electron/handlers/call';
import { MAX_BACKUP_BYTES } from '../../electron/backups/fileStore';
import type { TestApp } from '../helpers/app';
import { validJpeg, validPdf, validPng, windowsExe } from '../helpers/documents';
import { chooseFile } from '../helpers/files';
import { card, office } from '../helpers/offices';

// A document chosen for a respaldo or a tercero's acta is checked when it is chosen
// (backups:checkDocument), so the clerk is told beside the chooser; the save checks it again.

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


const ADVICE = 'Elija otro archivo: el documento escaneado como PDF, JPG o PNG.';
const rows = (t: TestApp, table: string) => t.ctx.app.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();

describe('a chosen document is checked when it is chosen', () => {
  it('accepts a good PDF, JPG and PNG by their content, and keeps and records nothing', async () => {
    const t = await desk();
    const audited = rows(t, 'audit_log');
    const pdf = validPdf('carta');
    for (const [name, bytes, mime] of [
      ['carta.pdf', pdf, 'application/pdf'],
      ['cedula.jpg', validJpeg(), 'image/jpeg'],
      // Named by the person, typed by content: a PNG saved as .jpg is still a good PNG.
      ['cedula-foto.jpg', validPng(), 'image/png'],
    ] as const) {
      const r = await call(t.ctx, backupsCheckDocument, { file: chosen(t, name, bytes) });
      expect(r).toEqual({ ok: true, value: { mime, size: bytes.length } });
    }
    expect(existsSync(join(t.dir, 'respaldos'))).toBe(false);
    expect(rows(t, 'audit_log')).toBe(audited);
  });

  it('refuses a hostile or damaged file in Spanish, naming it and asking for another', async () => {
    const t = await desk();
    const pdf = validPdf('carta');
    const header = Buffer.from('%PDF-1.4\n');
    const cases: Array<[string, Buffer, string]> = [
      // A program right after a valid PDF header (the rest of the PDF intact, startxref still inside).
      ['carta.pdf', Buffer.concat([header, windowsExe(), Buffer.from('\n'), pdf.subarray(header.length)]), 'El archivo «carta.pdf» contiene un programa (ejecutable de Windows) escondido dentro; no es un documento.'],
      ['carta.pdf', pdf.subarray(0, pdf.length - 20), 'El archivo «carta.pdf» dice ser un PDF pero no tiene la estructura de uno (no termina con %%EOF: está incompleto o tiene algo agregado al final).'],
      ['cedula.pdf', windowsExe(), 'El archivo «cedula.pdf» no es un PDF, JPG ni PNG (se revisa su contenido, no su nombre).'],
      ['cedula.jpg', validJpeg().subarray(0, 30), 'El archivo «cedula.jpg» dice ser una imagen JPG pero está dañado o incompleto.'],
      ['vacio.pdf', Buffer.alloc(0), 'El archivo «vacio.pdf» está vacío.'],
      ['grande.pdf', Buffer.concat([pdf, Buffer.alloc(MAX_BACKUP_BYTES + 1024 * 1024)]), 'El archivo «grande.pdf» pesa 16,0 MB; el máximo es 15 MB.'],
      ['justo.pdf', Buffer.concat([pdf, Buffer.alloc(MAX_BACKUP_BYTES + 1 - pdf.length)]), 'El archivo «justo.pdf» pesa 15,01 MB; el máximo es 15 MB.'],
    ];
    for (const [name, bytes, problem] of cases) {
      const r = await call(t.ctx, backupsCheckDocument, { file: chosen(t, name, bytes) });
      expect(r).toEqual({ ok: false, error: { kind: 'validation', message: `${problem} ${ADVICE}` } });
    }
    expect(existsSync(join(t.dir, 'respaldos'))).toBe(false);
  });

  it('takes only a token this session was given, and only from someone signed in', async () => {
    const t = await desk();
    const other = await desk();
    const theirs = chosen(other, 'carta.pdf', validPdf());
    expect(await call(t.ctx, backupsCheckDocument, { file: theirs })).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: 'El archivo elegido ya no está disponible. Elíjalo de nuevo.' },
    });
    const mine = chosen(t, 'carta.pdf', validPdf());
    t.ctx.session.user = null;
    expect(await call(t.ctx, backupsCheckDocument, { file: mine })).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('still refuses at save a file that passed when chosen and was changed afterwards', async () => {
    const t = await desk();
    const file = chosen(t, 'carta.pdf', validPdf('carta'));
    expect(await call(t.ctx, backupsCheckDocument, { file })).toMatchObject({ ok: true });
    writeFileSync(join(t.dir, 'carta.pdf'), windowsExe());
    const c = await card(t, '1712345675');
    const s = c.services.find((x) => x.serviceNumber === '1001')!;
    const i = s.items.find((x) => x.serial === 'HW-1')!;
    const r = await call(t.ctx, handoversSave, {
      customerId: c.id,
      deliveredBy: 'TERCERO',
      thirdParty: { identification: '0102030400', name: 'Ana Andrade', documentsReceived: true },
      items: [{ expectedItemId: i.id, serviceId: s.id, type: 'MODEM', serial: 'HW-1', condition: 'BUENO', accessories: [] }],
      documents: [{ ...file, kind: 'AUTORIZACION' }],
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/^El archivo «carta\.pdf» no es un PDF, JPG ni PNG.* No se guardó nada: /) } });
    expect(rows(t, 'handovers')).toBe(0);
  });
});
