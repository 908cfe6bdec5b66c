import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailAssign, mailParseSubject, mailUnassigned } from '../../shared/contracts/mail';
import { searchQuery } from '../../shared/contracts/customers';
import { runCli } from '../../electron/cli/main';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, testApp, type TestApp } from '../helpers/app';
import { validJpeg, validPdf } from '../helpers/documents';
import { eml, importFolder } from '../helpers/hostile/mail';

let t: TestApp;
let inbox: string;
const PDF = validPdf('acta');
const JPG = validJpeg();

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
    const r = await importFolder(t.ctx, inbox);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ messages: 3, imported: 3, duplicates: 0, assigned: 1, refused: [] });
    expect(r.value.unassigned).toEqual([
      { file: '02.eml', subject: 'Entrega de equipos', reason: expect.stringContaining('formato') },
      {
        file: '03.eml',
        subject: '0102030400//PEREZ LOPEZ JUAN//TELEVISION',
        reason: 'El correo no trae adjuntos PDF, JPG o PNG que sirvan. El archivo «virus.pdf» no es un PDF, JPG ni PNG (se revisa su contenido, no su nombre).',
      },
    ]);
    expect(await statusOf('1001')).toBe('RESPALDO_EN_REVISION');
    expect(await statusOf('2002')).toBe('PENDIENTE');
    // The note Posventa reads beside the documents gives the day as every date is shown.
    expect(t.ctx.app.db.prepare('SELECT note FROM backups').pluck().get()).toBe(
      'Correo de "Juan Pérez" <juan@example.com> del 23/03/2021: 102030400 // Pérez López Juan // Internet Fijo',
    );
    const again = await importFolder(t.ctx, inbox);
    expect(again.ok && again.value).toMatchObject({ imported: 0, duplicates: 3, assigned: 0, unassigned: [] });
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM backups').pluck().get()).toBe(1);
  });

  it('lets a person assign an unmatched message by hand', async () => {
    await importFolder(t.ctx, inbox);
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

  it('names the line when the subject’s line owes nothing, and the lines the customer still owes', async () => {
    expect((await importFolder(t.ctx, inbox)).ok).toBe(true);
    // 01.eml put the Internet service under review; the TV service still owes.
    const r = await call(t.ctx, mailParseSubject, { subject: '0102030400//PEREZ LOPEZ JUAN//INTERNET FIJO' });
    expect(r.ok && r.value).toMatchObject({
      ok: false,
      reason: 'Los servicios de Internet Fijo de este cliente ya están entregados, regularizados o con un respaldo en revisión. Todavía debe equipos de Televisión: si el respaldo es de esos servicios, asígnelo a mano.',
    });
  });

  it('has a CLI twin with a JSON summary', async () => {
    const out: string[] = [];
    expect(await runCli(['importar-correos', inbox, '--db', t.dbPath, '--json'], (s) => out.push(s), () => undefined)).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ messages: 3, imported: 3, assigned: 1 });
  });
});
