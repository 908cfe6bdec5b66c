import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailUnassigned } from '../../shared/contracts/mail';
import { FIELD_LIMITS } from '../../shared/fieldLimits';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, testApp, type TestApp } from '../helpers/app';
import { validPdf, validPng, windowsExe } from '../helpers/documents';
import { eml, importFolder, manyPartsEml, writeBigEml, writeEml } from '../helpers/hostile/mail';

let t: TestApp;
let inbox: string;
const SUBJECT = '0102030400//PEREZ LOPEZ JUAN//INTERNET';
const good = (id: string, text = id) => eml({ id, subject: SUBJECT, attachments: [{ name: 'acta.pdf', type: 'application/pdf', bytes: validPdf(text) }] });

const count = (table: string) => t.ctx.app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const archived = () => (existsSync(join(t.dir, 'respaldos')) ? readdirSync(join(t.dir, 'respaldos'), { recursive: true }).filter((f) => String(f).includes('.')).length : 0);
const work = () => (existsSync(join(t.dir, 'trabajo')) ? readdirSync(join(t.dir, 'trabajo')) : []);

beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = { ...admin, role: 'POSVENTA' };
  await loadBaseRows(t.ctx.app.db, [{ identification: '0102030400', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', businessLine: 'Internet', equipmentType: 'MODEM', serial: 'HW-1' }], 'UIO-INAQUITO-01');
  inbox = join(t.dir, 'bandeja');
  mkdirSync(inbox);
});
afterEach(async () => {
  await t.close();
});

describe('hostile mailbox: each message stands alone', () => {
  it('refuses a message of 10,000 parts with a Spanish reason, and imports the message after it', async () => {
    writeEml(inbox, '01-partes.eml', manyPartsEml('p1', SUBJECT, 10_000));
    writeEml(inbox, '02-bueno.eml', good('g1'));
    const started = Date.now();
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ messages: 2, imported: 1, assigned: 1, refused: [{ file: '01-partes.eml', reason: expect.stringMatching(/partes o más; el máximo es 100/) }] });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(count('mail_messages')).toBe(1);
    expect(work()).toEqual([]);
  });

  it('keeps a 300-character attachment name out of every path: cut to the limit with its extension, and the next message goes in', async () => {
    const long = `${'ACTA-'.repeat(60)}.pdf`;
    writeEml(inbox, '01-nombre.eml', eml({ id: 'n1', subject: 'Entrega de equipos', attachments: [{ name: long, type: 'application/pdf', bytes: validPdf('largo') }] }));
    writeEml(inbox, '02-ruta.eml', eml({ id: 'n2', subject: 'Otra entrega', attachments: [{ name: '..\\..\\x/\u001b[2Jfactura\u202Efdp.pdf', type: 'application/pdf', bytes: validPdf('ruta') }] }));
    writeEml(inbox, '03-bueno.eml', good('g2'));
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ messages: 3, imported: 3, assigned: 1, refused: [] });
    const waiting = await call(t.ctx, mailUnassigned, {});
    if (!waiting.ok) throw new Error(waiting.error.message);
    const names = waiting.value.flatMap((m) => m.attachments.map((a) => a.name));
    const cut = names.find((n) => n.startsWith('ACTA-'))!;
    expect(cut.length).toBeLessThanOrEqual(FIELD_LIMITS.fileName);
    expect(cut.endsWith('.pdf')).toBe(true);
    const odd = names.find((n) => n.includes('factura'))!;
    // eslint-disable-next-line no-control-regex
    expect(odd).not.toMatch(/[\\/\u0000-\u001f\u202e]/);
    expect(readdirSync(t.dir)).not.toContain('x');
    expect(work()).toEqual([]);
  });

  it('reads a subject and sender saved as raw Windows-1252 bytes: the accented name still matches its customer', async () => {
    const latin = eml({ id: 'w1', subject: '0102030400//PÉREZ LÓPEZ JUAN//INTERNET', attachments: [{ name: 'acta.pdf', type: 'application/pdf', bytes: validPdf('ansi') }] });
    // Every character of this message is in Windows-1252: «É» is the single byte 0xC9, not valid UTF-8.
    writeFileSync(join(inbox, '01-ansi.eml'), Buffer.from(latin, 'latin1'));
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ messages: 1, imported: 1, assigned: 1, refused: [] });
    const kept = t.ctx.app.db.prepare('SELECT subject, sender FROM mail_messages').get() as { subject: string; sender: string };
    expect(kept).toEqual({ subject: '0102030400//PÉREZ LÓPEZ JUAN//INTERNET', sender: expect.stringContaining('Juan Pérez') });
  });

  it('keeps a picture sent as «acta.pdf» under the extension of what it is, so a saved copy opens', async () => {
    writeEml(inbox, '01-foto.eml', eml({ id: 'f1', subject: 'Entrega', attachments: [{ name: 'acta.pdf', type: 'application/pdf', bytes: validPng() }, { name: 'escaneo', type: 'image/png', bytes: validPng(2) }] }));
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    const waiting = await call(t.ctx, mailUnassigned, {});
    if (!waiting.ok) throw new Error(waiting.error.message);
    expect(waiting.value.flatMap((m) => m.attachments.map((a) => [a.name, a.mime]))).toEqual([['acta.png', 'image/png'], ['escaneo.png', 'image/png']]);
  });

  it('refuses a file that is no message (a picture renamed .eml) with its reason, and imports the message after it', async () => {
    writeFileSync(join(inbox, '01-foto.eml'), validPng());
    writeEml(inbox, '02-bueno.eml', good('g3'));
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      messages: 2,
      imported: 1,
      refused: [{ file: '01-foto.eml', reason: 'El archivo no es un correo (.eml): no empieza con los encabezados de un mensaje. No se leyó.' }],
    });
    expect(count('mail_messages')).toBe(1);
  });

  it('refuses a message over the size limit without reading it, and skips an attachment over 15 MB inside an allowed message', async () => {
    writeBigEml(join(inbox, '01-enorme.eml'), 'b1', SUBJECT, 40 * 1024 * 1024);
    writeBigEml(join(inbox, '02-adjunto-grande.eml'), 'b2', SUBJECT, 22 * 1024 * 1024);
    writeEml(inbox, '03-bueno.eml', good('g3'));
    expect(statSync(join(inbox, '01-enorme.eml')).size).toBeGreaterThan(25 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.refused).toEqual([{ file: '01-enorme.eml', reason: expect.stringMatching(/el máximo es 25\.0 MB.*No se leyó/) }]);
    expect(r.value.unassigned).toEqual([{ file: '02-adjunto-grande.eml', subject: SUBJECT, reason: expect.stringMatching(/«grande\.pdf» pesa 16,\d MB; el máximo es 15 MB/) }]);
    expect(r.value.assigned).toBe(1);
    // The job runs in a worker thread: the main process never held the messages.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect(archived()).toBe(1);
    expect(work()).toEqual([]);
  });

  it('does not take a "PDF" that carries a program: the message waits, naming the attachment and why', async () => {
    const forged = Buffer.concat([Buffer.from('%PDF-1.4\n'), windowsExe(), Buffer.from('\n'), validPdf('x').subarray(9)]);
    writeEml(inbox, '01-programa.eml', eml({ id: 'x1', subject: SUBJECT, attachments: [{ name: 'acta.pdf', type: 'application/pdf', bytes: forged }] }));
    writeEml(inbox, '02-magia.eml', eml({ id: 'x2', subject: SUBJECT, attachments: [{ name: 'otra.pdf', type: 'application/pdf', bytes: Buffer.concat([Buffer.from('%PDF-'), windowsExe()]) }] }));
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.assigned).toBe(0);
    expect(r.value.unassigned.map((u) => u.reason)).toEqual([
      expect.stringMatching(/«acta\.pdf» contiene un programa \(ejecutable de Windows\)/),
      expect.stringMatching(/«otra\.pdf» dice ser un PDF pero no tiene la estructura de uno/),
    ]);
    expect(count('backups')).toBe(0);
    expect(archived()).toBe(0);
  });

  it('reports a storage failure for each message and leaves nothing behind', async () => {
    // The archive folder cannot be created: every store fails, none aborts the import.
    writeFileSync(join(t.dir, 'respaldos'), 'no es una carpeta');
    writeEml(inbox, '01.eml', good('s1'));
    writeEml(inbox, '02.eml', good('s2'));
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value, JSON.stringify(r.value)).toMatchObject({ messages: 2, imported: 0 });
    expect(r.value.refused.map((x) => x.file)).toEqual(['01.eml', '02.eml']);
    for (const x of r.value.refused) expect(x.reason).not.toMatch(/ENOTDIR|EEXIST|Error:/);
    expect(count('mail_messages')).toBe(0);
    expect(work()).toEqual([]);
    rmSync(join(t.dir, 'respaldos'));
  });

  it('never lets an escape sequence in a subject reach the terminal through the CLI', () => {
    writeEml(inbox, '01.eml', eml({ id: 'e1', subject: 'Entrega\u001b[2J\u001b[31m roja\u001b]0;titulo\u0007 fin', attachments: [{ name: 'a\u001b[2J.pdf', type: 'application/pdf', bytes: validPdf('esc') }] }));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'importar-correos', inbox, '--db', t.dbPath], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Entrega roja fin/);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).not.toContain('[2J');
  });
});
