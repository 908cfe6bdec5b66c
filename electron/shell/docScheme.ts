import { randomBytes } from 'node:crypto';
import { DOC_SCHEME } from './appScheme';

/** A respaldo document in clear, held in memory only while its viewer window is open. */
export interface ViewedDocument {
  bytes: Buffer;
  mime: string;
  name: string;
}

const SHOWN_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * Documents open in the viewer, each behind a random token that is the host of its URL
 * (`recupera-doc://<token>/`): a page cannot guess another document's address, each document is
 * its own origin, and the token dies with its window. Hex, because a standard scheme's host is
 * lower-cased by Chromium.
 */
export class ViewerDocuments {
  private readonly docs = new Map<string, ViewedDocument>();

  issue(doc: ViewedDocument): string {
    if (!SHOWN_TYPES.has(doc.mime)) throw new Error(`unsupported document type ${doc.mime}`);
    const token = randomBytes(24).toString('hex');
    this.docs.set(token, doc);
    return token;
  }

  get(token: string): ViewedDocument | undefined {
    return this.docs.get(token);
  }

  revoke(token: string): void {
    this.docs.delete(token);
  }

  get size(): number {
    return this.docs.size;
  }
}

export function documentUrl(token: string): string {
  return `${DOC_SCHEME}://${token}/`;
}

/**
 * The document's own policy: nothing may load but the document itself. An image also gets the
 * sandbox (no plugins, no scripts, an opaque origin); a PDF cannot (the sandbox blocks the PDF
 * viewer), so its page runs with JavaScript off in a window with no preload (security.ts).
 */
export function documentCsp(mime: string): string {
  const base = ["default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"];
  if (mime === 'application/pdf') return [...base, "object-src 'self'", "img-src 'self'"].join('; ');
  // Chromium's own image page styles itself inline.
  return [...base, "img-src 'self'", "style-src 'unsafe-inline'", 'sandbox'].join('; ');
}

/** The viewer session's protocol handler: the document its token names, or nothing. */
export function serveDocumentRequest(request: { url: string; method: string }, docs: ViewerDocuments): Response {
  const plain = { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': "default-src 'none'", 'x-content-type-options': 'nosniff' };
  if (request.method !== 'GET') return new Response(null, { status: 405, headers: plain });
  let u: URL;
  try {
    u = new URL(request.url);
  } catch {
    return new Response('Solicitud rechazada.', { status: 403, headers: plain });
  }
  const token = u.host.toLowerCase();
  const doc = u.protocol === `${DOC_SCHEME}:` && /^[0-9a-f]{48}$/.test(token) && u.pathname === '/' && !u.search ? docs.get(token) : undefined;
  if (!doc) return new Response('Documento no disponible.', { status: 404, headers: plain });
  return new Response(new Uint8Array(doc.bytes), {
    status: 200,
    headers: {
      'content-type': doc.mime,
      'content-length': String(doc.bytes.length),
      'content-security-policy': documentCsp(doc.mime),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  });
}
