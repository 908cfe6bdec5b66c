import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliUser } from '../../electron/cli/cliArgs';
import { runCli } from '../../electron/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'recupera-stations-cli-'));
  dirs.push(d);
  return d;
}

const FINGERPRINT = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/;

describe('CLI: identity and enrolment', () => {
  it('sets up the central and an office that trusts it at once, enrols the office, and lists stations with their key history', async () => {
    const d = dir();
    const central = join(d, 'posventa.sqlite');
    const office = join(d, 'oficina.sqlite');
    const office2 = join(d, 'oficina2.sqlite');

    expect((await cli('iniciar', '--db', central, '--estacion', 'PV-01', '--oficina', 'Posventa', '--central')).code).toBe(0);
    const pid = await cli('identidad', '--db', central, '--salida', join(d, 'central.json'), '--json');
    expect(pid.code).toBe(0);
    const centralId = JSON.parse(pid.out) as { code: string; office: string; role: string; fingerprint: string; path: string };
    expect(centralId).toMatchObject({ code: 'PV-01', office: 'Posventa', role: 'CENTRAL', path: join(d, 'central.json') });
    expect(centralId.fingerprint).toMatch(FINGERPRINT);

    // --central and --central-identidad together is a usage mistake; an office file as the central is refused before anything is set up.
    expect((await cli('iniciar', '--db', office, '--estacion', 'UIO-01', '--oficina', 'CAC', '--central', '--central-identidad', join(d, 'central.json'))).code).toBe(64);

    const init = await cli('iniciar', '--db', office, '--estacion', 'uio-inaquito-01', '--oficina', 'CAC Iñaquito', '--central-identidad', join(d, 'central.json'));
    expect(init).toMatchObject({ code: 0, err: '' });
    expect(init.out).toContain(`Esta oficina confía ahora en la central PV-01 (Posventa), huella ${centralId.fingerprint}.`);

    const oid = JSON.parse((await cli('identidad', '--db', office, '--salida', join(d, 'oficina.json'), '--json')).out) as { role: string; fingerprint: string };
    expect(oid.role).toBe('OFICINA');
    const wrongCentral = await cli('iniciar', '--db', office2, '--estacion', 'GYE-01', '--oficina', 'CAC Centro', '--central-identidad', join(d, 'oficina.json'));
    expect(wrongCentral.code).toBe(2);
    expect(wrongCentral.err).toContain('no de la central de Posventa. No se configuró la estación.');
    expect(existsSync(office2)).toBe(false);

    const enrol = await cli('registrar-estacion', join(d, 'oficina.json'), '--db', central, '--json');
    expect(enrol.code).toBe(0);
    expect(JSON.parse(enrol.out)).toMatchObject({ status: 'REGISTRADA', code: 'UIO-INAQUITO-01', role: 'OFICINA', fingerprint: oid.fingerprint, previousFingerprint: null });
    const again = await cli('registrar-estacion', join(d, 'oficina.json'), '--db', central);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain('ya estaba registrada con esta misma clave');

    // Trusting is for offices; enrolling is for the central.
    const atCentral = await cli('confiar-central', join(d, 'central.json'), '--db', central, '--json');
    expect(atCentral.code).toBe(2);
    expect(atCentral.err).toContain('Esta estación es la central de Posventa');
    expect((await cli('registrar-estacion', join(d, 'central.json'), '--db', office)).code).toBe(2);
    const same = await cli('confiar-central', join(d, 'central.json'), '--db', office, '--json');
    expect(JSON.parse(same.out)).toMatchObject({ status: 'SIN_CAMBIOS', code: 'PV-01' });

    // The office's PC is replaced: a new key under the same code needs a motivo.
    expect((await cli('iniciar', '--db', office2, '--estacion', 'UIO-INAQUITO-01', '--oficina', 'CAC Iñaquito', '--central-identidad', join(d, 'central.json'))).code).toBe(0);
    const o2id = JSON.parse((await cli('identidad', '--db', office2, '--salida', d, '--json')).out) as { fingerprint: string; path: string };
    expect(o2id.path).toBe(join(d, 'identidad_UIO-INAQUITO-01.json'));
    const refused = await cli('registrar-estacion', o2id.path, '--db', central);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`ya está registrada con otra clave (huella ${oid.fingerprint})`);
    const replaced = await cli('registrar-estacion', o2id.path, '--db', central, '--json', '--motivo', 'Cambio de computadora');
    expect(JSON.parse(replaced.out)).toMatchObject({ status: 'REEMPLAZADA', fingerprint: o2id.fingerprint, previousFingerprint: oid.fingerprint });

    const list = await cli('estaciones', '--db', central, '--json');
    expect(list.code).toBe(0);
    const l = JSON.parse(list.out) as { role: string; stations: Array<{ code: string; fingerprint: string; trustedAt: string | null }>; events: Array<{ event: string; reason: string | null; userName: string | null }> };
    expect(l.role).toBe('CENTRAL');
    expect(l.stations.map((s) => [s.code, s.fingerprint])).toEqual([
      ['PV-01', centralId.fingerprint],
      ['UIO-INAQUITO-01', o2id.fingerprint],
    ]);
    expect(l.events.map((e) => [e.event, e.reason, e.userName])).toEqual([
      ['REEMPLAZADA', 'Cambio de computadora', cliUser.fullName],
      ['REGISTRADA', null, cliUser.fullName],
      ['CREADA', null, null],
    ]);
    const text = await cli('estaciones', '--db', office);
    expect(text.out).toContain('Central confiada  PV-01');
  });
});
