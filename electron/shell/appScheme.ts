import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { CSP } from '../platform/csp';

/**
 * The renderer's own origin. The page is served from `app://recupera/` by the shell's protocol
 * handler (never from file://, whose pages Chromium and Electron grant more than a web page), so
 * the CSP arrives as a header and nothing outside dist/renderer can be asked for. No Electron
 * here: the URL → file mapping and the trust checks are unit-tested directly.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'recupera';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

/** Respaldo documents are shown from their own scheme, one origin per opened document (docScheme.ts). */
export const DOC_SCHEME = 'recupera-doc';

/** What `protocol.registerSchemesAsPrivileged` receives, before the app is ready. */
export const PRIVILEGED_SCHEMES = [
  // standard + secure: a real origin (storage, same-origin module scripts), treated like https.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  // Chromium's PDF viewer reads only from standard schemes; stream lets it take the bytes as they come.
  { scheme: DOC_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
] as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeFor(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppFile = { kind: 'file'; path: string } | { kind: 'refused' } | { kind: 'missing' };

function isInside(child: string, root: string): boolean {
  return child === root || child.startsWith(root.endsWith(sep) ? root : root + sep);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The file under `root` an `app://recupera/…` URL names. Anything that would leave the folder
 * (dot segments, encoded separators, a link pointing out) is refused; a path with no extension is
 * a screen of the single-page app and gets index.html; a missing asset is missing, not HTML.
 */
export function appFileFor(url: string, root: string): AppFile {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'refused' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) return { kind: 'refused' };
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return { kind: 'refused' };
  }
  // A backslash is a separator on Windows: `..\` must not slip past the URL parser's dot handling.
  if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((s) => s === '..')) return { kind: 'refused' };
  let base: string;
  try {
    base = realpathSync(resolve(root));
  } catch {
    return { kind: 'missing' };
  }
  const index = join(base, 'index.html');
  const candidate = resolve(base, `.${rel}`);
  if (!isInside(candidate, base)) return { kind: 'refused' };
  if (candidate === base || rel.endsWith('/')) return isFile(index) ? { kind: 'file', path: index } : { kind: 'missing' };
  if (isFile(candidate)) {
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      return { kind: 'missing' };
    }
    return isInside(real, base) ? { kind: 'file', path: real } : { kind: 'refused' };
  }
  if (extname(candidate) === '' && isFile(index)) return { kind: 'file', path: index };
  return { kind: 'missing' };
}

/** Headers on every answer of the app scheme: the page's CSP travels with each response. */
export function appHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

/** The protocol handler's body: a Request for app://recupera/… answered from `root` only. */
export async function serveAppRequest(request: { url: string; method: string }, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: appHeaders('text/plain; charset=utf-8') });
  const file = appFileFor(request.url, root);
  if (file.kind === 'refused') return new Response('Solicitud rechazada.', { status: 403, headers: appHeaders('text/plain; charset=utf-8') });
  if (file.kind === 'missing') return new Response('No encontrado.', { status: 404, headers: appHeaders('text/plain; charset=utf-8') });
  const body = request.method === 'HEAD' ? null : await readFile(file.path);
  return new Response(body, { status: 200, headers: appHeaders(mimeFor(file.path)) });
}

/**
 * What the main window's session may load: its own scheme, the blob:/data: images the renderer
 * makes itself, the developer tools when not packaged. Nothing remote, no file://.
 */
export function isAllowedRendererRequest(url: string, devTools: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  switch (u.protocol) {
    case `${APP_SCHEME}:`:
      return u.host === APP_HOST;
    case 'blob:':
      return url.startsWith(`blob:${APP_ORIGIN}/`);
    case 'data:':
      return true;
    case 'devtools:':
      return devTools;
    default:
      return false;
  }
}

/** A navigation of the main window: only to our own page (a reload), never elsewhere. */
export function isOwnPage(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.pathname === new URL(RENDERER_URL).pathname;
  } catch {
    return false;
  }
}
