import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { sha256File } from '../../electron/files/hash';
import { signManifest } from '../../electron/sync/packageSignature';
import type { TestApp } from '../helpers/app';
import { rezip, unzip } from '../helpers/packages';
import { returnSerials } from '../helpers/offices';
import { applyAt, applyRefusal, consolidate, exportNow, nationalLoop, officeContent, publish } from '../helpers/nationalLoop';
import { enrolAt } from '../helpers/trust';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function world() {
  const { p, offices } = await nationalLoop([['UIO-01', 'CAC Iñaquito'], ['GYE-01', 'CAC Centro Guayaquil']]);
  open.push(p, ...offices);
  const [a, b] = offices as [TestApp, TestApp];
  await returnSerials(b, '1712345675', ['HW-1']);
  await consolidate(p, [(await exportNow(b)).package]);
  return { p, a, b };
}

/** What an office holds, and which updates it recorded as applied. */
const state = (t: TestApp) => ({ content: officeContent(t.ctx.app.db), applied: t.ctx.app.db.prepare('SELECT seq, sha256 FROM national_updates').all() });

describe('forged national updates', () => {
  it('are refused whole with the reason, leaving the office’s database as it was', async () => {
    const { p, a, b } = await world();
    const u = await publish(p);
    const genuine = await unzip(u.path);
    const manifestBytes = genuine.get('manifest.json')!;
    const manifest = JSON.parse(manifestBytes.toString());
    const before = state(a);
    const forged = async (name: string, entries: Map<string, Buffer>) => {
      const path = join(a.dir, `${name}.recupera-nacional`);
      await rezip(path, entries);
      return applyRefusal(a, path);
    };
    const withEntries = (changes: Record<string, Buffer | null>) => {
      const m = new Map(genuine);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) m.delete(k);
        else m.set(k, v);
      }
      return m;
    };

    // Signed by an office's key under the central's name, and an office's own genuine signature.
    const bKey = await b.ctx.app.stationKey();
    const central = manifest.central as { id: string; code: string };
    const asCentral = { ...signManifest(bKey, central.code, manifestBytes), stationId: central.id };
    expect(await forged('otra-clave', withEntries({ 'firma.json': Buffer.from(JSON.stringify(asCentral)) }))).toContain(`firmada con la clave ${bKey.fingerprint}`);
    const asOffice = signManifest(bKey, 'GYE-01', manifestBytes);
    expect(await forged('firma-oficina', withEntries({ 'firma.json': Buffer.from(JSON.stringify(asOffice)) }))).toContain('firmada por la estación GYE-01');

    // The manifest edited after signing; the data changed with its hash recomputed.
    const edited = Buffer.from(JSON.stringify({ ...manifest, kind: 'COMPLETA', counts: { ...manifest.counts, handovers: 9 } }, null, 2));
    expect(await forged('manifiesto', withEntries({ 'manifest.json': edited }))).toContain('modificada después de firmada');
    const data = join(a.dir, 'datos.sqlite');
    writeFileSync(data, genuine.get('datos.sqlite')!);
    const d = new Database(data);
    d.prepare("UPDATE backups SET status = 'ACEPTADO'").run();
    d.prepare("UPDATE handovers SET acta_number = 'GYE-01-2026-999999'").run();
    d.close();
    const rehashed = { ...manifest, files: [{ name: 'datos.sqlite', sha256: await sha256File(data), size: statSync(data).size }] };
    expect(
      await forged('datos', withEntries({ 'datos.sqlite': readFileSync(data), 'manifest.json': Buffer.from(JSON.stringify(rehashed, null, 2)) })),
    ).toContain('modificada después de firmada');

    // Unsigned, a damaged signature, a file the manifest does not declare, a data file that does not match its hash, not a zip.
    expect(await forged('sin-firma', withEntries({ 'firma.json': null }))).toContain('no está firmada');
    expect(await forged('firma-rota', withEntries({ 'firma.json': Buffer.from('{"format":') }))).toContain('firma de la actualización está dañada');
    expect(await forged('extra', withEntries({ 'extra.txt': Buffer.from('x') }))).toContain('que su manifiesto no declara');
    // A data file longer than declared is refused by its size before it is extracted; one of the declared size, by its hash.
    expect(await forged('largo', withEntries({ 'datos.sqlite': Buffer.concat([genuine.get('datos.sqlite')!, Buffer.from('x')]) }))).toContain('no tiene el tamaño que declara el manifiesto');
    const flipped = Buffer.from(genuine.get('datos.sqlite')!);
    flipped[flipped.length - 1] ^= 0xff;
    expect(await forged('hash', withEntries({ 'datos.sqlite': flipped }))).toContain('huella SHA-256');
    const junk = join(a.dir, 'basura.recupera-nacional');
    writeFileSync(junk, 'no soy un zip');
    expect(await applyRefusal(a, junk)).toContain('dañada o incompleta');

    // An update of another central, genuine (and encrypted to this office, enrolled there) but not the one this office trusts.
    const { p: q } = await nationalLoop([], 'PV-02');
    open.push(q);
    await enrolAt(q.ctx.app, a.ctx.app);
    expect(await applyRefusal(a, (await publish(q)).path)).toContain('dice venir de la central PV-02');

    expect(state(a)).toEqual(before);
    // The genuine update still applies.
    expect(await applyAt(a, u.path)).toMatchObject({ seq: 1, alreadyApplied: false });
  });
});

describe('publicar and actualizar on the command line', () => {
  it('publishes at the central, applies at an office with JSON output, and refuses with exit 2', async () => {
    const { p, a } = await world();
    const lines: string[] = [];
    const errors: string[] = [];
    const out = (s: string) => lines.push(s);
    const err = (s: string) => errors.push(s);
    const salida = join(p.dir, 'salida');
    mkdirSync(salida);

    expect(await runCli(['publicar', '--db', p.dbPath, '--salida', salida, '--json'], out, err)).toBe(0);
    const published = JSON.parse(lines.pop()!);
    expect(published).toMatchObject({ seq: 1, kind: 'COMPLETA', sinceSeq: null, counts: { handovers: 1, items: 1, stations: 3 } });
    expect(published.path).toBe(join(salida, published.file));
    expect(await runCli(['publicar', '--db', p.dbPath, '--salida', salida, '--desde', '1', '--json'], out, err)).toBe(0);
    expect(JSON.parse(lines.pop()!)).toMatchObject({ seq: 2, kind: 'INCREMENTAL', sinceSeq: 1 });

    expect(await runCli(['actualizar', published.path, '--db', a.dbPath, '--json'], out, err)).toBe(0);
    expect(JSON.parse(lines.pop()!)).toMatchObject({
      seq: 1,
      kind: 'COMPLETA',
      central: 'PV-01',
      alreadyApplied: false,
      file: published.file,
      changes: { handoversInserted: 1, itemsInserted: 1, stations: 1 },
    });
    expect(await runCli(['actualizar', published.path, '--db', a.dbPath], out, err)).toBe(0);
    expect(lines.pop()).toContain('ya estaba aplicada');

    expect(await runCli(['actualizar', published.path, '--db', p.dbPath], out, err)).toBe(2);
    expect(errors.pop()).toContain('estación central');
    expect(await runCli(['publicar', '--db', a.dbPath, '--salida', salida], out, err)).toBe(2);
    expect(errors.pop()).toContain('Solo la estación central');
    expect(await runCli(['publicar', '--db', p.dbPath, '--salida', salida, '--desde', 'uno'], out, err)).toBe(64);
  });
});
