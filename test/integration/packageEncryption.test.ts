import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolidateJob, exportJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate, syncExport } from '../../shared/contracts/sync';
import { stationsTrustCentral } from '../../shared/contracts/stations';
import type { StationIdentity } from '../../shared/identity';
import { stationKeyLoader } from '../../electron/app/stationKey';
import { openEnvelope } from '../../electron/auth/envelope';
import { addEncryptionKey, createStationKey, keyFilePath, PLAIN_KEYS, readStationKey } from '../../electron/auth/keyFile';
import { centralStation, getLocalStationKey, upsertTrustedStation } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { sha256File } from '../../electron/files/hash';
import { call } from '../../electron/handlers/call';
import { checkIdentityText, signedIdentity } from '../../electron/stations/identityFile';
import { saveIdentity } from '../../electron/stations/stationDirectory';
import { PLAIN_PACKAGE_WARNING } from '../../electron/sync/receivedPackage';
import type { TestApp } from '../helpers/app';
import { consolidationSnapshot } from '../helpers/consolidationSnapshot';
import { coordinator, office, posventa, returnSerials, runJob } from '../helpers/offices';
import { linkStations } from '../helpers/trust';
import { pick } from '../helpers/files';

const exportNow = (t: TestApp) => runJob(t, exportJob, syncExport, { includeDocuments: false }, coordinator);
const consolidate = (t: TestApp, paths: string[]) => runJob(t, consolidateJob, syncConsolidate, { packages: paths.map((path) => pick(t.ctx.session, path)) }, posventa);

const open: TestApp[] = [];
const pc = async (code: string, name: string, central = false) => {
  const t = await office(code, name, undefined, { central });
  open.push(t);
  return t;
};
afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe('office packages encrypted to the central', () => {
  let a: TestApp;
  let p: TestApp;
  let pkg: string;

  beforeAll(async () => {
    a = await pc('UIO-01', 'CAC Iñaquito');
    p = await pc('PV-01', 'Posventa Nacional', true);
    await linkStations(p.ctx.app, [a.ctx.app]);
    await returnSerials(a, '0102030400', ['KA-9']);
    pkg = (await exportNow(a)).package;
  }, 120_000);

  it('writes an envelope addressed to the central that shows no personal data, and the central consolidates it', async () => {
    const raw = readFileSync(pkg);
    expect(raw.subarray(0, 14).toString('latin1')).toBe('RECUPERA-SOBRE');
    const header = JSON.parse(raw.subarray(17, 17 + raw.readUInt16BE(15)).toString('utf8')) as { recipient: { code: string; fingerprint: string } };
    expect(header.recipient.code).toBe('PV-01');
    // No name, identification, phone or serial anywhere in the file, and no zip to open either.
    for (const text of ['ANDRADE', 'Andrade', '0102030400', '0987654321', 'KA-9', 'manifest.json', 'datos.sqlite', 'entregas.xlsx']) {
      expect(raw.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    }
    const before = consolidationSnapshot(p.ctx.app.db);
    const r = await consolidate(p, [pkg]);
    expect(r.refused).toEqual([]);
    expect(r.outcomes[0]).toMatchObject({ status: 'read', reason: null, station: 'UIO-01' });
    expect(r.inserted.handovers).toBe(1);
    expect(consolidationSnapshot(p.ctx.app.db)).not.toEqual(before);
    // Recorded by the SHA-256 of the file as it arrived: the shared folder does not offer it again.
    const recorded = p.ctx.app.db.prepare('SELECT sha256 FROM sync_packages').pluck().all();
    expect(recorded).toContain(await sha256File(pkg));
  });

  it('refuses a package one byte changed, cut short or addressed to another central, and leaves the database as it was', async () => {
    const other = await pc('PV-02', 'Posventa Nacional', true);
    // Another central with the very code PV-01 but its own key (a reinstalled PC).
    const twin = await pc('PV-01', 'Posventa Nacional', true);
    runWrite(twin.ctx.app.db, (tx) => {
      const s = getLocalStationKey(a.ctx.app.db)!;
      upsertTrustedStation(tx, { id: s.id, code: s.code, office: s.office, regional: null, city: null, role: 'OFICINA', publicKey: s.public_key!, fingerprint: s.fingerprint! });
    });
    const bytes = readFileSync(pkg);
    const variant = (name: string, change: (b: Buffer) => Buffer) => {
      const path = join(a.dir, `${name}.recupera`);
      writeFileSync(path, change(Buffer.from(bytes)));
      return path;
    };
    const flip = (at: number) => (b: Buffer) => {
      b[at] = b[at]! ^ 0x01;
      return b;
    };
    const cases: Array<[TestApp, string, string]> = [
      [p, variant('cuerpo', flip(bytes.length - 40)), 'no se pudo abrir: está incompleto, se dañó en el camino o fue alterado'],
      // Inside the first block: the header's length varies with what it carries (it once reached byte 200).
      [p, variant('primer-bloque', flip(17 + bytes.readUInt16BE(15) + 60)), 'no se pudo abrir: está incompleto'],
      [p, variant('encabezado', flip(40)), 'cifrado'],
      [p, variant('ultima-etiqueta', flip(bytes.length - 1)), 'no se pudo abrir: está incompleto'],
      [p, variant('cortado', (b) => b.subarray(0, b.length - 100)), 'no se pudo abrir: está incompleto'],
      [p, variant('sin-bloques', (b) => b.subarray(0, 17 + b.readUInt16BE(15) + 40)), 'no se pudo abrir: está incompleto'],
      [p, variant('solo-encabezado', (b) => b.subarray(0, 30)), 'dañado'],
      [p, variant('alargado', (b) => Buffer.concat([b, Buffer.alloc(16)])), 'no se pudo abrir: está incompleto'],
    ];
    const copy = join(a.dir, 'copia.recupera');
    copyFileSync(pkg, copy);
    cases.push([other, copy, 'cifrado para la central PV-01, no para esta estación (PV-02)']);
    cases.push([twin, copy, 'cifrado para otra llave de la central PV-01']);
    for (const [central, path, reason] of cases) {
      const before = consolidationSnapshot(central.ctx.app.db);
      const packages = central.ctx.app.db.prepare('SELECT count(*) FROM sync_packages').pluck().get();
      const r = await consolidate(central, [path]);
      expect(r.outcomes[0], path).toMatchObject({ status: 'refused' });
      expect(r.outcomes[0]!.reason, path).toContain(reason);
      expect(consolidationSnapshot(central.ctx.app.db), path).toEqual(before);
      expect(central.ctx.app.db.prepare('SELECT count(*) FROM sync_packages').pluck().get(), path).toBe(packages);
    }
  }, 180_000);

  it('accepts a plain signed package from an office not yet upgraded, and says so', async () => {
    await returnSerials(a, '1712345675', ['HW-1']);
    const next = (await exportNow(a)).package;
    const plain = join(a.dir, 'sin-cifrar.recupera');
    await openEnvelope(next, plain, (await p.ctx.app.stationKey()).encryption!.privateKey);
    const r = await consolidate(p, [plain]);
    expect(r.outcomes[0]).toMatchObject({ status: 'read', reason: PLAIN_PACKAGE_WARNING });
    expect(r.inserted.handovers).toBe(1);
  }, 120_000);
});

describe('the central encryption key at an office', () => {
  it('refuses to export without the central or without its encryption key, in Spanish', async () => {
    const lone = await pc('LOJ-01', 'CAC Loja');
    await returnSerials(lone, '0102030400', ['KA-9']);
    await expect(exportNow(lone)).rejects.toThrow('aún no confía en la central de Posventa');
    const p = await pc('PV-09', 'Posventa Nacional', true);
    await linkStations(p.ctx.app, [lone.ctx.app]);
    runWrite(lone.ctx.app.db, (tx) => tx.prepare("UPDATE stations SET encryption_key = NULL WHERE code = 'PV-09'").run());
    await expect(exportNow(lone)).rejects.toThrow(
      'Esta estación aún no tiene la llave de cifrado de la central de Posventa. Confíe de nuevo en la central con su archivo de identidad actual.',
    );
  }, 120_000);

  it('comes in the identity file, covered by its signature; an older identity is trusted but leaves the office unable to export until the current one', async () => {
    const o = await pc('CUE-01', 'CAC Cuenca');
    const c = await pc('PV-03', 'Posventa Nacional', true);
    const cKey = await c.ctx.app.stationKey();
    const saved = await saveIdentity(c.ctx.app.db, cKey, { folder: c.dir });
    const current = JSON.parse(readFileSync(saved.path, 'utf8')) as StationIdentity;
    expect(current).toMatchObject({ version: 2, encryptionKey: cKey.encryption!.publicKey });
    expect(checkIdentityText(JSON.stringify(current), 'x.json').encryptionKey).toBe(cKey.encryption!.publicKey);
    // Another encryption key put in the file breaks its signature.
    const { encryptionKey: _, ...withoutKey } = current;
    const swapped = { ...current, encryptionKey: (await o.ctx.app.stationKey()).encryption!.publicKey };
    expect(() => checkIdentityText(JSON.stringify(swapped), 'x.json')).toThrow('firma no es válida');
    expect(() => checkIdentityText(JSON.stringify(withoutKey), 'x.json')).toThrow('llave de cifrado no es válida');
    // A version 1 file (from before encryption keys) verifies as it was signed; one with a key slipped in does not.
    const older = signedIdentity(getLocalStationKey(c.ctx.app.db)!, { ...cKey, encryption: null });
    expect(older.version).toBe(1);
    expect(checkIdentityText(JSON.stringify(older), 'v1.json').encryptionKey).toBeUndefined();
    expect(() => checkIdentityText(JSON.stringify({ ...older, encryptionKey: cKey.encryption!.publicKey }), 'v1.json')).toThrow('llave de cifrado');

    const v1 = join(o.dir, 'identidad_v1.json');
    writeFileSync(v1, JSON.stringify(older));
    o.ctx.session.user = posventa;
    const first = await call(o.ctx, stationsTrustCentral, { file: pick(o.ctx.session, v1) });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.status).toBe('CONFIADA');
    expect(first.value.message).toContain('no trae la llave de cifrado');
    expect(centralStation(o.ctx.app.db)).toMatchObject({ code: 'PV-03', encryption_key: null });
    await returnSerials(o, '0102030400', ['KA-9']);
    await expect(exportNow(o)).rejects.toThrow('aún no tiene la llave de cifrado');

    o.ctx.session.user = posventa;
    const again = await call(o.ctx, stationsTrustCentral, { file: pick(o.ctx.session, saved.path) });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.status).toBe('SIN_CAMBIOS');
    expect(again.value.message).toContain('se guardó su llave de cifrado');
    expect(centralStation(o.ctx.app.db)).toMatchObject({ code: 'PV-03', encryption_key: cKey.encryption!.publicKey });
    const exported = await exportNow(o);
    expect(readFileSync(exported.package).subarray(0, 14).toString('latin1')).toBe('RECUPERA-SOBRE');
  }, 120_000);
});

describe('the key file', () => {
  it('gives every new station an X25519 pair, and an older key file gets one on first use, its signing key untouched', async () => {
    const t = await pc('MAC-01', 'CAC Machala');
    const key = await t.ctx.app.stationKey();
    expect(key.encryption).not.toBeNull();
    expect(getLocalStationKey(t.ctx.app.db)!.encryption_key).toBe(key.encryption!.publicKey);

    // The file as a version before encryption keys wrote it.
    const path = keyFilePath(t.dbPath);
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    delete file.encryptionPublicKey;
    delete file.encryptionPrivateKey;
    writeFileSync(path, JSON.stringify(file));
    runWrite(t.ctx.app.db, (tx) => tx.prepare('UPDATE stations SET encryption_key = NULL WHERE is_local = 1').run());
    const old = readStationKey(t.dbPath, key.stationId, PLAIN_KEYS)!;
    expect(old.encryption).toBeNull();
    expect(old.publicKey).toBe(key.publicKey);

    const loaded = await stationKeyLoader({ db: t.ctx.app.db, dbPath: t.dbPath, protector: PLAIN_KEYS })();
    expect(loaded.publicKey).toBe(key.publicKey);
    expect(loaded.encryption).not.toBeNull();
    expect(getLocalStationKey(t.ctx.app.db)!.encryption_key).toBe(loaded.encryption!.publicKey);
    const reread = readStationKey(t.dbPath, key.stationId, PLAIN_KEYS)!;
    expect(reread.encryption!.publicKey).toBe(loaded.encryption!.publicKey);
    expect(await addEncryptionKey(t.dbPath, reread, PLAIN_KEYS)).toBe(reread);
    // The identity file written now carries it.
    const saved = await saveIdentity(t.ctx.app.db, loaded, { folder: t.dir });
    expect(JSON.parse(readFileSync(saved.path, 'utf8'))).toMatchObject({ version: 2, encryptionKey: loaded.encryption!.publicKey });
  });

  it('refuses a key file whose encryption key does not match its private half', async () => {
    const t = await pc('ESM-01', 'CAC Esmeraldas');
    const dbPath = join(t.dir, 'otra.sqlite');
    const created = await createStationKey(dbPath, 'st-x', PLAIN_KEYS);
    const path = keyFilePath(dbPath);
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...file, encryptionPublicKey: (await t.ctx.app.stationKey()).encryption!.publicKey }));
    expect(created.encryption).not.toBeNull();
    expect(() => readStationKey(dbPath, 'st-x', PLAIN_KEYS)).toThrow('dañado');
  });
});
