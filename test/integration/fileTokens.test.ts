import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSignOut } from '../../shared/contracts/auth';
import { importStart } from '../../shared/contracts/importBase';
import { jobsCancel } from '../../shared/contracts/jobs';
import { call } from '../../electron/handlers/call';
import { issueFileToken, resolveFileToken } from '../../electron/app/fileTokens';
import { ClientSessions } from '../../electron/web/clients';
import { testApp, admin, type TestApp } from '../helpers/app';
import { pick } from '../helpers/files';
import { clerk, coordinator } from '../helpers/offices';
import { auth, startTestServer, type TestServer } from '../helpers/webServer';

// Files the person chose reach the handlers as opaque tokens of that client's session, never as
// paths; browser-mode clients each have their own session; a job is stopped by whoever started it
// or by a coordinator.

const CSV = 'IDENTIFICACION;APELLIDOS Y NOMBRES;NUMERO DE SERVICIO;SERIE\n1712345675;PEREZ JUAN;1001;S1\n';
const ADMIN = { username: 'admin', fullName: 'Admin de Pruebas', password: 'clave-segura-1' };
const SECOND = { username: 'coord.norte', fullName: 'Coordinadora Norte', password: 'temporal-123', role: 'COORDINADOR' as const };

describe('file tokens at the handlers', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await testApp();
    base = join(t.dir, 'base.csv');
    writeFileSync(base, CSV);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a made-up token, a path in its place or a missing file are refused in Spanish, and nothing starts', async () => {
    t.ctx.session.user = admin;
    const madeUp = await call(t.ctx, importStart, { file: { token: 'a'.repeat(32), name: 'base.csv' }, mode: 'inspect' });
    expect(madeUp).toMatchObject({ ok: false, error: { kind: 'validation', message: 'El archivo elegido ya no está disponible. Elíjalo de nuevo.' } });

    const aPath = await call(t.ctx, importStart, { file: { token: base, name: 'base.csv' }, mode: 'inspect' });
    expect(aPath).toMatchObject({ ok: false, error: { kind: 'validation', message: 'El archivo elegido no es válido. Elíjalo de nuevo.' } });

    // The old shape (a path) is no input at all.
    const old = await call(t.ctx, importStart, { path: base, mode: 'inspect' } as never);
    expect(old.ok).toBe(false);
    expect(t.ctx.app.jobs.startedBy('nada')).toBeUndefined();
  });

  it("a token issued to another session resolves to nothing there", async () => {
    const other: TestApp['ctx']['session'] = { user: admin };
    const theirs = pick(other, base);
    t.ctx.session.user = admin;
    const r = await call(t.ctx, importStart, { file: theirs, mode: 'inspect' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('ya no está disponible') } });
    expect(resolveFileToken(other, theirs.token).path).toBe(base);
  });

  it('signing out forgets the tokens', async () => {
    const session: TestApp['ctx']['session'] = { user: admin };
    const file = pick(session, base);
    const ctx = { app: t.ctx.app, session };
    const started = await call(ctx, importStart, { file, mode: 'inspect' });
    if (!started.ok) throw new Error(started.error.message);
    await t.ctx.app.jobs.wait(started.value.jobId);
    expect((await call(ctx, authSignOut, {})).ok).toBe(true);
    expect(() => resolveFileToken(session, file.token)).toThrow('ya no está disponible');
  });

  it("a clerk cannot cancel a coordinator's import; the coordinator, an administrator or Posventa can", async () => {
    t.ctx.session.user = coordinator;
    const started = await call(t.ctx, importStart, { file: pick(t.ctx.session, base), mode: 'preview' });
    if (!started.ok) throw new Error(started.error.message);
    const jobId = started.value.jobId;
    expect(t.ctx.app.jobs.startedBy(jobId)).toBe(coordinator.id);

    const asClerk = { app: t.ctx.app, session: { user: clerk } };
    const refused = await call(asClerk, jobsCancel, { jobId });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Solo quien inició esta tarea, o un coordinador, puede cancelarla.' } });

    for (const user of [coordinator, admin, { ...admin, id: 'pv-9', role: 'POSVENTA' as const }]) {
      const r = await call({ app: t.ctx.app, session: { user } }, jobsCancel, { jobId });
      expect(r.ok, user.role).toBe(true);
    }
    // An unknown job: nothing to cancel, and nothing said about whose it was.
    expect(await call(asClerk, jobsCancel, { jobId: 'no-existe' })).toEqual({ ok: true, value: { cancelled: false } });
    await t.ctx.app.jobs.wait(jobId);
  });
});

describe('browser mode: one session per client', () => {
  let server: TestServer;
  const uploads = () => (existsSync(join(server.dataDir, 'cargas')) ? readdirSync(join(server.dataDir, 'cargas')) : []);
  const upload = (client: Pick<TestServer, 'send'>, name: string, body = CSV) => client.send({ method: 'POST', path: `/upload?name=${name}`, headers: auth, body });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('an upload while signed out, or locked, is refused in Spanish and nothing is kept', async () => {
    const before = uploads();
    const anonymous = await upload(server, 'anonima.csv');
    expect(anonymous.status).toBe(403);
    expect(JSON.parse(anonymous.body)).toEqual({ ok: false, error: { kind: 'refused', message: 'Inicie sesión para cargar archivos.' } });
    // A client with no session cookie at all.
    const bare = await server.send({ method: 'POST', path: '/upload?name=sin-cookie.csv', headers: { ...auth, cookie: 'otra=1' }, body: CSV });
    expect(bare.status).toBe(403);

    expect((await server.api('setup:init', { stationCode: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', admin: ADMIN })).ok).toBe(true);
    expect((await server.api('auth:lock', {})).ok).toBe(true);
    const locked = await upload(server, 'bloqueada.csv');
    expect(locked.status).toBe(403);
    const download = await server.send({ path: `/download?path=${encodeURIComponent(join(server.dataDir, 'reportes', 'x.xlsx'))}`, headers: auth });
    expect(download.status).toBe(403);
    expect((await server.api('auth:unlock', { password: ADMIN.password })).ok).toBe(true);
    expect(uploads()).toEqual(before);
  }, 60_000);

  it('two clients signed in as different people keep their own user, and their own files', async () => {
    const created = await server.api('users:create', SECOND);
    expect(created.ok).toBe(true);
    const other = server.client();
    const signIn = await other.api('auth:signIn', { username: SECOND.username, password: SECOND.password });
    expect(signIn.ok).toBe(true);
    expect((await other.api('users:changeOwnPassword', { currentPassword: SECOND.password, newPassword: 'definitiva-456' })).ok).toBe(true);
    expect(other.cookie()).not.toBe(server.cookie());

    expect((await server.api('app:info', {})).value).toMatchObject({ user: { username: ADMIN.username } });
    expect((await other.api('app:info', {})).value).toMatchObject({ user: { username: SECOND.username } });

    // The admin's upload names a file only the admin's client can use.
    const mine = JSON.parse((await upload(server, 'de-admin.csv')).body) as { token: string; name: string };
    const stolen = await other.api('import:start', { file: mine, mode: 'inspect' });
    expect(stolen).toMatchObject({ ok: false, error: { kind: 'validation', message: 'El archivo elegido ya no está disponible. Elíjalo de nuevo.' } });
    const own = JSON.parse((await upload(other, 'de-coordinadora.csv')).body) as { token: string; name: string };
    expect((await other.api('import:start', { file: own, mode: 'inspect' })).ok).toBe(true);
    expect((await server.api('import:start', { file: mine, mode: 'inspect' })).ok).toBe(true);

    // One signing out leaves the other signed in; the one who left loses the files they chose.
    expect((await other.api('auth:signOut', {})).ok).toBe(true);
    expect((await other.api('app:info', {})).value).toMatchObject({ user: null });
    expect((await server.api('app:info', {})).value).toMatchObject({ user: { username: ADMIN.username } });
    await other.api('auth:signIn', { username: SECOND.username, password: 'definitiva-456' });
    expect(await other.api('import:start', { file: own, mode: 'inspect' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('ya no está disponible') } });

    // Someone else signing in over a locked screen does not inherit the files chosen there.
    const again = JSON.parse((await upload(other, 'otra-vez.csv')).body) as { token: string; name: string };
    expect((await other.api('auth:lock', {})).ok).toBe(true);
    expect((await other.api('auth:signIn', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    expect(await other.api('import:start', { file: again, mode: 'inspect' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('ya no está disponible') } });
  }, 60_000);

  it('a client without a cookie starts signed out with one of its own; a forged cookie is a stranger', async () => {
    const fresh = await server.send({ method: 'POST', path: '/api/app:info', headers: { ...auth, cookie: 'recupera_cliente=inventado0123456789abcdefghijklmn' }, body: '{}' });
    expect(JSON.parse(fresh.body)).toMatchObject({ ok: true, value: { user: null } });
    const given = fresh.headers['set-cookie']?.[0] ?? '';
    expect(given).toMatch(/^recupera_cliente=[A-Za-z0-9_-]{32}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(given).not.toContain('inventado');
  });
});

describe('the clients map stays bounded', () => {
  it('drops the client seen longest ago when full, and any client idle too long, forgetting its files', () => {
    let now = 0;
    const clients = new ClientSessions({ maxClients: 2, idleMs: 1000, now: () => now });
    const req = (id: string) => ({ headers: { cookie: `recupera_cliente=${id}` } }) as never;
    const a = clients.open();
    a.session.user = admin;
    const token = issueFileToken(a.session, '/tmp/x.csv', 'x.csv');
    const b = clients.open();
    now = 10;
    expect(clients.find(req(a.id))?.session).toBe(a.session);
    clients.open();
    // b was seen longest ago: dropped; a stays.
    expect(clients.find(req(b.id))).toBeNull();
    expect(clients.find(req(a.id))?.session.user).toBe(admin);
    expect(clients.size).toBe(2);
    now = 5000;
    expect(clients.find(req(a.id))).toBeNull();
    expect(a.session.user).toBeNull();
    expect(() => resolveFileToken(a.session, token)).toThrow('ya no está disponible');
  });
});
