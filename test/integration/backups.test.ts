import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsFile, backupsQueue, backupsRegister, backupsReview } from '../../shared/contracts/backups';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, testApp, type TestApp } from '../helpers/app';
import { validPdf, validPng } from '../helpers/documents';
import { pick } from '../helpers/files';

let t: TestApp;
const clerk = { id: 'clerk-1', username: 'asesor', fullName: 'Asesor Uno', role: 'ASESOR' as const };
const posventa = { ...admin, role: 'POSVENTA' as const, fullName: 'Analista Posventa' };

const PDF = validPdf();
const PNG = validPng();

beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = clerk;
  await loadBaseRows(t.ctx.app.db, [
    { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', businessLine: 'Internet', equipmentType: 'MODEM', serial: 'HW-1' },
    { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '2002', businessLine: 'TV', equipmentType: 'DECO', serial: 'KA-1' },
  ], 'UIO-INAQUITO-01');
});
afterEach(async () => {
  await t.close();
});

async function card(): Promise<CustomerCard> {
  const r = await call(t.ctx, searchQuery, { text: '1712345675', limit: 1 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.results[0]!;
}
const file = (name: string, bytes: Buffer) => {
  const p = join(t.dir, name);
  writeFileSync(p, bytes);
  return pick(t.ctx.session, p, name);
};
const status = (c: CustomerCard, sn: string) => c.services.find((s) => s.serviceNumber === sn)!;

describe('backups (respaldos)', () => {
  it('stores documents under their content hash once, checks the type by content, and puts the services in review', async () => {
    const c = await card();
    const svc = status(c, '1001').id;
    const r = await call(t.ctx, backupsRegister, {
      customerId: c.id,
      serviceIds: [svc],
      actaNumber: 'acta-123',
      actaDate: '2020-06-01',
      office: 'CAC Norte',
      files: [file('acta.pdf', PDF), file('foto.png', PNG), file('copia-acta.pdf', PDF)],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ status: 'EN_REVISION', actaNumber: 'ACTA-123', services: [{ serviceNumber: '1001' }] });
    // The same PDF under a second name is one document of the respaldo, stored once.
    expect(r.value.files.map((f) => [f.name, f.mime])).toEqual([
      ['acta.pdf', 'application/pdf'],
      ['foto.png', 'image/png'],
    ]);
    const stored = readdirSync(join(t.dir, 'respaldos'), { recursive: true }).filter((f) => String(f).match(/\.(pdf|png)$/));
    expect(stored).toHaveLength(2);
    expect(status(await card(), '1001').status).toBe('RESPALDO_EN_REVISION');
    expect(status(await card(), '2002').status).toBe('PENDIENTE');
    const doc = await call(t.ctx, backupsFile, { sha256: r.value.files[0]!.sha256, of: { kind: 'respaldo', id: r.value.id } });
    expect(doc.ok && 'base64' in doc.value && Buffer.from(doc.value.base64, 'base64').equals(PDF)).toBe(true);
  });

  it('refuses a file whose name lies about its type, an empty one and one over the size cap, storing nothing', async () => {
    const c = await card();
    const base = { customerId: c.id, serviceIds: [status(c, '1001').id] };
    const lie = await call(t.ctx, backupsRegister, { ...base, files: [file('acta.pdf', Buffer.from('MZ\x90\x00 ejecutable disfrazado'))] });
    expect(lie).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('no es un PDF, JPG ni PNG') } });
    // Chosen by a person: the refusal says nothing was kept and what to do.
    expect(lie).toMatchObject({ error: { message: expect.stringMatching(/\. No se guardó nada: quite ese archivo y adjunte el documento escaneado como PDF, JPG o PNG\.$/) } });
    const empty = await call(t.ctx, backupsRegister, { ...base, files: [file('vacio.pdf', Buffer.alloc(0))] });
    expect(empty).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const big = await call(t.ctx, backupsRegister, { ...base, files: [file('grande.pdf', Buffer.concat([PDF, Buffer.alloc(16 * 1024 * 1024)]))] });
    expect(big).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('máximo') } });
    expect(status(await card(), '1001').status).toBe('PENDIENTE');
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM backups').pluck().get()).toBe(0);
  });

  it('Posventa accepts (regularised) or rejects with a reason (owed again, reason on the card); clerks cannot review', async () => {
    const c = await card();
    const a = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [status(c, '1001').id], files: [file('a.pdf', PDF)] });
    const b = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [status(c, '2002').id], files: [file('b.png', PNG)] });
    if (!a.ok || !b.ok) throw new Error('register failed');
    expect(await call(t.ctx, backupsReview, { id: a.value.id, decision: 'ACEPTAR' })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    t.ctx.session.user = posventa;
    const queue = await call(t.ctx, backupsQueue, {});
    expect(queue.ok && queue.value.map((q) => q.id)).toEqual([a.value.id, b.value.id]);
    expect(await call(t.ctx, backupsReview, { id: b.value.id, decision: 'RECHAZAR' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    await call(t.ctx, backupsReview, { id: a.value.id, decision: 'ACEPTAR' });
    await call(t.ctx, backupsReview, { id: b.value.id, decision: 'RECHAZAR', reason: 'El acta presentada es de otro cliente' });
    const now = await card();
    expect(status(now, '1001').status).toBe('REGULARIZADO');
    expect(status(now, '2002')).toMatchObject({ status: 'RESPALDO_RECHAZADO', statusReason: 'El acta presentada es de otro cliente' });
    expect(await call(t.ctx, backupsReview, { id: a.value.id, decision: 'RECHAZAR', reason: 'cambio de opinión' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const empty = await call(t.ctx, backupsQueue, {});
    expect(empty.ok && empty.value).toEqual([]);
  });

  it('refuses a respaldo for a regularised service: rejected later, it would make the service owe again', async () => {
    const c = await card();
    const a = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [status(c, '1001').id], files: [file('a.pdf', PDF)] });
    if (!a.ok) throw new Error(a.error.message);
    t.ctx.session.user = posventa;
    await call(t.ctx, backupsReview, { id: a.value.id, decision: 'ACEPTAR' });
    t.ctx.session.user = clerk;
    const again = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [status(c, '2002').id, status(c, '1001').id], files: [file('b.png', PNG)] });
    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: 'El servicio 1001 ya está regularizado por un respaldo aceptado: no necesita otro. Desmárquelo y registre el respaldo solo para los servicios que aún deben.' },
    });
    // Nothing of it was kept: not its document, and the service that still owes is untouched, the settled one stays settled.
    expect(readdirSync(join(t.dir, 'respaldos'), { recursive: true }).filter((f) => String(f).endsWith('.png'))).toEqual([]);
    const now = await card();
    expect(status(now, '1001').status).toBe('REGULARIZADO');
    expect(status(now, '2002').status).toBe('PENDIENTE');
    t.ctx.session.user = posventa;
    const queue = await call(t.ctx, backupsQueue, {});
    expect(queue.ok && queue.value).toEqual([]);
  });
});
