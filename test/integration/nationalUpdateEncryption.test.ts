import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { isMultiEnvelope, readMultiEnvelopeHeader } from '../../electron/auth/multiEnvelope';
import { runWrite } from '../../electron/db/writeSession';
import { applyUpdate } from '../../electron/sync/updateApply';
import { PLAIN_UPDATE_NOTICE } from '../../electron/sync/updateEnvelope';
import type { TestApp } from '../helpers/app';
import { applyAt, applyRefusal, consolidate, exportNow, nationalLoop, officeContent, publish } from '../helpers/nationalLoop';
import { returnSerials } from '../helpers/offices';
import { rezip, unzip, updateRecipients, withOpenedPackage } from '../helpers/packages';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/**
 * Posventa's central and three enrolled offices; QUI-01 was enrolled from an identity file of a
 * version before encryption keys (no X25519 key at the central), so updates are not encrypted to it.
 */
async function world() {
  const { p, offices } = await nationalLoop([['UIO-01', 'CAC Iñaquito'], ['GYE-01', 'CAC Centro Guayaquil'], ['QUI-01', 'CAC Quito Norte']]);
  open.push(p, ...offices);
  const [a, b, c] = offices as [TestApp, TestApp, TestApp];
  runWrite(p.ctx.app.db, (tx) => tx.prepare("UPDATE stations SET encryption_key = NULL WHERE code = 'QUI-01'").run());
  await returnSerials(b, '1712345675', ['HW-1']);
  await consolidate(p, [(await exportNow(b)).package]);
  return { p, a, b, c };
}

/** What an office holds and which updates it recorded as applied. */
const state = (t: TestApp) => ({ content: officeContent(t.ctx.app.db), applied: t.ctx.app.db.prepare('SELECT seq, sha256 FROM national_updates').all() });

const NAMES = ['PÉREZ LÓPEZ JUAN CARLOS', 'ANDRADE VERA ANA', 'DE LA TORRE DEL POZO MARIA JOSE', '1712345675', '0991234567'];

describe('national updates encrypted to the enrolled offices', () => {
  it('are opened by each enrolled office with its own key, name the office without one, and show no personal data in the file', async () => {
    const { p, a, b, c } = await world();
    const u = await publish(p);
    expect(u.recipients.map((r) => r.code)).toEqual(['GYE-01', 'UIO-01']);
    expect(u.withoutKey).toEqual([{ code: 'QUI-01', office: 'CAC Quito Norte' }]);
    for (const path of [u.path, u.delivered!]) {
      expect(await isMultiEnvelope(path)).toBe(true);
      expect((await readMultiEnvelopeHeader(path)).header.recipients.map((r) => r.code)).toEqual(['GYE-01', 'UIO-01']);
    }
    // The file carries the base, but none of it in clear; inside the envelope it is all there.
    const raw = readFileSync(u.delivered!);
    for (const text of NAMES) {
      expect(raw.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(raw.includes(Buffer.from(text, 'latin1')), text).toBe(false);
    }
    const data = (await unzip(u.path)).get('datos.sqlite')!;
    expect(data.includes(Buffer.from('PÉREZ LÓPEZ JUAN CARLOS', 'utf8'))).toBe(true);

    // Both offices with a key apply it; the one without is told why and what to do, and keeps its data as it was.
    expect(await applyAt(a, u.path)).toMatchObject({ seq: 1, alreadyApplied: false, changes: { handoversInserted: 1 } });
    expect((await applyAt(b, u.path)).notice).toBeUndefined();
    const before = state(c);
    expect(await applyRefusal(c, u.path)).toContain('no está cifrada para esta oficina (QUI-01)');
    expect(await applyRefusal(c, u.path)).toContain('archivo de identidad actual');
    expect(state(c)).toEqual(before);
    // The update's audit entry says who could read it.
    const detail = p.ctx.app.db.prepare("SELECT detail FROM audit_log WHERE action = 'ACTUALIZACION_PUBLICADA'").pluck().get() as string;
    expect(JSON.parse(detail)).toMatchObject({ recipients: ['GYE-01', 'UIO-01'], withoutKey: ['QUI-01'] });
  });

  it('is refused with a flipped byte, cut short, re-encrypted to other offices, or without the key at hand, leaving the office untouched', async () => {
    const { p, a } = await world();
    const u = await publish(p);
    const bytes = readFileSync(u.path);
    const before = state(a);
    const variant = (name: string, content: Buffer) => {
      const path = join(a.dir, `${name}.recupera-nacional`);
      writeFileSync(path, content);
      return path;
    };
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length * 0.6)]! ^= 0x10;
    expect(await applyRefusal(a, variant('volteado', flipped))).toContain('no se pudo abrir');
    expect(await applyRefusal(a, variant('cortado', bytes.subarray(0, bytes.length - 100)))).toContain('no se pudo abrir');
    expect(await applyRefusal(a, variant('sin-cuerpo', bytes.subarray(0, 30)))).toContain('está dañada');
    // The same signed update sealed again for GYE-01 alone: UIO-01 is not among its recipients.
    const others = (await updateRecipients(u.path)).filter((r) => r.code === 'GYE-01');
    const onlyB = join(a.dir, 'solo-gye.recupera-nacional');
    await rezip(onlyB, await unzip(u.path), others);
    expect(await applyRefusal(a, onlyB)).toContain('no está cifrada para esta oficina (UIO-01)');
    // A process that cannot open the office's key file (the desktop app seals it) cannot open the update.
    await expect(applyUpdate({ db: a.ctx.app.db, dataDir: a.dir, path: u.path, userId: null, decryptionKey: null })).rejects.toThrow('La llave de cifrado de esta oficina no está disponible');
    expect(state(a)).toEqual(before);
    // The genuine update still applies.
    expect(await applyAt(a, u.path)).toMatchObject({ seq: 1, alreadyApplied: false });
  });

  it('from an older central, unencrypted, is applied with a notice since its signature holds', async () => {
    const { p, a } = await world();
    const u = await publish(p);
    const plain = join(a.dir, 'NACIONAL_0001_sin-cifrar.recupera-nacional');
    await withOpenedPackage(u.path, async (zip) => copyFileSync(zip, plain));
    expect(await isMultiEnvelope(plain)).toBe(false);
    const r = await applyAt(a, plain);
    expect(r).toMatchObject({ seq: 1, alreadyApplied: false, notice: PLAIN_UPDATE_NOTICE });
    const detail = a.ctx.app.db.prepare("SELECT detail FROM audit_log WHERE action = 'ACTUALIZACION_APLICADA'").pluck().get() as string;
    expect(JSON.parse(detail)).toMatchObject({ seq: 1, encrypted: false });
  });

  it('publicar names the offices it is encrypted for and those without a key; a central with no office to read it refuses', async () => {
    const { p } = await world();
    const lines: string[] = [];
    const errors: string[] = [];
    const salida = join(p.dir, 'salida-cli');
    mkdirSync(salida);
    expect(await runCli(['publicar', '--db', p.dbPath, '--salida', salida], (s) => lines.push(s), (s) => errors.push(s))).toBe(0);
    expect(lines.join('\n')).toContain('Cifrada para las 2 oficinas registradas con llave de cifrado');
    expect(errors.join('\n')).toContain('no tienen llave de cifrado');
    expect(errors.join('\n')).toContain('QUI-01 (CAC Quito Norte)');

    const { p: lone } = await nationalLoop([], 'PV-09');
    open.push(lone);
    await expect(publish(lone)).rejects.toThrow('todavía no tiene oficinas registradas');
    expect(lone.ctx.app.db.prepare('SELECT COUNT(*) FROM national_updates').pluck().get()).toBe(0);
  });
});
