import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { legacyActaContent } from '../../shared/acta/canonical';
import { handoversGet, handoversVerify, handoversVoid } from '../../shared/contracts/handovers';
import { importStart } from '../../shared/contracts/importBase';
import { consolidateJob, exportJob, importHandoversJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate, syncExport } from '../../shared/contracts/sync';
import { generateStationKeys, fingerprintOf } from '../../electron/auth/stationKeys';
import { handoverIdByNumber, SEAL_SQL } from '../../electron/db/actas';
import { getLocalStationKey, recordKeyEvent, upsertTrustedStation } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { contentHash, recordSeal, verificationCode } from '../../electron/handovers/verification';
import type { AppServices } from '../../electron/app/services';
import type { TestApp } from '../helpers/app';
import { coordinator, office, posventa, returnSerials, runJob } from '../helpers/offices';
import { linkStations } from '../helpers/trust';
import { d, writeWorkbook } from '../helpers/workbooks';
import { pick } from '../helpers/files';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function pc(code: string, name: string, central = false): Promise<TestApp> {
  const t = await office(code, name, undefined, { central });
  open.push(t);
  return t;
}

async function verify(t: TestApp, text: string) {
  const r = await call(t.ctx, handoversVerify, { text });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function qrOf(t: TestApp, id: string): Promise<string> {
  const r = await call(t.ctx, handoversGet, { id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.qrText;
}

const sql = (t: TestApp, text: string, ...params: unknown[]) => runWrite(t.ctx.app.db, (tx) => tx.prepare(text).run(...params));

/** Gives `to` the public identity of `from`'s station, as an office holding that identity file would. */
async function holdIdentity(to: TestApp, from: AppServices): Promise<void> {
  const key = await from.stationKey();
  const s = getLocalStationKey(from.db)!;
  runWrite(to.ctx.app.db, (tx) => {
    upsertTrustedStation(tx, { id: s.id, code: s.code, office: s.office, regional: s.regional, city: s.city, role: s.role, publicKey: key.publicKey, fingerprint: key.fingerprint });
    recordKeyEvent(tx, { stationId: s.id, stationCode: s.code, event: 'RECIBIDA', publicKey: key.publicKey, fingerprint: key.fingerprint });
  });
}

/** Rewrites an acta's item rows in the reverse of their stored order, as a copy elsewhere may hold them. */
function reverseItems(t: TestApp, handoverId: string): void {
  runWrite(t.ctx.app.db, (tx) => {
    tx.prepare('CREATE TEMP TABLE moved AS SELECT * FROM handover_items WHERE handover_id = ?').run(handoverId);
    tx.prepare('DELETE FROM handover_items WHERE handover_id = ?').run(handoverId);
    tx.prepare('INSERT INTO handover_items SELECT * FROM moved ORDER BY rowid DESC').run();
    tx.prepare('DROP TABLE temp.moved').run();
  });
}

const itemOrder = (t: TestApp, id: string) => t.ctx.app.db.prepare('SELECT serial FROM handover_items WHERE handover_id = ? ORDER BY rowid').pluck().all(id);

describe('verification lookups', () => {
  it('find an acta by number, original number or code, and a station’s keys, through indexes', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const plan = (sql: string) => {
      const st = a.ctx.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = st.all(...Array<string>(sql.split('?').length - 1).fill('x')) as Array<{ detail: string }>;
      return rows.map((r) => r.detail).join(' | ');
    };
    expect(plan(SEAL_SQL.byNumberOfStation)).not.toMatch(/SCAN handovers/);
    expect(plan(SEAL_SQL.byNumber)).toMatch(/INDEX handovers_number.*INDEX handovers_original_number/);
    expect(plan(SEAL_SQL.byCode)).toMatch(/INDEX handovers_code/);
    expect(plan(SEAL_SQL.keysOfStation)).toMatch(/INDEX station_key_events_station/);
  });
});

describe('acta verification at the issuing station', () => {
  it('tells authentic, voided, altered, mismatched and unknown apart, by QR and by typed code', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const acta = await returnSerials(a, '1712345675', ['HW-1', 'PS-1', 'KA-1']);
    const qr = await qrOf(a, acta.id);
    const key = await a.ctx.app.stationKey();
    expect(qr).toMatch(new RegExp(`^RECUPERA\\|2\\|${acta.number}\\|[A-Za-z0-9_-]{43}\\|[A-Za-z0-9_-]{86}$`));
    expect(await verify(a, qr)).toMatchObject({
      verdict: 'AUTENTICA',
      outcome: 'genuine',
      number: acta.number,
      station: 'UIO-01',
      signedBy: key.fingerprint,
      recordKnown: true,
      acta: { id: acta.id, number: acta.number, holderName: 'PÉREZ LÓPEZ JUAN CARLOS', voidReason: null },
    });
    const code = a.ctx.app.db.prepare('SELECT verification_code FROM handovers WHERE id = ?').pluck().get(acta.id) as string;
    expect(await verify(a, `${acta.number} ${code.slice(0, 4)}-${code.slice(4)}`)).toMatchObject({ verdict: 'AUTENTICA', signedBy: key.fingerprint });
    expect((await verify(a, code)).verdict).toBe('AUTENTICA');
    expect((await verify(a, acta.number)).verdict).toBe('AUTENTICA');

    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    expect(await verify(a, `${acta.number} ${wrong}`)).toMatchObject({ verdict: 'NO_CORRESPONDE', outcome: 'code_mismatch', recordKnown: true });
    expect(await verify(a, 'UIO-01-2020-999999 ABCD-EFGH')).toMatchObject({ verdict: 'DESCONOCIDA', recordKnown: false });
    expect((await verify(a, 'ZZZZ-ZZZZ')).verdict).toBe('DESCONOCIDA');

    // The QR's signature or hash changed on the paper.
    const parts = qr.split('|');
    const flip = (s: string) => (s[5] === 'A' ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);
    expect((await verify(a, [...parts.slice(0, 4), flip(parts[4]!)].join('|'))).verdict).toBe('ALTERADA');
    expect((await verify(a, [...parts.slice(0, 3), flip(parts[3]!), parts[4]].join('|'))).verdict).toBe('ALTERADA');
    expect((await verify(a, `${parts.slice(0, 4).join('|')}|abc`)).verdict).toBe('DESCONOCIDA');

    // The record edited in the database after printing: the QR and the typed code both say so.
    sql(a, "UPDATE handover_items SET serial = 'HW-2' WHERE handover_id = ? AND serial = 'HW-1'", acta.id);
    expect(await verify(a, qr)).toMatchObject({ verdict: 'ALTERADA', outcome: 'altered', signedBy: key.fingerprint });
    expect((await verify(a, `${acta.number} ${code}`)).verdict).toBe('ALTERADA');
    sql(a, "UPDATE handover_items SET serial = 'HW-1' WHERE handover_id = ? AND serial = 'HW-2'", acta.id);
    // A stored signature that is not the station's: the record was tampered with.
    const forged = generateStationKeys();
    const { createPrivateKey, sign } = await import('node:crypto');
    const fake = sign(null, Buffer.from('x'), createPrivateKey({ key: forged.privateKey, format: 'der', type: 'pkcs8' })).toString('base64');
    const stored = a.ctx.app.db.prepare('SELECT signature FROM handovers WHERE id = ?').pluck().get(acta.id) as string;
    sql(a, 'UPDATE handovers SET signature = ? WHERE id = ?', fake, acta.id);
    expect((await verify(a, acta.number)).verdict).toBe('ALTERADA');
    sql(a, 'UPDATE handovers SET signature = ? WHERE id = ?', stored, acta.id);
    expect((await verify(a, qr)).verdict).toBe('AUTENTICA');

    a.ctx.session.user = coordinator;
    expect((await call(a.ctx, handoversVoid, { id: acta.id, reason: 'Prueba de anulación' })).ok).toBe(true);
    expect(await verify(a, qr)).toMatchObject({ verdict: 'ANULADA', outcome: 'voided', message: expect.stringContaining('ANULADA'), acta: { voidReason: 'Prueba de anulación' } });
  });
});

describe('acta verification across stations', () => {
  it('verifies an office’s acta at the central with its items in another order, and at an office that holds only the station’s identity', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const b = await pc('GYE-01', 'CAC Centro');
    const c = await pc('CUE-01', 'CAC Cuenca');
    const p = await pc('PV-01', 'Posventa Nacional', true);
    await linkStations(p.ctx.app, [a.ctx.app, b.ctx.app, c.ctx.app]);
    const acta = await returnSerials(a, '1712345675', ['HW-1', 'PS-1', 'KA-1']);
    const qr = await qrOf(a, acta.id);
    const aKey = await a.ctx.app.stationKey();

    const pkg = await runJob(a, exportJob, syncExport, { includeDocuments: false }, coordinator);
    await runJob(p, consolidateJob, syncConsolidate, { packages: [pick(p.ctx.session, pkg.package)] }, posventa);
    const atCentral = handoverIdByNumber(p.ctx.app.db, acta.number)!;
    expect(atCentral).toBe(acta.id);
    // Consolidation may already store the items in another order; if it did not, the copy is reordered here.
    if (JSON.stringify(itemOrder(p, atCentral)) === JSON.stringify(itemOrder(a, acta.id))) reverseItems(p, atCentral);
    expect(itemOrder(p, atCentral)).not.toEqual(itemOrder(a, acta.id));
    expect(await verify(p, qr)).toMatchObject({ verdict: 'AUTENTICA', signedBy: aKey.fingerprint, recordKnown: true });
    const code = a.ctx.app.db.prepare('SELECT verification_code FROM handovers WHERE id = ?').pluck().get(acta.id) as string;
    // The signature travelled with the record: the typed code is checked against it too.
    expect(await verify(p, `${acta.number} ${code}`)).toMatchObject({ verdict: 'AUTENTICA', signedBy: aKey.fingerprint });

    // B has no record of A's acta, only A's identity (as a national update brings it).
    await holdIdentity(b, a.ctx.app);
    expect(await verify(b, qr)).toMatchObject({ verdict: 'AUTENTICA', outcome: 'genuine', acta: null, recordKnown: false, station: 'UIO-01', signedBy: aKey.fingerprint });
    expect((await verify(b, qr)).message).toContain('no tiene el registro');
    // The typed code needs the record: B cannot tell.
    expect(await verify(b, `${acta.number} ${code}`)).toMatchObject({ verdict: 'DESCONOCIDA', recordKnown: false });
    // A forged QR is refused at B too.
    const parts = qr.split('|');
    const other = await returnSerials(a, '0102030400', ['KA-9']);
    const otherParts = (await qrOf(a, other.id)).split('|');
    expect((await verify(b, [parts[0], parts[1], parts[2], otherParts[3], parts[4]].join('|'))).verdict).toBe('ALTERADA');

    // C knows neither the station nor the acta.
    expect(await verify(c, qr)).toMatchObject({ verdict: 'DESCONOCIDA', outcome: 'not_found', recordKnown: false, signedBy: null });
    expect((await verify(c, qr)).message).toContain('actualización nacional');
  });

  it('keeps verifying an acta after a conflict resolution renumbers it, and after its station is enrolled with a new key', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const b = await pc('GYE-01', 'CAC Centro');
    const acta = await returnSerials(a, '1712345675', ['HW-1']);
    const qr = await qrOf(a, acta.id);
    const code = a.ctx.app.db.prepare('SELECT verification_code FROM handovers WHERE id = ?').pluck().get(acta.id) as string;
    sql(a, "UPDATE handovers SET original_number = acta_number, acta_number = 'UIO-01-2026-900001' WHERE id = ?", acta.id);
    expect(await verify(a, qr)).toMatchObject({ verdict: 'AUTENTICA', acta: { number: 'UIO-01-2026-900001' } });
    expect((await verify(a, qr)).message).toContain('UIO-01-2026-900001');
    expect((await verify(a, `${acta.number} ${code}`)).verdict).toBe('AUTENTICA');
    // The re-enrolled station's acta signed with its earlier key still verifies where the change was recorded.
    await holdIdentity(b, a.ctx.app);
    const s = getLocalStationKey(a.ctx.app.db)!;
    const next = generateStationKeys();
    runWrite(b.ctx.app.db, (tx) => {
      upsertTrustedStation(tx, { id: s.id, code: s.code, office: s.office, regional: s.regional, city: s.city, role: s.role, publicKey: next.publicKey, fingerprint: fingerprintOf(next.publicKey) });
      recordKeyEvent(tx, { stationId: s.id, stationCode: s.code, event: 'REEMPLAZADA', publicKey: next.publicKey, fingerprint: fingerprintOf(next.publicKey) });
    });
    expect(await verify(b, qr)).toMatchObject({ verdict: 'AUTENTICA', signedBy: s.fingerprint });
    expect((await verify(b, qr)).message).toContain('clave anterior');
  });

  it('accepts an acta sealed before signatures in any order of its items, and notices when it was changed', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const acta = await returnSerials(a, '1712345675', ['HW-1', 'PS-1', 'KA-1']);
    const rec = recordSeal(a.ctx.app.db, acta.id)!;
    // The old content hashed the items in the order they were stored; this copy holds them reversed.
    const oldHash = contentHash(legacyActaContent({ ...rec.sealed, items: [...rec.sealed.items].reverse() }));
    sql(a, 'UPDATE handovers SET signature = NULL, content_hash = ?, verification_code = ? WHERE id = ?', oldHash, verificationCode(oldHash), acta.id);
    const qr = await qrOf(a, acta.id);
    expect(qr).toBe(`RECUPERA|${acta.number}|${verificationCode(oldHash)}`);
    expect(await verify(a, qr)).toMatchObject({ verdict: 'AUTENTICA', signedBy: null });
    sql(a, "UPDATE handovers SET holder_name = 'OTRO' WHERE id = ?", acta.id);
    expect((await verify(a, qr)).verdict).toBe('ALTERADA');
  });

  it('seals historical actas loaded from an office list with the station’s signature', async () => {
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const file = join(a.dir, 'entregas.xlsx');
    await writeWorkbook(file, [
      {
        name: 'Entregas',
        rows: [
          ['Cédula', 'Nro. Servicio', 'Serie', 'Fecha entrega', 'Oficina', 'Nro. Acta'],
          ['1712345675', '1001', null, d(2021, 3, 2), 'CAC Iñaquito', 'A-100'],
        ],
      },
    ]);
    await runJob(a, importHandoversJob, importStart, { file: pick(a.ctx.session, file), mode: 'commit', kind: 'ENTREGAS' }, coordinator);
    const id = handoverIdByNumber(a.ctx.app.db, 'A-100')!;
    const key = await a.ctx.app.stationKey();
    const qr = await qrOf(a, id);
    // A paper number does not name its station: the QR adds it.
    expect(qr).toMatch(/^RECUPERA\|2\|A-100\|[^|]+\|[^|]+\|UIO-01$/);
    expect(await verify(a, qr)).toMatchObject({ verdict: 'AUTENTICA', signedBy: key.fingerprint });
    expect(await verify(a, 'A-100')).toMatchObject({ verdict: 'AUTENTICA', signedBy: key.fingerprint });
  });
});

describe('CLI verificar', () => {
  it('prints the verdict as JSON', async () => {
    const { runCli } = await import('../../electron/cli/main');
    const a = await pc('UIO-01', 'CAC Iñaquito');
    const acta = await returnSerials(a, '1712345675', ['HW-1']);
    const qr = await qrOf(a, acta.id);
    const key = await a.ctx.app.stationKey();
    const lines: string[] = [];
    const errors: string[] = [];
    expect(await runCli(['verificar', qr, '--db', a.dbPath, '--json'], (s) => lines.push(s), (s) => errors.push(s))).toBe(0);
    expect(errors).toEqual([]);
    expect(JSON.parse(lines[0]!)).toEqual({
      verdict: 'AUTENTICA',
      message: expect.stringContaining(acta.number),
      acta: expect.objectContaining({ id: acta.id, number: acta.number, station: 'UIO-01' }),
      number: acta.number,
      station: 'UIO-01',
      signedBy: key.fingerprint,
      recordKnown: true,
    });
    lines.length = 0;
    expect(await runCli(['verificar', 'UIO-01-2020-000009', 'ABCD-EFGH', '--db', a.dbPath], (s) => lines.push(s), (s) => errors.push(s))).toBe(0);
    expect(lines[0]).toMatch(/^DESCONOCIDA: /);
    expect(await runCli(['verificar', '--db', a.dbPath], () => undefined, (s) => errors.push(s))).toBe(64);
  });
});
