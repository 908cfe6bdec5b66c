import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handoversGet } from '../../shared/contracts/handovers';
import { call } from '../../electron/handlers/call';
import { actaHtml } from '../../electron/handovers/actaDocument';
import { HEADLESS_ARGS, systemChromium } from '../../electron/pdf/chromiumPath';
import { chromiumPdfRenderer } from '../../electron/pdf/chromiumPdf';
import type { PdfRenderer } from '../../electron/pdf/pdfRenderer';
import { office, returnSerials } from '../helpers/offices';

// The headless renderer of the browser mode, the CLI and the tests keeps ONE warm page: these
// tests count the pages it opens, crash them, and check that what it prints is what a fresh page
// printed before (the preview, the printout and the archive are the same HTML).

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });

let launches = 0;
const browsers: Browser[] = [];
const pages: Page[] = [];
let printing = 0;
let mostAtOnce = 0;
/** Documents the page was given whole (Page.setDocumentContent), as opposed to a title and body swapped in. */
let documentsLoaded = 0;
/** The next prints that never answer. */
let printsToHang = 0;

/** The system's Chromium, with its pages counted and their prints (Page.printToPDF) watched for overlap. */
async function countingLaunch(): Promise<Browser> {
  launches++;
  const b = await chromium.launch({ executablePath: systemChromium()!, args: HEADLESS_ARGS });
  browsers.push(b);
  const newContext = b.newContext.bind(b);
  b.newContext = async (options) => {
    const context = await newContext(options);
    countPages(context);
    return context;
  };
  return b;
}

/** The context's pages counted, and their prints (Page.printToPDF) watched for overlap. */
function countPages(context: BrowserContext): void {
  const newPage = context.newPage.bind(context);
  context.newPage = async () => {
    const p = await newPage();
    pages.push(p);
    return p;
  };
  const newSession = context.newCDPSession.bind(context);
  context.newCDPSession = async (target) => {
    const session = await newSession(target);
    const send = session.send.bind(session);
    // Untyped on purpose: it passes any DevTools method through unchanged.
    const anySend = send as (method: string, params?: object) => Promise<unknown>;
    session.send = (async (method: string, params?: object) => {
      if (method === 'Page.setDocumentContent') documentsLoaded++;
      if (method !== 'Page.printToPDF') return await anySend(method, params);
      // A print that never answers, as seen on a loaded PC.
      if (printsToHang > 0) {
        printsToHang--;
        return await new Promise(() => undefined);
      }
      mostAtOnce = Math.max(mostAtOnce, ++printing);
      try {
        return await anySend(method, params);
      } finally {
        printing--;
      }
    }) as typeof session.send;
    return session;
  };
}

async function pidOf(b: Browser): Promise<number> {
  const cdp = await b.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return processInfo.find((p) => p.type === 'browser')!.id;
}

/** Whether the process is there and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

let renderer: PdfRenderer;
afterEach(async () => {
  await renderer.close();
  launches = 0;
  pages.length = 0;
  mostAtOnce = 0;
  documentsLoaded = 0;
  printsToHang = 0;
});
afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
});

describe('headless Chromium acta renderer', () => {
  it('prints many actas in a row on one page', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch });
    for (let i = 1; i <= 6; i++) expect(pdfText(await renderer.render(`<p>ACTA-${i}</p>`))).toContain(`ACTA-${i}`);
    expect(launches).toBe(1);
    expect(pages).toHaveLength(1);
  });

  it('warm() opens the page before the first acta, which uses it', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch });
    renderer.warm?.();
    await expect.poll(() => pages.length, { timeout: 20_000 }).toBe(1);
    expect(pdfText(await renderer.render('<p>PRIMERA</p>'))).toContain('PRIMERA');
    expect(pages).toHaveLength(1);
  });

  it('replaces a crashed page, and a browser that died, and the next acta still renders', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch });
    expect(pdfText(await renderer.render('<p>ANTES</p>'))).toContain('ANTES');
    // A single-process Chromium (chromiumPath.ts) goes down with its page: the next acta starts another.
    const gone = new Promise((done) => browsers.at(-1)!.once('disconnected', done));
    const cdp = await pages[0]!.context().newCDPSession(pages[0]!);
    void cdp.send('Page.crash').catch(() => undefined);
    await gone;
    expect(pdfText(await renderer.render('<p>DESPUES</p>'))).toContain('DESPUES');
    expect(pages).toHaveLength(2);
    expect(launches).toBe(2);
    await browsers.at(-1)!.close();
    expect(pdfText(await renderer.render('<p>OTRO NAVEGADOR</p>'))).toContain('OTRO NAVEGADOR');
    expect(launches).toBe(3);
    expect(pages).toHaveLength(3);
  });

  it('an acta asked right after a crash, before the browser reports it gone, still renders', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch });
    expect(pdfText(await renderer.render('<p>ANTES</p>'))).toContain('ANTES');
    const cdp = await pages[0]!.context().newCDPSession(pages[0]!);
    void cdp.send('Page.crash').catch(() => undefined);
    expect(pdfText(await renderer.render('<p>ENSEGUIDA</p>'))).toContain('ENSEGUIDA');
    expect(launches).toBe(2);
  });

  it('gives up a print that never answers: a new browser prints the acta, and one that never answers either is said in Spanish, without holding the next acta', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch, deadlineMs: 6_000 });
    expect(pdfText(await renderer.render('<p>ANTES</p>'))).toContain('ANTES');
    printsToHang = 1;
    expect(pdfText(await renderer.render('<p>COLGADA-UNA-VEZ</p>'))).toContain('COLGADA-UNA-VEZ');
    // The stuck browser was closed, not left running beside the new one.
    expect(launches).toBe(2);
    await expect.poll(() => browsers.filter((b) => b.isConnected()).length, { timeout: 10_000 }).toBe(1);

    printsToHang = 2;
    await expect(renderer.render('<p>COLGADA</p>')).rejects.toThrow('No se pudo generar el PDF a tiempo: el generador no respondió. Intente de nuevo; si se repite, reinicie Recupera.');
    // The queue goes on: the next acta renders on a fresh browser.
    expect(pdfText(await renderer.render('<p>DESPUES</p>'))).toContain('DESPUES');
    expect(launches).toBe(4);
  });

  it('kills a browser that stopped answering altogether, so it does not outlive the deadline', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch, deadlineMs: 3_000, closeGraceMs: 1_000 });
    expect(pdfText(await renderer.render('<p>ANTES</p>'))).toContain('ANTES');
    const pid = await pidOf(browsers.at(-1)!);
    // The whole browser stops: its print and then its close never answer.
    process.kill(pid, 'SIGSTOP');
    try {
      expect(pdfText(await renderer.render('<p>DESPUES</p>'))).toContain('DESPUES');
      expect(launches).toBe(2);
      await expect.poll(() => running(pid), { timeout: 10_000 }).toBe(false);
    } finally {
      // If it was not killed, let it run again so it can be closed.
      if (running(pid)) process.kill(pid, 'SIGCONT');
    }
  });

  it('a page that closed under it is replaced by a new page on the same browser', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch });
    expect(pdfText(await renderer.render('<p>ANTES</p>'))).toContain('ANTES');
    await pages[0]!.close();
    expect(pdfText(await renderer.render('<p>DESPUES</p>'))).toContain('DESPUES');
    expect(pages).toHaveLength(2);
    expect(launches).toBe(1);
  });

  it('renders asked at once go one at a time, each with its own PDF', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch });
    const n = 6;
    const pdfs = await Promise.all(Array.from({ length: n }, (_, i) => renderer.render(`<p>ACTA-${i}-FIN</p>`)));
    pdfs.forEach((pdf, i) => {
      const text = pdfText(pdf);
      expect(text).toContain(`ACTA-${i}-FIN`);
      for (let j = 0; j < n; j++) if (j !== i) expect(text).not.toContain(`ACTA-${j}-FIN`);
    });
    expect(mostAtOnce).toBe(1);
    expect(pages).toHaveLength(1);
  });
});

describe('an acta after another with the same head', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'recupera-acta-swap-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pdfTitle = (pdf: Buffer, name: string): string => {
    writeFileSync(join(dir, `${name}.pdf`), pdf);
    return /^Title:\s*(.*)$/m.exec(execFileSync('pdfinfo', [join(dir, `${name}.pdf`)], { encoding: 'utf8' }))?.[1] ?? '';
  };
  const doc = (title: string, body: string, css = 'p { font-size: 12pt; }') =>
    `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"/><title>${title}</title><style>${css}</style></head>\n<body>${body}</body></html>`;

  it('only has its title and body swapped in; another head or a fragment replaces the document', async () => {
    renderer = chromiumPdfRenderer({ launch: countingLaunch });
    const first = await renderer.render(doc('Acta A &amp; B', '<p>PRIMERA</p>'));
    const second = await renderer.render(doc('Acta C', '<p>SEGUNDA</p><p>M&amp;M</p>'));
    expect(documentsLoaded).toBe(1);
    const otherHead = await renderer.render(doc('Acta D', '<p>TERCERA</p>', 'p { font-size: 14pt; }'));
    const fragment = await renderer.render('<p>SUELTA</p>');
    expect(documentsLoaded).toBe(3);
    expect(pdfTitle(first, 'first')).toBe('Acta A & B');
    expect(pdfTitle(second, 'second')).toBe('Acta C');
    expect(pdfText(second)).toContain('M&M');
    expect(pdfText(second)).not.toContain('PRIMERA');
    expect(pdfTitle(otherHead, 'other')).toBe('Acta D');
    expect(pdfText(fragment)).toContain('SUELTA');
    expect(pdfText(fragment)).not.toContain('TERCERA');
    // The screen the page lays out for (not the PDF): A4's width, one pixel high.
    expect(pages[0]!.viewportSize()).toEqual({ width: 794, height: 1 });
    expect(pages).toHaveLength(1);
  });
});

describe('the warm page prints an acta as a fresh page did', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'recupera-acta-png-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A page of the PDF as a PNG: the PDFs' own bytes differ (creation date), their pixels must not. */
  const pixels = (pdf: Buffer, name: string, page = 1): Buffer => {
    writeFileSync(join(dir, `${name}.pdf`), pdf);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(page), '-l', String(page), '-singlefile', join(dir, `${name}.pdf`), join(dir, name)]);
    return readFileSync(join(dir, `${name}.png`));
  };
  /** The fonts the PDF embeds, without their subset prefix (`AAAAAA+`). */
  const fonts = (pdf: Buffer, name: string): string[] => {
    writeFileSync(join(dir, `${name}.pdf`), pdf);
    const table = execFileSync('pdffonts', [join(dir, `${name}.pdf`)], { encoding: 'utf8' }).split('\n').slice(2);
    return [...new Set(table.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).filter(Boolean))].sort();
  };

  it('same pixels as a new page per acta (the way it was), before and after another acta on the same page', async () => {
    const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    try {
      const a = await returnSerials(t, '1712345675', ['HW-1']);
      const view = await call(t.ctx, handoversGet, { id: a.id });
      if (!view.ok) throw new Error(view.error.message);
      const html = await actaHtml(view.value, false);
      const other = await actaHtml(view.value, true);

      // The way it was: a fresh page, its network cut, the content loaded, printed, closed.
      const b = await chromium.launch({ executablePath: systemChromium()!, args: HEADLESS_ARGS });
      browsers.push(b);
      const page = await b.newPage();
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load' });
      const before = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      await page.close();

      renderer = chromiumPdfRenderer({ launch: countingLaunch });
      const first = await renderer.render(html);
      expect(pdfText(await renderer.render(other))).toContain('REIMPRESIÓN');
      const again = await renderer.render(html);
      const expected = pixels(before, 'fresh');
      expect(pixels(first, 'warm-first').equals(expected)).toBe(true);
      expect(pixels(again, 'warm-again').equals(expected)).toBe(true);
      // The second copy too (the acta after the reprint only had its title and body swapped in).
      expect(pixels(again, 'warm-again-2', 2).equals(pixels(before, 'fresh-2', 2))).toBe(true);
      expect(pdfText(again)).toContain(a.number);
      expect(pages).toHaveLength(1);
      // The acta's own typeface, and nothing from the system's, from the first document the page is given.
      expect(fonts(first, 'warm-first')).toEqual(['Arimo-Bold', 'Arimo-Regular']);
      expect(fonts(again, 'warm-again')).toEqual(['Arimo-Bold', 'Arimo-Regular']);
    } finally {
      await t.close();
    }
  });
});
