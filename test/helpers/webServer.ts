import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { closeServices, createServices, type AppServices } from '../../electron/app/services';
import { CLIENT_COOKIE } from '../../electron/web/clients';
import { startWebServer, type WebServer } from '../../electron/web/server';

export const TOKEN = 'test-token_0123456789abcdefABCDEF';
export const INDEX_HTML = '<!doctype html><title>Recupera prueba</title><p id="marker">interfaz-de-prueba</p>';
export const OUTSIDE_SECRET = 'secreto-fuera-de-la-interfaz';
export const auth = { 'x-recupera-token': TOKEN };

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  host?: string;
}

export interface ApiResult {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { kind: string; message: string; fields?: Record<string, string> };
}

/** One browser client: its own cookie jar, so its own session on the server (web/clients.ts). */
export interface TestClient {
  /**
   * Raw HTTP (node:http) so the path is sent verbatim and the Host header can be chosen. The
   * client's session cookie goes along unless the request sets its own `cookie` header.
   */
  send(r: Req): Promise<Reply>;
  /** A call through /api with the token, checked to answer JSON. */
  api(channel: string, input?: unknown): Promise<ApiResult>;
  /** The session cookie this client holds, once the server gave it one. */
  cookie(): string | null;
}

export interface TestServer extends TestClient {
  dir: string;
  dataDir: string;
  dbPath: string;
  rendererDir: string;
  app: AppServices;
  web: WebServer;
  port: number;
  /** Another browser client, with a cookie jar of its own (signed out until it signs in). */
  client(): TestClient;
  close(): Promise<void>;
}

/**
 * The browser mode on a fresh database and a stand-in renderer folder, with files next to it
 * that must never be served.
 */
export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'recupera-web-'));
  const dataDir = join(dir, 'datos');
  const dbPath = join(dataDir, 'recupera.sqlite');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'outside.txt'), OUTSIDE_SECRET);
  mkdirSync(join(dir, 'renderer-evil'), { recursive: true });
  writeFileSync(join(dir, 'renderer-evil', 'secret.txt'), OUTSIDE_SECRET);

  const app = createServices({ dbPath, dataDir });
  const web = await startWebServer(app, { port: 0, rendererDir, token: TOKEN });
  const addr = web.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('El servidor no tiene dirección');
  const port = addr.port;

  function raw(r: Req): Promise<Reply> {
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

  function client(): TestClient {
    let jar: string | null = null;
    async function send(r: Req): Promise<Reply> {
      const own = r.headers && Object.keys(r.headers).some((h) => h.toLowerCase() === 'cookie');
      const res = await raw(own || !jar ? r : { ...r, headers: { ...(r.headers ?? {}), cookie: jar } });
      const given = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${CLIENT_COOKIE}=`));
      if (given && !own) jar = given;
      return res;
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
    return { send, api, cookie: () => jar };
  }
  const first = client();

  async function close(): Promise<void> {
    await web.close();
    await closeServices(app);
    rmSync(dir, { recursive: true, force: true });
  }

  return { dir, dataDir, dbPath, rendererDir, app, web, port, ...first, client, close };
}
