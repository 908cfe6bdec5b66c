import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CSP } from '../../electron/platform/csp';
import { auth, INDEX_HTML, OUTSIDE_SECRET, startTestServer, type TestServer } from '../helpers/webServer';

// What the browser mode serves and stores: reports, uploads and the renderer's files, never anything else.
let server: TestServer;
let dir: string;
let dataDir: string;
let dbPath: string;
let rendererDir: string;
let send: TestServer['send'];
/** Files kept under cargas/ whose name ends so. */
const uploaded = (suffix: string) => readdirSync(join(dataDir, 'cargas')).filter((f) => f.endsWith(suffix)).map((f) => join(dataDir, 'cargas', f));

beforeAll(async () => {
  server = await startTestServer();
  ({ dir, dataDir, dbPath, rendererDir, send } = server);
});

afterAll(async () => {
  await server?.close();
});

describe('browser-mode web server files', () => {
  describe('download', () => {
    it('serves only files inside the reports folder', async () => {
      const reports = join(dataDir, 'reportes');
      mkdirSync(reports, { recursive: true });
      const report = join(reports, 'informe de prueba.xlsx');
      writeFileSync(report, 'contenido-del-reporte');
      const sibling = join(dataDir, 'reportes-otros');
      mkdirSync(sibling, { recursive: true });
      writeFileSync(join(sibling, 'x.xlsx'), 'no');

      // Nobody signed in yet: personal data does not leave.
      const anonymous = await send({ path: `/download?path=${encodeURIComponent(report)}`, headers: auth });
      expect(anonymous.status).toBe(403);
      expect(anonymous.body).not.toContain('contenido-del-reporte');
      await server.api('setup:init', { stationCode: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', admin: { username: 'admin', fullName: 'Admin de Pruebas', password: 'clave-segura-1' } });

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
    it('stores the body under the uploads folder and answers a token of this client, never the path', async () => {
      const content = 'identificacion,nombre\n1712345678,Ana\n';
      const res = await send({ method: 'POST', path: '/upload?name=x.csv', headers: auth, body: content });
      expect(res.status).toBe(200);
      const out = JSON.parse(res.body) as { token: string; name: string };
      expect(Object.keys(out).sort()).toEqual(['name', 'token']);
      expect(out.name).toBe('x.csv');
      expect(res.body).not.toContain(dataDir);
      const stored = uploaded('-x.csv');
      expect(stored).toHaveLength(1);
      expect(readFileSync(stored[0]!, 'utf8')).toBe(content);
    });

    it('keeps a hostile file name inside the uploads folder, short enough for any disk', async () => {
      const res = await send({ method: 'POST', path: `/upload?name=${encodeURIComponent('../../../escape.csv')}`, headers: auth, body: 'a' });
      expect(res.status).toBe(200);
      const out = JSON.parse(res.body) as { token: string; name: string };
      expect(out.name).toBe('escape.csv');
      expect(uploaded('-escape.csv')).toHaveLength(1);
      expect(existsSync(join(dir, 'escape.csv'))).toBe(false);
      expect(existsSync(join(dataDir, 'escape.csv'))).toBe(false);

      const weird = await send({ method: 'POST', path: `/upload?name=${encodeURIComponent('a<b>|c.csv')}`, headers: auth, body: 'b' });
      const w = JSON.parse(weird.body) as { token: string; name: string };
      expect(w.name).toBe('a_b__c.csv');
      expect(uploaded('-a_b__c.csv')).toHaveLength(1);

      // 300 characters: the kept name is cut, the extension kept (no ENAMETOOLONG).
      const long = await send({ method: 'POST', path: `/upload?name=${encodeURIComponent(`${'ñ'.repeat(300)}.xlsx`)}`, headers: auth, body: 'c' });
      expect(long.status).toBe(200);
      const l = JSON.parse(long.body) as { token: string; name: string };
      expect(Buffer.byteLength(l.name)).toBeLessThanOrEqual(120);
      expect(l.name.endsWith('.xlsx')).toBe(true);
      expect(uploaded(`-${l.name}`)).toHaveLength(1);
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
