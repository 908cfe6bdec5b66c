import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsFile, backupsRegister, type BackupView } from '../../shared/contracts/backups';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { testApp, type TestApp } from '../helpers/app';
import { validPdf, validPng } from '../helpers/documents';
import { pick } from '../helpers/files';
import { clerk, posventa } from '../helpers/offices';

/**
 * A document is stored once per SHA-256, so the same scan attached to two customers' respaldos is
 * one file. Opening it names the respaldo on screen and its customer, never the first respaldo
 * that holds those bytes; a document asked for with a respaldo that does not hold it is refused.
 */

let t: TestApp;
const SHARED = validPdf('la misma carta escaneada');

beforeEach(async () => {
  t = await testApp();
  await loadBaseRows(t.ctx.app.db, [
    { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', businessLine: 'Internet', equipmentType: 'MODEM', serial: 'HW-1' },
    { identification: '0912345675', name: 'ZAMBRANO VERA ANA', serviceNumber: '2002', businessLine: 'TV', equipmentType: 'DECO', serial: 'KA-1' },
  ], 'UIO-INAQUITO-01');
});
afterEach(async () => {
  await t.close();
});

async function card(identification: string): Promise<CustomerCard> {
  const r = await call(t.ctx, searchQuery, { text: identification, limit: 1 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.results[0]!;
}

async function respaldo(identification: string, files: Array<[string, Buffer]>): Promise<BackupView> {
  t.ctx.session.user = clerk;
  const c = await card(identification);
  const chosen = files.map(([name, bytes]) => {
    const path = join(t.dir, `${identification}-${name}`);
    writeFileSync(path, bytes);
    return pick(t.ctx.session, path, name);
  });
  const r = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services[0]!.id], files: chosen });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const opened = () =>
  t.ctx.app.db.prepare("SELECT username, customer_id, target_id, description, detail FROM audit_log WHERE action = 'DOCUMENTO_ABIERTO' ORDER BY seq").all() as Array<{
    username: string;
    customer_id: string | null;
    target_id: string;
    description: string;
    detail: string;
  }>;

describe('opening a respaldo document shared by two respaldos', () => {
  it('audits the customer of the respaldo opened, each time', async () => {
    const juan = await respaldo('1712345675', [['carta juan.pdf', SHARED]]);
    const ana = await respaldo('0912345675', [['carta ana.pdf', SHARED]]);
    const sha = juan.files[0]!.sha256;
    expect(ana.files[0]!.sha256).toBe(sha);

    t.ctx.session.user = posventa;
    // Ana's respaldo was registered second: the first holder of the bytes is Juan's.
    const anaDoc = await call(t.ctx, backupsFile, { sha256: sha, of: { kind: 'respaldo', id: ana.id } });
    expect(anaDoc.ok && 'base64' in anaDoc.value && Buffer.from(anaDoc.value.base64, 'base64').equals(SHARED)).toBe(true);
    const juanDoc = await call(t.ctx, backupsFile, { sha256: sha, of: { kind: 'respaldo', id: juan.id } });
    expect(juanDoc.ok).toBe(true);

    const entries = opened();
    expect(entries.map((e) => [e.description, e.customer_id, e.target_id, JSON.parse(e.detail)])).toEqual([
      ['Abrió el documento «carta ana.pdf» del respaldo de ZAMBRANO VERA ANA', ana.customerId, sha, { backupId: ana.id, name: 'carta ana.pdf' }],
      ['Abrió el documento «carta juan.pdf» del respaldo de PÉREZ LÓPEZ JUAN', juan.customerId, sha, { backupId: juan.id, name: 'carta juan.pdf' }],
    ]);
    expect(entries.every((e) => e.username === posventa.username)).toBe(true);
  });

  it('refuses a document asked for with a respaldo that does not hold it, reading and recording nothing', async () => {
    const juan = await respaldo('1712345675', [['carta.pdf', SHARED], ['cedula.png', validPng()]]);
    const ana = await respaldo('0912345675', [['carta.pdf', SHARED]]);
    const juansOwn = juan.files.find((f) => f.name === 'cedula.png')!.sha256;

    t.ctx.session.user = posventa;
    const refused = await call(t.ctx, backupsFile, { sha256: juansOwn, of: { kind: 'respaldo', id: ana.id } });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Ese documento no está adjunto al respaldo que se abrió: no se muestra. Vuelva a abrir el respaldo y elija uno de sus documentos.' } });
    const unknown = await call(t.ctx, backupsFile, { sha256: juansOwn, of: { kind: 'respaldo', id: 'no-existe' } });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'refused' } });
    // Nor as an acta's or a message's document: it is neither.
    for (const kind of ['acta', 'correo'] as const) {
      expect(await call(t.ctx, backupsFile, { sha256: juansOwn, of: { kind, id: juan.id } })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    // Without a holder the call is not valid at all.
    expect(await call(t.ctx, backupsFile, { sha256: juansOwn } as never)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(opened()).toEqual([]);

    expect((await call(t.ctx, backupsFile, { sha256: juansOwn, of: { kind: 'respaldo', id: juan.id } })).ok).toBe(true);
    expect(opened().map((e) => e.description)).toEqual(['Abrió el documento «cedula.png» del respaldo de PÉREZ LÓPEZ JUAN']);
  });
});
