import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consolidateJob, exportJob, publishUpdateJob } from '../../shared/contracts/jobKinds';
import { sharedFolderGet, sharedFolderNotices, sharedFolderPackages, sharedFolderSet } from '../../shared/contracts/sharedFolder';
import { syncConsolidate, syncExport } from '../../shared/contracts/sync';
import { updatesPublish } from '../../shared/contracts/updates';
import { call } from '../../electron/handlers/call';
import { log } from '../../electron/platform/log';
import { admin, type TestApp } from '../helpers/app';
import { nationalLoop } from '../helpers/nationalLoop';
import { card, coordinator, posventa, returnSerials, runJob } from '../helpers/offices';
import { rezip, unzip } from '../helpers/packages';

const open: TestApp[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const t of open.splice(0)) await t.close();
});

async function world() {
  const { p, offices } = await nationalLoop([['UIO-01', 'CAC Iñaquito'], ['GYE-01', 'CAC Centro Guayaquil']]);
  open.push(p, ...offices);
  const [a, b] = offices as [TestApp, TestApp];
  const share = mkdtempSync(join(p.dir, 'compartida-'));
  return { p, a, b, share };
}

/** Sets (or clears) the shared folder as the administrator does in Configuración. */
async function setShare(t: TestApp, path: string | null) {
  const previous = t.ctx.session.user;
  t.ctx.session.user = admin;
  try {
    return await call(t.ctx, sharedFolderSet, { path });
  } finally {
    t.ctx.session.user = previous;
  }
}

/** Publishes at the central without naming a folder: the shared folder is where it goes. */
const publishToShare = (p: TestApp, sinceSeq?: number) => runJob(p, publishUpdateJob, updatesPublish, sinceSeq ? { sinceSeq } : {}, posventa);
const applied = (t: TestApp) => t.ctx.app.db.prepare("SELECT seq FROM national_updates WHERE direction = 'APLICADA' ORDER BY recorded_at, seq").pluck().all();
const service = async (t: TestApp, id: string, number: string) => (await card(t, id)).services.find((s) => s.serviceNumber === number)!;

describe('the folder shared with Posventa', () => {
  it('is checked when set (exists, is a folder, full path), made ready with its two folders, and can be cleared', async () => {
    const { a, share } = await world();
    const missing = await setShare(a, join(share, 'no-existe'));
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error.message).toContain('no existe');
    writeFileSync(join(share, 'archivo.txt'), 'x');
    const file = await setShare(a, join(share, 'archivo.txt'));
    expect(!file.ok && file.error.message).toContain('no es una carpeta');
    const relative = await setShare(a, 'compartida');
    expect(!relative.ok && relative.error.message).toContain('ruta completa');
    // The app's own data folder: its packages would count as delivered and never leave this PC.
    const own = await setShare(a, a.ctx.app.dataDir + sep);
    expect(!own.ok && own.error.message).toContain('Esa es la carpeta de datos de Recupera');
    expect(existsSync(join(a.ctx.app.dataDir, 'actualizaciones'))).toBe(false);

    const set = await setShare(a, share);
    expect(set.ok && set.value).toEqual({ path: share, reachable: true, problem: null });
    expect(readdirSync(share).sort()).toEqual(['actualizaciones', 'archivo.txt', 'paquetes']);
    a.ctx.session.user = coordinator;
    expect((await call(a.ctx, sharedFolderGet, {})).ok && (await call(a.ctx, sharedFolderGet, {}))).toMatchObject({ value: { path: share, reachable: true } });
    // Only an administrator changes it.
    expect((await call(a.ctx, sharedFolderSet, { path: null })).ok).toBe(false);

    const cleared = await setShare(a, null);
    expect(cleared.ok && cleared.value.path).toBeNull();
  });

  it('carries packages and updates: the office drops its package, the central finds and consolidates it, publishes into the folder, and the other office applies updates 1 and 2 in order', async () => {
    const { p, a, b, share } = await world();
    for (const t of [p, a, b]) expect((await setShare(t, share)).ok).toBe(true);

    const u1 = await publishToShare(p);
    expect(u1.delivered).toBe(join(share, 'actualizaciones', u1.fileName));

    // B's return, exported without naming a folder: the package lands in paquetes/.
    const acta = await returnSerials(b, '1712345675', ['HW-1', 'PS-1']);
    const exported = await runJob(b, exportJob, syncExport, { includeDocuments: false }, coordinator);
    expect(exported.delivered).toBe(join(share, 'paquetes', exported.fileName));

    // The central lists what it has not consolidated, consolidates it, and the list empties.
    p.ctx.session.user = posventa;
    const waiting = await call(p.ctx, sharedFolderPackages, {});
    expect(waiting.ok && waiting.value.packages.map((x) => x.name)).toEqual([exported.fileName]);
    // The listing names each package by a token of this session: consolidation takes it as a chosen file.
    const listed = waiting.ok ? waiting.value.packages.map(({ token, name }) => ({ token, name })) : [];
    await runJob(p, consolidateJob, syncConsolidate, { packages: listed }, posventa);
    const after = await call(p.ctx, sharedFolderPackages, {});
    expect(after.ok && after.value.packages).toEqual([]);

    // A file the central refused stays in the share: listed with when and why, not as news.
    writeFileSync(join(share, 'paquetes', 'roto.recupera'), 'no soy un paquete');
    const broken = await call(p.ctx, sharedFolderPackages, {});
    expect(broken.ok && broken.value.packages.map((x) => [x.name, x.refused])).toEqual([['roto.recupera', undefined]]);
    await runJob(p, consolidateJob, syncConsolidate, { packages: broken.ok ? broken.value.packages.map(({ token, name }) => ({ token, name })) : [] }, posventa);
    const known = await call(p.ctx, sharedFolderPackages, {});
    expect(known.ok && known.value.packages).toEqual([
      expect.objectContaining({ name: 'roto.recupera', refused: { at: expect.any(String), reason: expect.stringContaining('dañado o incompleto') } }),
    ]);
    rmSync(join(share, 'paquetes', 'roto.recupera'));

    const u2 = await publishToShare(p, 1);
    expect(u2.kind).toBe('INCREMENTAL');
    expect(readdirSync(join(share, 'actualizaciones')).sort()).toEqual([u1.fileName, u2.fileName]);

    // A picks both up, 1 then 2 (2 continues 1, so the other order would be refused).
    expect(await a.ctx.app.sharedPickup.poll()).toEqual({ configured: true, applied: [1, 2], refused: [] });
    expect(applied(a)).toEqual([1, 2]);
    const s1001 = await service(a, '1712345675', '1001');
    expect(s1001.status).toBe('ENTREGADO');
    expect(s1001.items.map((i) => i.returnedIn)).toEqual([acta.number, acta.number]);
    a.ctx.session.user = coordinator;
    const told = await call(a.ctx, sharedFolderNotices, {});
    expect(told.ok && told.value.map((n) => [n.tone, n.text])).toEqual([
      ['ok', `Se aplicó la actualización nacional N.º 1 que Posventa dejó en la carpeta compartida (${u1.fileName}).`],
      ['ok', `Se aplicó la actualización nacional N.º 2 que Posventa dejó en la carpeta compartida (${u2.fileName}).`],
    ]);
    // Told once; the next poll reads nothing again and applies nothing.
    expect((await call(a.ctx, sharedFolderNotices, {})).ok && (await call(a.ctx, sharedFolderNotices, {}))).toMatchObject({ value: [] });
    expect(await a.ctx.app.sharedPickup.poll()).toEqual({ configured: true, applied: [], refused: [] });

    // The central publishes; it never applies from the folder.
    expect(await p.ctx.app.sharedPickup.poll()).toEqual({ configured: true, applied: [], refused: [] });
    expect(applied(p)).toEqual([]);
  });

  it('refuses a forged update once, logs and tells it, and still applies the genuine ones around it', async () => {
    const { p, a, share } = await world();
    // The central publishes into a folder of its own; the files are then put in the share by hand.
    const own = mkdtempSync(join(p.dir, 'propia-'));
    const u1 = await runJob(p, publishUpdateJob, updatesPublish, { destination: own }, posventa);
    const u2 = await runJob(p, publishUpdateJob, updatesPublish, { destination: own }, posventa);
    const u3 = await runJob(p, publishUpdateJob, updatesPublish, { destination: own }, posventa);
    expect((await setShare(a, share)).ok).toBe(true);
    const updates = join(share, 'actualizaciones');
    copyFileSync(u1.path, join(updates, u1.fileName));
    copyFileSync(u3.path, join(updates, u3.fileName));
    // Update 2 with its counts edited after the central signed it.
    const entries = await unzip(u2.path);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    entries.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, counts: { ...manifest.counts, handovers: 99 } }, null, 2)));
    await rezip(join(updates, u2.fileName), entries);
    // A temporary of a copy in progress and a file of another kind are not looked at.
    writeFileSync(join(updates, '.recupera-copia.tmp'), 'x');
    writeFileSync(join(updates, 'LEAME.txt'), 'x');

    const warn = vi.spyOn(log, 'warn');
    const first = await a.ctx.app.sharedPickup.poll();
    expect(first.applied).toEqual([1, 3]);
    expect(first.refused).toEqual([{ file: u2.fileName, reason: expect.stringContaining('modificada después de firmada') as string }]);
    expect(warn).toHaveBeenCalledWith('sharedFolder.updateRefused', expect.objectContaining({ file: u2.fileName }));
    expect(applied(a)).toEqual([1, 3]);
    const notices = a.ctx.app.sharedPickup.takeNotices();
    expect(notices.map((n) => n.tone)).toEqual(['ok', 'error', 'ok']);
    expect(notices[1]!.text).toContain(`La actualización ${u2.fileName} de la carpeta compartida no se aplicó:`);

    // Not tried again, not told again.
    warn.mockClear();
    expect(await a.ctx.app.sharedPickup.poll()).toEqual({ configured: true, applied: [], refused: [] });
    expect(warn).not.toHaveBeenCalledWith('sharedFolder.updateRefused', expect.anything());
    expect(a.ctx.app.sharedPickup.takeNotices()).toEqual([]);
  });

  it('waits with an incremental update until the one it continues arrives', async () => {
    const { p, a, share } = await world();
    const own = mkdtempSync(join(p.dir, 'propia-'));
    const u1 = await runJob(p, publishUpdateJob, updatesPublish, { destination: own }, posventa);
    const u2 = await runJob(p, publishUpdateJob, updatesPublish, { destination: own, sinceSeq: 1 }, posventa);
    expect((await setShare(a, share)).ok).toBe(true);
    const updates = join(share, 'actualizaciones');
    copyFileSync(u2.path, join(updates, u2.fileName));
    const waiting = await a.ctx.app.sharedPickup.poll();
    expect(waiting.applied).toEqual([]);
    expect(waiting.refused[0]?.reason).toContain('Falta la actualización N.º 1');
    copyFileSync(u1.path, join(updates, basename(u1.path)));
    expect(await a.ctx.app.sharedPickup.poll()).toEqual({ configured: true, applied: [1, 2], refused: [] });
  });

  it('looks on its own shortly after start and every interval, until the services close', async () => {
    const { p, a, share } = await world();
    expect((await setShare(p, share)).ok).toBe(true);
    expect((await setShare(a, share)).ok).toBe(true);
    await publishToShare(p);
    a.ctx.app.sharedPickup.start({ firstDelayMs: 10, intervalMs: 200 });
    await vi.waitFor(() => expect(applied(a)).toEqual([1]), { timeout: 20_000, interval: 100 });
    // The next interval finds update 2 without anyone asking.
    await publishToShare(p);
    await vi.waitFor(() => expect(applied(a)).toEqual([1, 2]), { timeout: 20_000, interval: 100 });
    await a.ctx.app.sharedPickup.stop();
    await publishToShare(p);
    await new Promise((r) => setTimeout(r, 600));
    expect(applied(a)).toEqual([1, 2]);
  });

  it('does nothing without a configured folder: files are carried by hand', async () => {
    const { p, a, share } = await world();
    const u1 = await runJob(p, publishUpdateJob, updatesPublish, { destination: join(share) }, posventa);
    mkdirSync(join(share, 'actualizaciones'), { recursive: true });
    copyFileSync(u1.path, join(share, 'actualizaciones', u1.fileName));
    expect(await a.ctx.app.sharedPickup.poll()).toEqual({ configured: false, applied: [], refused: [] });
    expect(applied(a)).toEqual([]);
    // And an export without a named folder stays in the station's own folder only.
    await returnSerials(a, '0102030400', ['KA-9']);
    const exported = await runJob(a, exportJob, syncExport, { includeDocuments: false }, coordinator);
    expect(exported.delivered).toBeUndefined();
    p.ctx.session.user = posventa;
    expect((await call(p.ctx, sharedFolderPackages, {})).ok && (await call(p.ctx, sharedFolderPackages, {}))).toMatchObject({ value: { folder: null, packages: [] } });
  });
});
