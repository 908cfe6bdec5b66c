import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CHANNELS } from '../../shared/contracts';
import { AppFailure, fail } from '../../shared/result';
import { produceFileAtomic } from '../files/atomicFile';
import { keptSize, openKept } from '../files/sealedFile';
import { LIMITS } from '../spreadsheet/limits';
import { recordDownload } from '../app/downloadAudit';
import { issueFileToken } from '../app/fileTokens';
import { generatedDirs, uploadDir, type AppServices, type Session } from '../app/services';
import { dispatch } from '../handlers/table';
import { CSP } from '../platform/csp';
import { log } from '../platform/log';
import { clientCookie, ClientSessions, cookieValue, type ClientOptions } from './clients';
import { removeUploads, uploadPath } from './uploads';

/** An upload past the size limit: refused with 413, whatever the client declared. */
class UploadTooLarge extends Error {}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface WebServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  // A refusal may leave an unread request body: close the connection rather than reuse it.
  const close = status >= 400 ? { connection: 'close' } : {};
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...close });
  res.end(body);
}

/** A Spanish refusal the renderer shows as it is (api/client.ts reads the JSON of a 403 from /upload). */
function refuse(res: ServerResponse, message: string): void {
  send(res, 403, JSON.stringify(fail('refused', message)), 'application/json');
}

/**
 * The name an upload is shown and kept under: no folders, no odd characters, and short enough
 * (in UTF-8 bytes, next to its id and a temporary's prefix) for any file system's 255.
 */
function uploadName(raw: string | null): string {
  const name = basename(raw ?? '').replace(/[^\p{L}\p{N}._ -]/gu, '_').trim() || 'archivo';
  if (Buffer.byteLength(name) <= MAX_UPLOAD_NAME_BYTES) return name;
  const ext = extname(name).slice(0, 16);
  let stem = '';
  for (const ch of name.slice(0, name.length - ext.length)) {
    if (Buffer.byteLength(stem + ch + ext) > MAX_UPLOAD_NAME_BYTES) break;
    stem += ch;
  }
  return `${stem}${ext}`;
}

const MAX_UPLOAD_NAME_BYTES = 120;

async function readJson(req: IncomingMessage, max = 5 * 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new Error('too large');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/**
 * Browser mode: the same renderer and the same handler table over HTTP, for development and
 * end-to-end tests. Bound to loopback; every request needs the per-run token (query on the
 * first visit, then an HttpOnly cookie), and the Host header must be ours (DNS rebinding).
 * Each client (a browser, a tab's cookie jar, a script) has its own session, named by a second
 * HttpOnly cookie (web/clients.ts): who is signed in, the lock and the files chosen are its own.
 */
export async function startWebServer(
  app: AppServices,
  opts: { port?: number; rendererDir: string; token?: string; clients?: ClientOptions },
): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const clients = new ClientSessions(opts.clients);
  removeUploads(uploadDir(app), 'dead');
  const root = resolve(opts.rendererDir);
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('web.requestFailed', { method: req.method, route: (req.url ?? '').split('?')[0], err: e });
      if (!res.headersSent) send(res, 500, 'Error interno');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (req.headers.host !== new URL(origin).host) return send(res, 421, 'Host no permitido');
    const presented = url.searchParams.get('token') ?? (req.headers['x-recupera-token'] as string | undefined) ?? cookieValue(req, 'recupera_token');
    if (!sameToken(presented, token)) return send(res, 403, 'Falta el token de esta sesión. Abra la dirección que mostró `npm run web`.');

    if (url.searchParams.has('token') && req.method === 'GET') {
      // A client already known keeps its session (a reload of the printed address); a new one gets its own.
      const cookies = [`recupera_token=${token}; HttpOnly; SameSite=Strict; Path=/`];
      if (!clients.find(req)) cookies.push(clientCookie(clients.open().id));
      res.writeHead(303, { location: url.pathname, 'set-cookie': cookies, 'cache-control': 'no-store' });
      return void res.end();
    }

    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      let channel = '';
      try {
        channel = decodeURIComponent(url.pathname.slice(5));
      } catch {
        return send(res, 400, 'Dirección no válida');
      }
      if (!CHANNELS.includes(channel)) return send(res, 200, JSON.stringify(fail('not_found', 'Operación desconocida.')), 'application/json');
      let input: unknown;
      try {
        input = await readJson(req);
      } catch {
        return send(res, 200, JSON.stringify(fail('validation', 'La solicitud no es válida.')), 'application/json');
      }
      // A client without a session of its own (no cookie yet, or one dropped) starts signed out with a new one.
      const known = clients.find(req);
      const client = known ?? clients.open();
      if (!known) res.setHeader('set-cookie', clientCookie(client.id));
      const result = await dispatch(channel, input, { app, session: client.session });
      return send(res, 200, JSON.stringify(result), 'application/json');
    }

    if (req.method === 'POST' && url.pathname === '/upload') return upload(req, res, url, signedIn(req));
    if (req.method === 'GET' && url.pathname === '/download') return download(res, url, signedIn(req));
    if (req.method === 'GET') return serveStatic(res, url.pathname);
    return send(res, 405, 'Método no permitido');
  }

  /** The client's session when someone is signed in there with the screen unlocked; files move only then. */
  function signedIn(req: IncomingMessage): Session | null {
    const session = clients.find(req)?.session;
    return session?.user && !session.locked ? session : null;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL, session: Session | null): Promise<void> {
    if (!session) return refuse(res, 'Inicie sesión para cargar archivos.');
    const name = uploadName(url.searchParams.get('name'));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > LIMITS.maxFileBytes) return send(res, 413, 'Archivo demasiado grande');
    const path = uploadPath(uploadDir(app), name);
    try {
      // Lands whole or not at all: a dropped connection or a full disk leaves nothing in cargas/.
      await produceFileAtomic(path, async (temporary) => {
        let size = 0;
        await pipeline(
          req,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const c of source) {
              size += c.length;
              if (size > LIMITS.maxFileBytes) throw new UploadTooLarge();
              yield c;
            }
          },
          createWriteStream(temporary, { flags: 'wx' }),
        );
      });
    } catch (e) {
      log.warn('web.uploadFailed', { err: e });
      if (e instanceof AppFailure) return send(res, 507, JSON.stringify(fail(e.kind, e.message)), 'application/json');
      if (e instanceof UploadTooLarge) return send(res, 413, 'Archivo demasiado grande');
      return send(res, 400, 'La carga del archivo se interrumpió');
    }
    // Redeemable only by this client's session: the renderer never learns where the file went.
    send(res, 200, JSON.stringify({ token: issueFileToken(session, path, name), name }), 'application/json');
  }

  async function download(res: ServerResponse, url: URL, session: Session | null): Promise<void> {
    // Files hold personal data: only someone signed in at this desk, with the screen unlocked, takes one.
    if (!session) return send(res, 403, 'Inicie sesión para descargar archivos.');
    // Only generated files (reports, packages, depuración files) can be fetched, never an arbitrary path.
    const path = resolve(url.searchParams.get('path') ?? '');
    const allowed = generatedDirs(app).map((d) => resolve(d) + sep);
    if (!allowed.some((a) => path.startsWith(a)) || !existsSync(path)) return send(res, 404, 'No encontrado');
    const s = await stat(path);
    if (!s.isFile()) return send(res, 404, 'No encontrado');
    // The audit log says who took which file.
    recordDownload(app, session, path);
    res.writeHead(200, {
      'content-type': path.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream',
      'content-length': await keptSize(path),
      'content-disposition': `attachment; filename="${encodeURIComponent(basename(path))}"`,
    });
    // Kept sealed (files/sealedFile.ts): the browser receives the clear bytes the person asked for.
    const body = await openKept(path, app.dataKey).catch(() => null);
    if (!body) return void res.destroy();
    await pipeline(body, res).catch(() => res.destroy());
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'Dirección no válida');
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    let file = resolve(root, rel || 'index.html');
    if (!file.startsWith(root)) return send(res, 404, 'No encontrado');
    if (!existsSync(file) || (await stat(file)).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) return send(res, 500, 'Falta la interfaz compilada: ejecute `npm run build` primero.');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    await pipeline(createReadStream(file), res).catch(() => res.destroy());
  }

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        clients.clear();
        server.close(() => {
          removeUploads(uploadDir(app), 'own');
          ok();
        });
      }),
  };
}
