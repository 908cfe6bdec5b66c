import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generatedDirs } from '../../electron/app/services';
import { fingerprintOf, generateStationKeys } from '../../electron/auth/stationKeys';
import { stationKeyFrom } from '../../electron/auth/keyFile';
import { centralStation, getLocalStationKey, trustedKeyOf } from '../../electron/db/stations';
import { call } from '../../electron/handlers/call';
import { MAX_IDENTITY_BYTES, readIdentityFile, signedIdentity } from '../../electron/stations/identityFile';
import type { InputOf } from '../../shared/contracts/contract';
import {
  stationsEnrol,
  stationsIdentity,
  stationsList,
  stationsReadIdentityFile,
  stationsSaveIdentity,
  stationsTrustCentral,
} from '../../shared/contracts/stations';
import { identityPayload, type StationIdentity } from '../../shared/identity';
import { admin, testApp, type TestApp } from '../helpers/app';
import { clerk, coordinator, posventa } from '../helpers/offices';
import { pick } from '../helpers/files';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function station(code: string, office: string, central = false): Promise<TestApp> {
  const t = await testApp({ station: { code, office }, central });
  t.ctx.session.user = admin;
  open.push(t);
  return t;
}

/** The station's identity file, written through the contract into its own folder. */
async function identityFile(t: TestApp): Promise<string> {
  const r = await call(t.ctx, stationsSaveIdentity, { path: join(t.dir, 'mi-identidad.json') });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.path;
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const events = async (t: TestApp) => (await ok(call(t.ctx, stationsList, {}))).events;

describe('identity files', () => {
  it('writes the station identity signed by its own key, whole, to a path or into the data folder to offer a copy', async () => {
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const key = await a.ctx.app.stationKey();
    const saved = await ok(call(a.ctx, stationsSaveIdentity, { path: join(a.dir, 'id.json') }));
    expect(saved).toMatchObject({ code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', role: 'OFICINA', fingerprint: key.fingerprint, path: join(a.dir, 'id.json'), fileName: 'id.json' });
    const read = await readIdentityFile(saved.path);
    expect(read).toMatchObject({ format: 'recupera-identidad', code: 'UIO-INAQUITO-01', role: 'OFICINA', publicKey: key.publicKey, fingerprint: key.fingerprint, stationId: key.stationId });

    // A folder as the path gets the usual name inside it.
    mkdirSync(join(a.dir, 'usb'));
    expect((await ok(call(a.ctx, stationsSaveIdentity, { path: join(a.dir, 'usb') }))).path).toBe(join(a.dir, 'usb', 'identidad_UIO-INAQUITO-01.json'));

    const offered = await ok(call(a.ctx, stationsSaveIdentity, {}));
    expect(offered.fileName).toBe('identidad_UIO-INAQUITO-01.json');
    expect(generatedDirs(a.ctx.app).some((d) => offered.path.startsWith(d))).toBe(true);
    expect(existsSync(offered.path)).toBe(true);
  });

  it('refuses, with the reason, a file that is too big, not JSON, not an identity, of another version, incomplete, altered or not signed by its key', async () => {
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const good = JSON.parse(readFileSync(await identityFile(a), 'utf8')) as StationIdentity;
    const write = (name: string, content: string) => {
      const p = join(a.dir, name);
      writeFileSync(p, content);
      return p;
    };
    const refusal = (p: string) => readIdentityFile(p).then(() => 'accepted', (e: Error & { kind?: string }) => `${e.kind}: ${e.message}`);
    const other = generateStationKeys();

    expect(await refusal(write('big.json', ' '.repeat(MAX_IDENTITY_BYTES + 1)))).toBe('refused: El archivo «big.json» es demasiado grande para ser un archivo de identidad de Recupera.');
    expect(await refusal(write('x.json', 'PK\u0003\u0004'))).toContain('no es un archivo de identidad de Recupera (no se puede leer su contenido)');
    expect(await refusal(write('pkg.json', JSON.stringify({ format: 'recupera-paquete' })))).toBe('refused: El archivo «pkg.json» no es un archivo de identidad de Recupera.');
    expect(await refusal(write('v3.json', JSON.stringify({ ...good, version: 3 })))).toContain('es de una versión de Recupera que esta no reconoce');
    expect(await refusal(write('half.json', JSON.stringify({ ...good, publicKey: undefined })))).toContain('está incompleto o dañado (campo «publicKey»)');
    expect(await refusal(write('code.json', JSON.stringify({ ...good, code: 'uio inaquito' })))).toContain('tiene un código de estación no válido');
    // The office renamed after signing: the signature no longer covers what the file says.
    expect(await refusal(write('renamed.json', JSON.stringify({ ...good, office: 'Otra oficina' })))).toBe(
      'refused: El archivo «renamed.json» fue alterado o está dañado: su firma no es válida. No lo use; pida a la estación un archivo nuevo.',
    );
    // Another key slipped in with the old fingerprint, then with its own: neither passes.
    expect(await refusal(write('swap1.json', JSON.stringify({ ...good, publicKey: other.publicKey })))).toContain('su huella no corresponde a su clave pública');
    expect(await refusal(write('swap2.json', JSON.stringify({ ...good, publicKey: other.publicKey, fingerprint: fingerprintOf(other.publicKey) })))).toContain('su firma no es válida');
    expect(await refusal(write('sig.json', JSON.stringify({ ...good, signature: 'AAAA' })))).toContain('su firma no es válida');
    expect(await refusal(join(a.dir, 'no-existe.json'))).toMatch(/^not_found: No se encontró el archivo/);
    expect(await refusal(a.dir)).toContain('es una carpeta');

    // A byte-order mark (a file resaved on Windows) is not a reason to refuse.
    expect((await readIdentityFile(write('bom.json', `\uFEFF${JSON.stringify(good)}`))).code).toBe('UIO-INAQUITO-01');
  });
  it('names a refused file as the person chose it, not as the browser-mode upload was kept', async () => {
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    // Browser mode keeps an upload under a generated name (cargas/p<pid>-<id>-<name>); the screen must show the chosen one.
    const kept = join(a.dir, 'p1234-0190aaaa-bbbb-cccc-garbage.json');
    writeFileSync(kept, '{"hola": 1}');
    for (const contract of [stationsReadIdentityFile, stationsTrustCentral]) {
      const r = await call(a.ctx, contract, { file: pick(a.ctx.session, kept, 'central.json') });
      expect(r.ok ? 'accepted' : r.error.message).toBe('El archivo «central.json» no es un archivo de identidad de Recupera.');
    }
  });
});

describe('an office trusts the central', () => {
  it('records the first trust, says the same key again changes nothing, and replaces the central only with a motivo', async () => {
    const p = await station('PV-01', 'Posventa', true);
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const pFile = await identityFile(p);
    const pKey = await p.ctx.app.stationKey();

    expect(await ok(call(a.ctx, stationsIdentity, {}))).toMatchObject({ local: { code: 'UIO-INAQUITO-01', role: 'OFICINA', keyProblem: null }, central: null });
    expect(await ok(call(a.ctx, stationsReadIdentityFile, { file: pick(a.ctx.session, pFile) }))).toMatchObject({ code: 'PV-01', role: 'CENTRAL', fingerprint: pKey.fingerprint, action: 'NUEVA', previous: null });
    // The preview trusts nothing.
    expect(centralStation(a.ctx.app.db)).toBeNull();

    const first = await ok(call(a.ctx, stationsTrustCentral, { file: pick(a.ctx.session, pFile), fingerprint: pKey.fingerprint }));
    expect(first).toMatchObject({ status: 'CONFIADA', code: 'PV-01', fingerprint: pKey.fingerprint, previousFingerprint: null });
    expect(centralStation(a.ctx.app.db)).toMatchObject({ code: 'PV-01', public_key: pKey.publicKey });
    expect(await ok(call(a.ctx, stationsIdentity, {}))).toMatchObject({ central: { code: 'PV-01', office: 'Posventa', fingerprint: pKey.fingerprint } });

    const again = await ok(call(a.ctx, stationsTrustCentral, { file: pick(a.ctx.session, pFile) }));
    expect(again.status).toBe('SIN_CAMBIOS');
    expect(again.message).toContain('no se cambió nada');
    expect(await ok(call(a.ctx, stationsReadIdentityFile, { file: pick(a.ctx.session, pFile) }))).toMatchObject({ action: 'SIN_CAMBIOS', previous: null });

    // Posventa reinstalled: a new central key under the same code.
    const p2 = await station('PV-01', 'Posventa', true);
    const p2File = await identityFile(p2);
    const p2Key = await p2.ctx.app.stationKey();
    expect(await ok(call(a.ctx, stationsReadIdentityFile, { file: pick(a.ctx.session, p2File) }))).toMatchObject({ action: 'REEMPLAZO', previous: { code: 'PV-01', fingerprint: pKey.fingerprint } });
    const refused = await call(a.ctx, stationsTrustCentral, { file: pick(a.ctx.session, p2File) });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(!refused.ok && refused.error.message).toContain(`huella ${pKey.fingerprint}`);
    expect(trustedKeyOf(a.ctx.app.db, 'PV-01')).toBe(pKey.publicKey);

    const replaced = await ok(call(a.ctx, stationsTrustCentral, { file: pick(a.ctx.session, p2File), reason: 'Posventa cambió de computadora' }));
    expect(replaced).toMatchObject({ status: 'REEMPLAZADA', fingerprint: p2Key.fingerprint, previousFingerprint: pKey.fingerprint });
    expect(trustedKeyOf(a.ctx.app.db, 'PV-01')).toBe(p2Key.publicKey);

    // A central under another code replaces the trust too, and the old one is no longer trusted.
    const p3 = await station('PV-NACIONAL', 'Posventa Nacional', true);
    const p3Key = await p3.ctx.app.stationKey();
    await ok(call(a.ctx, stationsTrustCentral, { file: pick(a.ctx.session, await identityFile(p3)), reason: 'Nueva central nacional' }));
    expect(centralStation(a.ctx.app.db)).toMatchObject({ code: 'PV-NACIONAL', public_key: p3Key.publicKey });
    expect(trustedKeyOf(a.ctx.app.db, 'PV-01')).toBeNull();

    const audit = await events(a);
    expect(audit.filter((e) => e.event !== 'CREADA').map((e) => [e.event, e.stationCode, e.fingerprint, e.previousFingerprint, e.reason, e.userName])).toEqual([
      ['CENTRAL_REEMPLAZADA', 'PV-NACIONAL', p3Key.fingerprint, p2Key.fingerprint, 'Nueva central nacional', admin.fullName],
      ['CENTRAL_REEMPLAZADA', 'PV-01', p2Key.fingerprint, pKey.fingerprint, 'Posventa cambió de computadora', admin.fullName],
      ['CENTRAL_CONFIADA', 'PV-01', pKey.fingerprint, null, null, admin.fullName],
    ]);
  });

  it('refuses at the central, an office identity, its own identity, its own code, and a file changed after its fingerprint was confirmed', async () => {
    const p = await station('PV-01', 'Posventa', true);
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const b = await station('GYE-CENTRO-01', 'CAC Centro');
    const twin = await station('UIO-INAQUITO-01', 'Copia', true);
    const message = async (t: TestApp, input: Omit<InputOf<typeof stationsTrustCentral>, 'file'> & { path: string }) => {
      const { path, ...rest } = input;
      const r = await call(t.ctx, stationsTrustCentral, { file: pick(t.ctx.session, path), ...rest });
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(await message(p, { path: await identityFile(a) })).toContain('Esta estación es la central de Posventa');
    expect(await message(a, { path: await identityFile(b) })).toContain('es la identidad de la oficina GYE-CENTRO-01, no de la central');
    const own = signedIdentity({ ...getLocalStationKey(a.ctx.app.db)!, role: 'CENTRAL' }, await a.ctx.app.stationKey());
    writeFileSync(join(a.dir, 'own.json'), JSON.stringify(own));
    expect(await message(a, { path: join(a.dir, 'own.json') })).toContain('es la identidad de esta misma estación');
    expect(await message(a, { path: await identityFile(twin) })).toContain('que es el de esta estación');
    const pFile = await identityFile(p);
    expect(await message(a, { path: pFile, fingerprint: 'AAAA-BBBB-CCCC-DDDD' })).toContain('El archivo cambió después de revisar su huella');
    expect(centralStation(a.ctx.app.db)).toBeNull();
    expect((await events(a)).map((e) => e.event)).toEqual(['CREADA']);
  });
});

describe('the central enrols offices', () => {
  it('enrols one key per code: first time, the same key again (nothing), a new key only with a motivo (the previous fingerprint kept)', async () => {
    const p = await station('PV-01', 'Posventa', true);
    p.ctx.session.user = posventa;
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const aKey = await a.ctx.app.stationKey();
    const aFile = await identityFile(a);

    expect(await ok(call(p.ctx, stationsReadIdentityFile, { file: pick(p.ctx.session, aFile) }))).toMatchObject({ code: 'UIO-INAQUITO-01', role: 'OFICINA', action: 'NUEVA' });
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-INAQUITO-01')).toBeNull();
    expect(await ok(call(p.ctx, stationsEnrol, { file: pick(p.ctx.session, aFile), fingerprint: aKey.fingerprint }))).toMatchObject({ status: 'REGISTRADA', fingerprint: aKey.fingerprint });
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-INAQUITO-01')).toBe(aKey.publicKey);
    expect((await ok(call(p.ctx, stationsEnrol, { file: pick(p.ctx.session, aFile) }))).status).toBe('SIN_CAMBIOS');

    // The office's PC was replaced: same code, new key.
    const a2 = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const a2Key = await a2.ctx.app.stationKey();
    const a2File = await identityFile(a2);
    expect(await ok(call(p.ctx, stationsReadIdentityFile, { file: pick(p.ctx.session, a2File) }))).toMatchObject({ action: 'REEMPLAZO', previous: { code: 'UIO-INAQUITO-01', fingerprint: aKey.fingerprint } });
    const refused = await call(p.ctx, stationsEnrol, { file: pick(p.ctx.session, a2File), reason: '   ' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', fields: { reason: 'Indique el motivo del nuevo registro.' } } });
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-INAQUITO-01')).toBe(aKey.publicKey);
    const again = await ok(call(p.ctx, stationsEnrol, { file: pick(p.ctx.session, a2File), reason: 'Cambio de computadora en la oficina' }));
    expect(again).toMatchObject({ status: 'REEMPLAZADA', fingerprint: a2Key.fingerprint, previousFingerprint: aKey.fingerprint });
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-INAQUITO-01')).toBe(a2Key.publicKey);

    const list = await ok(call(p.ctx, stationsList, {}));
    expect(list.role).toBe('CENTRAL');
    expect(list.stations.map((s) => [s.code, s.role, s.local, s.fingerprint])).toEqual([
      ['PV-01', 'CENTRAL', true, (await p.ctx.app.stationKey()).fingerprint],
      ['UIO-INAQUITO-01', 'OFICINA', false, a2Key.fingerprint],
    ]);
    expect(list.events.map((e) => [e.event, e.stationCode, e.previousFingerprint, e.reason, e.userName])).toEqual([
      ['REEMPLAZADA', 'UIO-INAQUITO-01', aKey.fingerprint, 'Cambio de computadora en la oficina', posventa.fullName],
      ['REGISTRADA', 'UIO-INAQUITO-01', null, null, posventa.fullName],
      ['CREADA', 'PV-01', null, null, null],
    ]);
  });

  it('refuses at an office, a central identity, the central own code, and one key claimed for a second code', async () => {
    const p = await station('PV-01', 'Posventa', true);
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const b = await station('GYE-CENTRO-01', 'CAC Centro');
    const otherCentral = await station('PV-02', 'Posventa 2', true);
    const sameCode = await station('PV-01', 'Oficina con el código de Posventa');
    const message = async (t: TestApp, path: string) => {
      const r = await call(t.ctx, stationsEnrol, { file: pick(t.ctx.session, path) });
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(await message(b, await identityFile(a))).toContain('Solo la central de Posventa registra estaciones');
    expect(await message(p, await identityFile(otherCentral))).toContain('es la identidad de una central (PV-02), no de una oficina');
    expect(await message(p, await identityFile(sameCode))).toContain('La identidad trae el código PV-01, que es el de esta estación');

    await ok(call(p.ctx, stationsEnrol, { file: pick(p.ctx.session, await identityFile(a)) }));
    // A's own key signing an identity for another code: a key is one station's.
    const forged = signedIdentity({ ...getLocalStationKey(a.ctx.app.db)!, id: 'otra', code: 'QUI-NORTE-01' }, await a.ctx.app.stationKey());
    writeFileSync(join(a.dir, 'forged.json'), JSON.stringify(forged));
    expect(await message(p, join(a.dir, 'forged.json'))).toContain('Esa clave ya pertenece aquí a la estación UIO-INAQUITO-01');
    // A new key under A's station id but another code.
    const key = stationKeyFrom('x', generateStationKeys().privateKey);
    const stolenId = signedIdentity({ ...getLocalStationKey(a.ctx.app.db)!, code: 'QUI-NORTE-02' }, key);
    writeFileSync(join(a.dir, 'id.json'), JSON.stringify(stolenId));
    expect(await message(p, join(a.dir, 'id.json'))).toContain('usa el identificador de la estación UIO-INAQUITO-01');
    expect(trustedKeyOf(p.ctx.app.db, 'QUI-NORTE-01')).toBeNull();
    expect(trustedKeyOf(p.ctx.app.db, 'QUI-NORTE-02')).toBeNull();
    expect(identityPayload(forged)).toContain('QUI-NORTE-01');
  });

  it('lets only Posventa and administrators save identities, trust and enrol; any user sees who this station is', async () => {
    const p = await station('PV-01', 'Posventa', true);
    const a = await station('UIO-INAQUITO-01', 'CAC Iñaquito');
    const aFile = await identityFile(a);
    for (const user of [clerk, coordinator]) {
      p.ctx.session.user = user;
      expect(await call(p.ctx, stationsEnrol, { file: pick(p.ctx.session, aFile) })).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(await call(p.ctx, stationsReadIdentityFile, { file: pick(p.ctx.session, aFile) })).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(await call(p.ctx, stationsSaveIdentity, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect((await call(p.ctx, stationsIdentity, {})).ok).toBe(true);
      a.ctx.session.user = user;
      expect(await call(a.ctx, stationsTrustCentral, { file: pick(a.ctx.session, aFile) })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-INAQUITO-01')).toBeNull();
    p.ctx.session.user = null;
    expect(await call(p.ctx, stationsIdentity, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });
});
