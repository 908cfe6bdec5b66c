import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTA_CSS, renderActaHtml } from '../../shared/acta/template';
import type { DailyCloseView } from '../../shared/contracts/dailyClose';
import { closeTotals } from '../../shared/dailyClose';
import { DAILY_CLOSE_CSS, renderDailyCloseHtml } from '../../shared/dailyClosePrint';
import { ACTA_STYLE_SOURCE, CSP, CSP_META, DAILY_CLOSE_STYLE_SOURCE, styleHashSource } from '../../electron/platform/csp';
import {
  APP_ORIGIN,
  appFileFor,
  DOC_SCHEME,
  isAllowedRendererRequest,
  isOwnPage,
  mimeFor,
  PRIVILEGED_SCHEMES,
  RENDERER_URL,
  serveAppRequest,
} from '../../electron/shell/appScheme';
import { documentCsp, documentUrl, serveDocumentRequest, ViewerDocuments } from '../../electron/shell/docScheme';
import { isTrustedSender } from '../../electron/shell/security';

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'recupera-scheme-'));
  root = join(base, 'renderer');
  outside = join(base, 'secreto.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Recupera</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'inter.woff2'), 'w');
  writeFileSync(outside, 'no debe salir');
  symlinkSync(outside, join(root, 'assets', 'enlace.txt'));
});

afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('app:// scheme', () => {
  it('is registered privileged: standard, secure, with fetch', () => {
    const app = PRIVILEGED_SCHEMES.find((s) => s.scheme === 'app');
    expect(app?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(RENDERER_URL).toBe('app://recupera/index.html');
    expect(APP_ORIGIN).toBe('app://recupera');
  });

  it('maps URLs to files under the renderer folder only', () => {
    expect(appFileFor('app://recupera/index.html', root)).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(appFileFor('app://recupera/assets/index-abc.js', root)).toEqual({ kind: 'file', path: join(root, 'assets', 'index-abc.js') });
    expect(appFileFor('app://recupera/', root)).toEqual({ kind: 'file', path: join(root, 'index.html') });
    // A screen of the single-page app gets the page; a missing asset is missing, not HTML.
    expect(appFileFor('app://recupera/clientes', root)).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(appFileFor('app://recupera/assets/falta.js', root)).toEqual({ kind: 'missing' });
  });

  it('refuses path traversal however it is spelled', () => {
    for (const url of [
      'app://recupera/../secreto.txt',
      'app://recupera/%2e%2e/secreto.txt',
      'app://recupera/assets/..%2f..%2fsecreto.txt',
      'app://recupera/assets/%2e%2e%2f%2e%2e%2fsecreto.txt',
      'app://recupera/..%5csecreto.txt',
      'app://recupera/assets/%00.js',
      'app://recupera/%E0%A4%A',
      'app://recupera/assets/enlace.txt',
      'app://otro/index.html',
      'app://x@recupera/index.html',
      'file:///etc/passwd',
      'no es una url',
    ]) {
      const r = appFileFor(url, root);
      expect(r.kind === 'file' ? r.path : r.kind, url).not.toMatch(/secreto|passwd/);
      expect(r.kind, url).not.toBe('file');
    }
  });

  it('answers with the right type and the CSP on every response', async () => {
    const js = await serveAppRequest({ url: 'app://recupera/assets/index-abc.js', method: 'GET' }, root);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CSP);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log(1)');

    const page = await serveAppRequest({ url: RENDERER_URL, method: 'GET' }, root);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);

    const refused = await serveAppRequest({ url: 'app://recupera/assets/..%2f..%2fsecreto.txt', method: 'GET' }, root);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toBe(CSP);
    expect(await refused.text()).not.toContain('no debe salir');

    expect((await serveAppRequest({ url: 'app://recupera/assets/falta.js', method: 'GET' }, root)).status).toBe(404);
    expect((await serveAppRequest({ url: RENDERER_URL, method: 'POST' }, root)).status).toBe(405);
  });

  it('knows the types the renderer build produces', () => {
    expect(mimeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeFor('a.woff2')).toBe('font/woff2');
    expect(mimeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeFor('a.PNG')).toBe('image/png');
    expect(mimeFor('a.exe')).toBe('application/octet-stream');
  });

  it('lets the main window load only its own scheme and what the page makes', () => {
    expect(isAllowedRendererRequest('app://recupera/assets/x.js', false)).toBe(true);
    expect(isAllowedRendererRequest('blob:app://recupera/6c1b2a7e-0000-4000-8000-000000000000', false)).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA', false)).toBe(true);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html', true)).toBe(true);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html', false)).toBe(false);
    for (const url of ['file:///etc/passwd', 'https://evil.example/', 'http://127.0.0.1:8080/', 'ws://x/', 'app://otro/x', 'blob:https://evil.example/x', `${DOC_SCHEME}://abc/`, 'chrome://gpu', 'x']) {
      expect(isAllowedRendererRequest(url, true), url).toBe(false);
    }
  });

  it('navigation stays on our page', () => {
    expect(isOwnPage(RENDERER_URL)).toBe(true);
    expect(isOwnPage(`${RENDERER_URL}#/x`)).toBe(true);
    expect(isOwnPage('app://recupera/otra.html')).toBe(false);
    expect(isOwnPage('https://evil.example/index.html')).toBe(false);
    expect(isOwnPage('file:///opt/recupera/dist/renderer/index.html')).toBe(false);
  });

  it('trusts IPC only from app://recupera', () => {
    expect(isTrustedSender(RENDERER_URL, RENDERER_URL)).toBe(true);
    expect(isTrustedSender(`${RENDERER_URL}#/buscar`, RENDERER_URL)).toBe(true);
    expect(isTrustedSender('app://recupera.evil/index.html', RENDERER_URL)).toBe(false);
    expect(isTrustedSender('app://x@recupera/index.html', RENDERER_URL)).toBe(false);
    expect(isTrustedSender('app://recupera/otra.html', RENDERER_URL)).toBe(false);
    expect(isTrustedSender('file:///opt/recupera/dist/renderer/index.html', RENDERER_URL)).toBe(false);
    expect(isTrustedSender(`${DOC_SCHEME}://0123/`, RENDERER_URL)).toBe(false);
  });
});

describe('CSP without unsafe-inline', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((p) => p[0])
        .map((p) => [p[0]!, p.slice(1)] as const),
    );

  it('allows no inline style but the acta and daily close templates, by hash', () => {
    expect(CSP).not.toContain('unsafe-inline');
    expect(CSP).not.toContain('unsafe-hashes');
    expect(directives(CSP).get('style-src')).toEqual(["'self'", ACTA_STYLE_SOURCE, DAILY_CLOSE_STYLE_SOURCE]);
    expect(directives(CSP).has('style-src-attr')).toBe(false);
  });

  it('hashes exactly the <style> the acta HTML carries', () => {
    expect(ACTA_STYLE_SOURCE).toBe(`'sha256-${createHash('sha256').update(ACTA_CSS).digest('base64')}'`);
    expect(styleHashSource('a')).not.toBe(styleHashSource('a '));
    const view = {
      number: '001-001-000000001',
      deliveredAt: '2026-01-02T15:00:00.000Z',
      items: [],
      services: [],
      holder: { name: 'ANA', identification: '0102030405' },
      deliveredBy: 'TITULAR',
      thirdParty: null,
      voided: null,
      outOfBase: false,
      office: 'Oficina',
      station: 'GYE-01',
      city: 'Guayaquil',
      clerkName: 'Clara',
      clerkUsername: 'clara',
      clerkIdentification: null,
      observations: null,
      verificationCode: 'ABCDEFGHJKLMNPQR',
      owed: [],
    } as unknown as Parameters<typeof renderActaHtml>[0];
    const html = renderActaHtml(view, { qrSvg: '<svg></svg>', reprint: false });
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(styleHashSource(styles[0]!)).toBe(ACTA_STYLE_SOURCE);
    // Nothing else inline that a hash would not cover.
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('hashes exactly the <style> the daily close HTML carries', () => {
    const lines: DailyCloseView['lines'] = [{ clerkId: 'c1', clerkName: 'Clara', kind: 'EQUIPO', type: 'MODEM', label: 'MODEM', recorded: 1, current: 1, counted: 0 }];
    const html = renderDailyCloseHtml({
      day: '2026-01-02', station: 'GYE-01', office: 'Oficina', status: 'BORRADOR', clerks: [], voidedActas: 0, lines, totals: closeTotals(lines),
      note: '<b>x</b>', countedBy: null, countedAt: null, signedBy: null, signedAt: null, editable: true,
    });
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toEqual([DAILY_CLOSE_CSS]);
    expect(styleHashSource(styles[0]!)).toBe(DAILY_CLOSE_STYLE_SOURCE);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('the meta policy is the header policy minus what a meta cannot carry', () => {
    expect(directives(CSP_META).has('frame-ancestors')).toBe(false);
    const header = directives(CSP);
    header.delete('frame-ancestors');
    expect(directives(CSP_META)).toEqual(header);
  });

  it('the page itself carries nothing inline: its meta CSP is filled in at build from this module', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    expect(html).toContain('content="%RECUPERA_CSP%"');
    expect(html).not.toMatch(/<style|\sstyle=/i);
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\ssrc=/.test(tag))).toBe(true);
  });

  it('keeps documents out of frames and plugins off', () => {
    expect(directives(CSP).get('frame-src')).toEqual(["'self'"]);
    expect(directives(CSP).get('object-src')).toEqual(["'none'"]);
  });
});

describe('document scheme', () => {
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

  it('answers only the token of an open document, with its own strict policy', async () => {
    const docs = new ViewerDocuments();
    const token = docs.issue({ bytes: pdf, mime: 'application/pdf', name: 'acta.pdf' });
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const url = documentUrl(token);
    expect(url).toBe(`${DOC_SCHEME}://${token}/`);
    const r = serveDocumentRequest({ url, method: 'GET' }, docs);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-security-policy')).toBe(documentCsp('application/pdf'));
    expect(Buffer.from(await r.arrayBuffer())).toEqual(pdf);

    const other = docs.issue({ bytes: Buffer.from('x'), mime: 'image/png', name: 'foto.png' });
    expect(other).not.toBe(token);
    for (const bad of [`${DOC_SCHEME}://${'0'.repeat(48)}/`, `${DOC_SCHEME}://${token}/otra`, `${DOC_SCHEME}://${token}/?x=1`, `app://${token}/`, 'nada']) {
      expect([403, 404], bad).toContain(serveDocumentRequest({ url: bad, method: 'GET' }, docs).status);
    }
    expect(serveDocumentRequest({ url, method: 'POST' }, docs).status).toBe(405);
    docs.revoke(token);
    expect(serveDocumentRequest({ url, method: 'GET' }, docs).status).toBe(404);
    expect(docs.size).toBe(1);
  });

  it('shows only the three document types', () => {
    const docs = new ViewerDocuments();
    expect(() => docs.issue({ bytes: Buffer.from('<script>'), mime: 'text/html', name: 'x.html' })).toThrow();
  });

  it('a document may load nothing but itself; an image is also sandboxed', () => {
    for (const mime of ['application/pdf', 'image/png', 'image/jpeg']) {
      const csp = documentCsp(mime);
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toMatch(/script-src|https?:|\*/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
    expect(documentCsp('image/png')).toMatch(/(^|; )sandbox($|;)/);
    expect(documentCsp('application/pdf')).toContain("object-src 'self'");
  });
});
