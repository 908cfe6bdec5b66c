import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailAssign, mailImport, mailParseSubject, mailUnassigned } from '../../shared/contracts/mail';
import { searchQuery } from '../../shared/contracts/customers';
import { runCli } from '../../electron/cli/main';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, testApp, type TestApp } from '../helpers/app';

let t: TestApp;
let inbox: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40, 7)]);

/** A real MIME message: multipart, base64 attachment, quoted-printable body, encoded-word subject. */
function eml(o: { id: string; subject: string; encodedSubject?: boolean; attachments: Array<{ name: string; type: string; bytes: Buffer }> }): string {
  const subject = o.encodedSubject ? `=?UTF-8?B?${Buffer.from(o.subject, 'utf8').toString('base64')}?=` : o.subject;
  const parts = o.attachments
    .map(
      (a) => `--LIMITE\r\nContent-Type: ${a.type}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${a.bytes.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`,
    )
    .join('');
  return [
    'From: "Juan Pérez" <juan@example.com>',
    'To: posventagec2@cnt.gob.ec',
    `Subject: ${subject}`,
    'Date: Tue, 23 Mar 2021 10:15:00 -0500',
    `Message-ID: <${o.id}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="LIMITE"',
    '',
    '--LIMITE',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Adjunto el acta de entrega-recepci=C3=B3n de los equipos.',
    parts + '--LIMITE--',
    '',
  ].join('\r\n');
}

beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = { ...admin, role: 'POSVENTA' };
  await loadBaseRows(t.ctx.app.db, [
    { identification: '0102030400', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', businessLine: 'Internet', equipmentType: 'MODEM', serial: 'HW-1' },
    { identification: '0102030400', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '2002', businessLine: 'TV', equipmentType: 'DECO', serial: 'KA-1' },
  ], 'UIO-INAQUITO-01');
  inbox = join(t.dir, 'bandeja');
  mkdirSync(inbox);
  writeFileSync(join(inbox, '01.eml'), eml({ id: 'a1', subject: '102030400 // Pérez López Juan // Internet Fijo', encodedSubject: true, attachments: [{ name: 'acta.pdf', type: 'application/pdf', bytes: PDF }] }));
  writeFileSync(join(inbox, '02.eml'), eml({ id: 'a2', subject: 'Entrega de equipos', attachments: [{ name: 'foto.jpg', type: 'image/jpeg', bytes: JPG }] }));
  writeFileSync(join(inbox, '03.eml'), eml({ id: 'a3', subject: '0102030400//PEREZ LOPEZ JUAN//TELEVISION', attachments: [{ name: 'virus.pdf', type: 'application/pdf', bytes: Buffer.from('MZ not a pdf') }] }));
});
afterEach(async () => {
  await t.close();
});

const statusOf = async (sn: string) => {
  const r = await call(t.ctx, searchQuery, { text: '0102030400', limit: 1 });
  return r.ok ? r.value.results[0]!.services.find((s) => s.serviceNumber === sn)!.status : null;
};

describe('mailbox (bandeja de correos)', () => {
  it('imports .eml messages: matched ones become backups in review, the rest wait with the reason; twice changes nothing', async () => {
    const r = await call(t.ctx, mailImport, { folder: inbox });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ messages: 3, imported: 3, duplicates: 0, assigned: 1 });
    expect(r.value.unassigned).toEqual([
      { file: '02.eml', subject: 'Entrega de equipos', reason: expect.stringContaining('formato') },
      { file: '03.eml', subject: '0102030400//PEREZ LOPEZ JUAN//TELEVISION', reason: expect.stringContaining('no trae adjuntos PDF, JPG o PNG') },
    ]);
    expect(await statusOf('1001')).toBe('RESPALDO_EN_REVISION');
    expect(await statusOf('2002')).toBe('PENDIENTE');
    const again = await call(t.ctx, mailImport, { folder: inbox });
    expect(again.ok && again.value).toMatchObject({ imported: 0, duplicates: 3, assigned: 0, unassigned: [] });
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM backups').pluck().get()).toBe(1);
  });

  it('lets a person assign an unmatched message by hand', async () => {
    await call(t.ctx, mailImport, { folder: inbox });
    const waiting = await call(t.ctx, mailUnassigned, {});
    if (!waiting.ok) throw new Error(waiting.error.message);
    const photo = waiting.value.find((m) => m.fileName === '02.eml')!;
    expect(photo.attachments).toEqual([expect.objectContaining({ name: 'foto.jpg', mime: 'image/jpeg' })]);
    const card = await call(t.ctx, searchQuery, { text: '0102030400', limit: 1 });
    const c = card.ok ? card.value.results[0]! : null;
    const tv = c!.services.find((s) => s.serviceNumber === '2002')!.id;
    const a = await call(t.ctx, mailAssign, { messageId: photo.id, customerId: c!.id, serviceIds: [tv] });
    expect(a.ok).toBe(true);
    expect(await statusOf('2002')).toBe('RESPALDO_EN_REVISION');
    const twice = await call(t.ctx, mailAssign, { messageId: photo.id, customerId: c!.id, serviceIds: [tv] });
    expect(twice).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('finds the customer and service from a subject typed in the review screen', async () => {
    const r = await call(t.ctx, mailParseSubject, { subject: '102030400 / perez lopez juan / tv' });
    expect(r.ok && r.value).toMatchObject({ ok: true, identification: '0102030400', customerName: 'PÉREZ LÓPEZ JUAN', serviceIds: [expect.any(String)] });
    const wrongName = await call(t.ctx, mailParseSubject, { subject: '0102030400//ANDRADE VERA ANA//TV' });
    expect(wrongName.ok && wrongName.value).toMatchObject({ ok: false, reason: expect.stringContaining('no coincide') });
    const unknown = await call(t.ctx, mailParseSubject, { subject: '1712345675//X Y//TV' });
    expect(unknown.ok && unknown.value).toMatchObject({ ok: false, reason: expect.stringContaining('No hay ningún cliente') });
  });

  it('has a CLI twin with a JSON summary', async () => {
    const out: string[] = [];
    expect(await runCli(['importar-correos', inbox, '--db', t.dbPath, '--json'], (s) => out.push(s), () => undefined)).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ messages: 3, imported: 3, assigned: 1 });
  });
});
