import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { closeServices, createServices, type AppServices } from '../../electron/app/services';
import { CSP } from '../../electron/platform/csp';
import { startWebServer, type WebServer } from '../../electron/web/server';

const TOKEN = 'test-token_0123456789abcdefABCDEF';
const INDEX_HTML = '<!doctype html><title>Recupera prueba</title><p id="marker">interfaz-de-prueba</p>';
const OUTSIDE_SECRET = 'secreto-fuera-de-la-interfaz';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  host?: string;
}

let dir: string;
let dataDir: string;
let dbPath: string;
let rendererDir: string;
let app: AppServices;
let web: WebServer;
let port: number;

/** Raw HTTP (node:http) so the path is sent verbatim and the Host header can be chosen. */
function send(r: Req): Promise<Reply> {
  return new Promise((ok, ko) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        // One connection per request: a refused upload leaves its socket mid-body.
        agent: false,
        method: r.method ?? 'GET',
        path: r.path,
        headers: { host: r.host ?? `127.0.0.1:${port}`, ...(r.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', ko);
      },
    );
    req.on('error', ko);
    req.end(r.body);
  });
}

const auth = { 'x-recupera-token': TOKEN };

interface ApiResult {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { kind: string; message: string; fields?: Record<string, string> };
}

async function api(channel: string, input?: unknown): Promise<ApiResult> {
  const res = await send({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { ...auth, 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(res.body) as ApiResult;
}

const ADMIN = { username: 'admin.prueba', fullName: 'Administradora de Prueba', password: 'clave-segura-123' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recupera-web-'));
  dataDir = join(dir, 'datos');
  dbPath = join(dataDir, 'recupera.sqlite');
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("app");');
  // Files next to the renderer folder that must never be served.
  writeFileSync(join(dir, 'outside.txt'), OUTSIDE_SECRET);
  mkdirSync(join(dir, 'renderer-evil'), { recursive: true });
  writeFileSync(join(dir, 'renderer-evil', 'secret.txt'), OUTSIDE_SECRET);

  app = createServices({ dbPath, dataDir });
  web = await startWebServer(app, { port: 0, rendererDir, token: TOKEN });
  const addr = web.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('El servidor no tiene dirección');
  port = addr.port;
});

afterAll(async () => {
  await web?.close();
  if (app) await closeServices(app);
  if (dir) rmSync(dir, { recursive: true, force: true });
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
      const setCookie = first.headers['set-cookie'];
      expect(setCookie).toHaveLength(1);
      const cookie = setCookie![0]!;
      expect(cookie).toMatch(new RegExp(`^recupera_token=${TOKEN};`));
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Strict/i);
      expect(cookie).toMatch(/;\s*Path=\//);
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
      expect(r.value!.counts).toEqual({ customers: 0, services: 0, items: 0 });
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

  describe('download', () => {
    it('serves only files inside the reports folder', async () => {
      const reports = join(dataDir, 'reportes');
      mkdirSync(reports, { recursive: true });
      const report = join(reports, 'informe de prueba.xlsx');
      writeFileSync(report, 'contenido-del-reporte');
      const sibling = join(dataDir, 'reportes-otros');
      mkdirSync(sibling, { recursive: true });
      writeFileSync(join(sibling, 'x.xlsx'), 'no');

      const ok = await send({ path: `/download?path=${encodeURIComponent(report)}`, headers: auth });
      expect(ok.status).toBe(200);
      expect(ok.body).toBe('contenido-del-reporte');
      expect(ok.headers['content-disposition']).toBe(`attachment; filename="${encodeURIComponent('informe de prueba.xlsx')}"`);
      expect(ok.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

      const refused = [
        dbPath,
        join(reports, '..', 'recupera.sqlite'),
        `${reports}${sep}..${sep}recupera.sqlite`,
        join(reports, '..', '..', 'outside.txt'),
        join(dir, 'outside.txt'),
        join(sibling, 'x.xlsx'),
        reports,
        `${reports}${sep}`,
        join(reports, 'no-existe.xlsx'),
        relative(process.cwd(), dbPath),
        'package.json',
        '/etc/passwd',
        '',
      ];
      for (const p of refused) {
        const res = await send({ path: `/download?path=${encodeURIComponent(p)}`, headers: auth });
        expect(res.status, p).toBe(404);
        expect(res.body).not.toContain(OUTSIDE_SECRET);
        expect(res.body).not.toContain('SQLite format');
      }
      const none = await send({ path: '/download', headers: auth });
      expect(none.status).toBe(404);
    });
  });

  describe('upload', () => {
    it('stores the body under the uploads folder and returns its path', async () => {
      const content = 'identificacion,nombre\n1712345678,Ana\n';
      const res = await send({ method: 'POST', path: '/upload?name=x.csv', headers: auth, body: content });
      expect(res.status).toBe(200);
      const out = JSON.parse(res.body) as { path: string; name: string };
      expect(out.name).toBe('x.csv');
      expect(dirname(out.path)).toBe(join(dataDir, 'cargas'));
      expect(out.path.endsWith('-x.csv')).toBe(true);
      expect(readFileSync(out.path, 'utf8')).toBe(content);
    });

    it('keeps a hostile file name inside the uploads folder', async () => {
      const res = await send({ method: 'POST', path: `/upload?name=${encodeURIComponent('../../../escape.csv')}`, headers: auth, body: 'a' });
      expect(res.status).toBe(200);
      const out = JSON.parse(res.body) as { path: string; name: string };
      expect(dirname(out.path)).toBe(join(dataDir, 'cargas'));
      expect(out.name).toBe('escape.csv');
      expect(existsSync(join(dir, 'escape.csv'))).toBe(false);
      expect(existsSync(join(dataDir, 'escape.csv'))).toBe(false);

      const weird = await send({ method: 'POST', path: `/upload?name=${encodeURIComponent('a<b>|c.csv')}`, headers: auth, body: 'b' });
      const w = JSON.parse(weird.body) as { path: string; name: string };
      expect(w.name).toBe('a_b__c.csv');
      expect(dirname(w.path)).toBe(join(dataDir, 'cargas'));
    });

    it('refuses a declared size over the limit', async () => {
      const res = await send({
        method: 'POST',
        path: '/upload?name=grande.csv',
        headers: { ...auth, 'content-length': String(301 * 1024 * 1024) },
      });
      expect(res.status).toBe(413);
      const stored = readdirSync(join(dataDir, 'cargas')).filter((f) => f.endsWith('grande.csv'));
      expect(stored).toEqual([]);
    });
  });

  describe('static files', () => {
    it('never serves a file outside the renderer folder', async () => {
      const attempts = [
        '/../package.json',
        '/../../package.json',
        '/..%2fpackage.json',
        '/%2e%2e/outside.txt',
        '/..%2foutside.txt',
        '/..%2f..%2foutside.txt',
        '/a/..%2f..%2foutside.txt',
        '/..%5coutside.txt',
        '/..%2frenderer-evil%2fsecret.txt',
        `/${encodeURIComponent(join(dir, 'outside.txt'))}`,
        `//${join(dir, 'outside.txt')}`,
      ];
      const pkg = readFileSync(join(process.cwd(), 'package.json'), 'utf8');
      for (const path of attempts) {
        const res = await send({ path, headers: auth });
        expect(res.body, path).not.toContain(OUTSIDE_SECRET);
        expect(res.body, path).not.toBe(pkg);
        expect(res.body, path).not.toContain('"name": "recupera"');
        // Unknown paths fall back to the single-page app.
        if (res.status === 200) expect(res.body, path).toBe(INDEX_HTML);
        else expect(res.status, path).toBe(404);
      }
    });

    it('falls back to index.html for client-side routes', async () => {
      const res = await send({ path: '/clientes/123', headers: auth });
      expect(res.status).toBe(200);
      expect(res.body).toBe(INDEX_HTML);
      expect(res.headers['content-security-policy']).toBe(CSP);
    });

    it('refuses methods other than GET and POST', async () => {
      const res = await send({ method: 'PUT', path: '/index.html', headers: auth, body: 'x' });
      expect(res.status).toBe(405);
      expect(readFileSync(join(rendererDir, 'index.html'), 'utf8')).toBe(INDEX_HTML);
    });
  });
});
