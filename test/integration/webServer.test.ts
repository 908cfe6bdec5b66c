import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppServices } from '../../electron/app/services';
import { CSP } from '../../electron/platform/csp';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { auth, INDEX_HTML, startTestServer, TOKEN, type ApiResult, type Req, type TestServer } from '../helpers/webServer';

// Who may reach the browser mode (loopback, token, Host) and its API; files are in webServerFiles.test.ts.
let server: TestServer;
let dataDir: string;
let dbPath: string;
let rendererDir: string;
let app: AppServices;
let web: WebServer;
let port: number;
let send: TestServer['send'];
let api: TestServer['api'];

const ADMIN = { username: 'admin.prueba', fullName: 'Administradora de Prueba', password: 'clave-segura-123' };

beforeAll(async () => {
  server = await startTestServer();
  ({ dataDir, dbPath, rendererDir, app, web, port, send, api } = server);
});

afterAll(async () => {
  await server?.close();
});

describe('browser-mode web server', () => {
  it('listens only on loopback and reports a tokenized URL', () => {
    const addr = web.server.address();
    expect(addr && typeof addr === 'object' ? addr.address : addr).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(web.token).toBe(TOKEN);
    expect(web.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
  });

  it('generates a fresh random token when none is given', async () => {
    const other = await startWebServer(app, { port: 0, rendererDir });
    try {
      expect(other.token).not.toBe(TOKEN);
      expect(other.token.length).toBeGreaterThanOrEqual(24);
      expect(other.url).toContain(`?token=${other.token}`);
    } finally {
      await other.close();
    }
  });

  describe('token', () => {
    it('refuses every kind of request without a token', async () => {
      for (const r of [
        { path: '/' },
        { path: '/index.html' },
        { path: '/app.js' },
        { method: 'POST', path: '/api/app:info', body: '{}' },
        { path: `/download?path=${encodeURIComponent(dbPath)}` },
      ] satisfies Req[]) {
        const res = await send(r);
        expect(res.status, `${r.method ?? 'GET'} ${r.path}`).toBe(403);
        expect(res.body).not.toContain('interfaz-de-prueba');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    });

    it('does not store an upload without a token', async () => {
      const res = await send({ method: 'POST', path: '/upload?name=sin-token.csv', body: 'a,b\n1,2\n' });
      expect(res.status).toBe(403);
      const cargas = join(dataDir, 'cargas');
      const stored = existsSync(cargas) ? readdirSync(cargas).filter((f) => f.endsWith('sin-token.csv')) : [];
      expect(stored).toEqual([]);
    });

    it('refuses a wrong token in the query, the header or the cookie', async () => {
      const wrong = `${TOKEN.slice(0, -1)}X`;
      const q = await send({ path: `/?token=${wrong}` });
      expect(q.status).toBe(403);
      expect(q.headers['set-cookie']).toBeUndefined();

      const h = await send({ method: 'POST', path: '/api/app:info', headers: { 'x-recupera-token': wrong }, body: '{}' });
      expect(h.status).toBe(403);

      const c = await send({ path: '/', headers: { cookie: `recupera_token=${wrong}` } });
      expect(c.status).toBe(403);
      expect(c.body).not.toContain('interfaz-de-prueba');

      const short = await send({ path: '/', headers: { cookie: 'recupera_token=abc' } });
      expect(short.status).toBe(403);
    });

    it('trades the query token for an HttpOnly SameSite=Strict cookie, then serves the page with a CSP', async () => {
      const first = await send({ path: `/?token=${TOKEN}` });
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/');
      // The run token, and a session of this client's own (web/clients.ts): both HttpOnly, SameSite=Strict.
      const setCookie = first.headers['set-cookie'];
      expect(setCookie).toHaveLength(2);
      const cookie = setCookie![0]!;
      expect(cookie).toMatch(new RegExp(`^recupera_token=${TOKEN};`));
      const client = setCookie![1]!;
      expect(client).toMatch(/^recupera_cliente=[A-Za-z0-9_-]{32};/);
      expect(client).not.toContain(TOKEN);
      for (const c of [cookie, client]) {
        expect(c).toMatch(/;\s*HttpOnly/i);
        expect(c).toMatch(/;\s*SameSite=Strict/i);
        expect(c).toMatch(/;\s*Path=\//);
      }
      // The token is not echoed in the redirect target.
      expect(first.headers.location).not.toContain(TOKEN);

      const pair = cookie.split(';')[0]!;
      const page = await send({ path: '/', headers: { cookie: pair } });
      expect(page.status).toBe(200);
      expect(page.body).toBe(INDEX_HTML);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toBe(CSP);
      expect(page.headers['x-content-type-options']).toBe('nosniff');

      const js = await send({ path: '/app.js', headers: { cookie: pair } });
      expect(js.status).toBe(200);
      expect(js.body).toBe('console.log("app");');
      expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    });

    it('keeps the path when redirecting a deep link', async () => {
      const res = await send({ path: `/buscar?token=${TOKEN}` });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/buscar');
    });
  });

  describe('Host header (DNS rebinding)', () => {
    it('answers 421 to a foreign Host even with the right token', async () => {
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`]) {
        const page = await send({ path: `/?token=${TOKEN}`, host });
        expect(page.status, host).toBe(421);
        expect(page.headers['set-cookie']).toBeUndefined();

        const call = await send({ method: 'POST', path: '/api/app:info', host, headers: auth, body: '{}' });
        expect(call.status, host).toBe(421);
        expect(call.body).not.toContain('"ok"');
      }
    });

    it('accepts its own Host', async () => {
      const res = await send({ path: '/', host: `127.0.0.1:${port}`, headers: auth });
      expect(res.status).toBe(200);
    });
  });

  describe('API', () => {
    it('answers app:info before setup', async () => {
      const r = await api('app:info', {});
      expect(r.ok).toBe(true);
      expect(r.value).toMatchObject({ initialized: false, needsAdmin: false, station: null, user: null, version: app.version });
      // Nobody signed in: the base is not counted (the sign-in screen does not wait for it).
      expect(r.value!.counts).toBeNull();
    });

    it('answers app:info with an empty body', async () => {
      const r = await api('app:info');
      expect(r.ok).toBe(true);
    });

    it('refuses channels outside the contracts', async () => {
      for (const channel of ['fs:readFile', 'shell:saveCopy', 'constructor', '__proto__']) {
        const r = await api(channel, {});
        expect(r.ok, channel).toBe(false);
        expect(r.error?.kind, channel).toBe('not_found');
        expect(r.error?.message.length).toBeGreaterThan(0);
      }
    });

    it('answers validation errors for bad input', async () => {
      const empty = await api('setup:init');
      expect(empty.ok).toBe(false);
      expect(empty.error?.kind).toBe('validation');
      expect(empty.error?.fields).toHaveProperty('stationCode');

      const blank = await api('setup:init', { stationCode: '', office: '' });
      expect(blank.ok).toBe(false);
      expect(blank.error?.kind).toBe('validation');
      expect(blank.error?.message).toBe('Escriba el código de estación.');
      expect(blank.error?.fields).toMatchObject({ stationCode: 'Escriba el código de estación.', office: 'Escriba el nombre de la oficina.' });
    });

    it('answers a validation error for a body that is not JSON', async () => {
      const res = await send({ method: 'POST', path: '/api/app:info', headers: auth, body: '{no es json' });
      expect(res.status).toBe(200);
      const r = JSON.parse(res.body) as ApiResult;
      expect(r.ok).toBe(false);
      expect(r.error?.kind).toBe('validation');
    });

    it('keeps the session across calls: setup, sign-out, refusal', async () => {
      const init = await api('setup:init', { stationCode: 'uio-prueba-01', office: 'Oficina de prueba', admin: ADMIN });
      expect(init.ok).toBe(true);
      expect(init.value).toMatchObject({ station: { code: 'UIO-PRUEBA-01' }, user: { username: ADMIN.username, role: 'ADMIN' } });

      const info = await api('app:info', {});
      expect(info.ok).toBe(true);
      expect(info.value).toMatchObject({ initialized: true, needsAdmin: false, user: { username: ADMIN.username, fullName: ADMIN.fullName, role: 'ADMIN' } });

      const search = await api('search:query', { text: 'nadie' });
      expect(search.ok).toBe(true);
      expect(search.value).toMatchObject({ results: [], total: 0 });

      const out = await api('auth:signOut', {});
      expect(out.ok).toBe(true);

      const after = await api('app:info', {});
      expect(after.value).toMatchObject({ initialized: true, user: null });

      const refused = await api('search:query', { text: 'nadie' });
      expect(refused.ok).toBe(false);
      expect(refused.error?.kind).toBe('refused');
      expect(refused.error?.message).toMatch(/sesión/);

      const back = await api('auth:signIn', { username: ADMIN.username, password: ADMIN.password });
      expect(back.ok).toBe(true);
      const again = await api('search:query', { text: 'nadie' });
      expect(again.ok).toBe(true);
      await api('auth:signOut', {});
    });
  });
});
