import { AppFailure } from '../../shared/result';
import { log } from '../platform/log';
import { HEADLESS_ARGS, systemChromium } from './chromiumPath';
import { RENDER_DEADLINE_MS, RenderTimeout, renderQueue, renderWithRetry, withDeadline, type PdfRenderer } from './pdfRenderer';

import type { Browser, CDPSession, Page } from 'playwright-core';

export interface ChromiumPdfOptions {
  /** How the browser starts; the system's Chromium unless a test wraps it (to count pages, to crash one). */
  launch?: () => Promise<Browser>;
  /** Loading and printing one acta: RENDER_DEADLINE_MS; shorter in tests. */
  deadlineMs?: number;
  /** How long a browser being replaced or shut may take to close before it is killed: CLOSE_GRACE_MS; shorter in tests. */
  closeGraceMs?: number;
}

/**
 * A browser asked to close answers in well under a second. One that let a print pass its deadline
 * may not answer at all (Playwright's close waits for it without limit), and a command or the
 * browser mode would then never exit, with a stuck Chromium left running: it is killed.
 */
const CLOSE_GRACE_MS = 5_000;

/** The browser's own process id, asked of the browser itself (Playwright's launch does not give it); undefined if it did not say. */
async function browserPid(b: Browser): Promise<number | undefined> {
  try {
    const cdp = await b.newBrowserCDPSession();
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    await cdp.detach().catch(() => undefined);
    return processInfo.find((p) => p.type === 'browser')?.id;
  } catch (e) {
    log.warn('acta.browserPidUnknown', { err: e });
    return undefined;
  }
}

/** Closes the browser; if it has not closed within `graceMs`, kills its process. Never throws. */
async function closeOrKill(b: Browser, pid: number | undefined, graceMs: number): Promise<void> {
  try {
    await withDeadline(b.close(), graceMs);
  } catch (e) {
    if (!(e instanceof RenderTimeout)) return;
    log.error('acta.browserKilled', { pid, graceMs });
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch (err) {
      log.warn('acta.browserKillFailed', { pid, err });
    }
  }
}

/** Starting the browser and opening its page, apart: a cold start on a loaded PC takes seconds (Playwright allows 30 s). */
const START_DEADLINE_MS = 45_000;

/**
 * The acta's page settings, as Playwright's `page.pdf({ format: 'A4', printBackground: true,
 * preferCSSPageSize: true })` sends them (A4 in inches, no margins: the acta's CSS @page has the last
 * word on size and margins), but asked straight of the page's DevTools session and returned in the
 * reply rather than as a stream read in pieces: a third less time per acta on a busy PC.
 */
const PRINT_TO_PDF = {
  paperWidth: 8.27,
  paperHeight: 11.7,
  marginTop: 0,
  marginBottom: 0,
  marginLeft: 0,
  marginRight: 0,
  scale: 1,
  landscape: false,
  displayHeaderFooter: false,
  printBackground: true,
  preferCSSPageSize: true,
  generateTaggedPDF: false,
  generateDocumentOutline: false,
  transferMode: 'ReturnAsBase64',
} as const;

/**
 * The warm page, its DevTools session, its frame, and the head of the document it holds (`shell`,
 * title aside) when that document was an acta's, so the next acta with the same head only swaps its
 * title and body.
 */
interface WarmPage {
  page: Page;
  cdp: CDPSession;
  frameId: string;
  shell: string | null;
}

/**
 * The screen size of the warm page: the printed width of A4 at 96 px per inch, one pixel high.
 * Chromium still lays out and paints the page for the screen after each document, although the
 * print lays it out again at the page's size; one pixel high, almost nothing of it is rasterised
 * (at Playwright's default 1280×720 that was a fifth of Chromium's time per acta). The PDF does not
 * depend on it: print layout follows the acta's CSS @page.
 */
const SCREEN = { width: 794, height: 1 };

/** A whole HTML document: head up to the title, the title's text, head after it up to <body>, the body. */
const WHOLE_DOCUMENT = /^([\s\S]*?<head>[\s\S]*?)<title>([^<]*)<\/title>([\s\S]*?<\/head>\s*<body>)([\s\S]*)<\/body>\s*<\/html>\s*$/;

/** The document as its head (title aside), title and body; null when it is not a whole document of that shape. */
function splitDocument(html: string): { shell: string; title: string; body: string } | null {
  const m = html.match(WHOLE_DOCUMENT);
  return m ? { shell: m[1]! + m[3]!, title: m[2]!, body: m[4]! } : null;
}

/** A page this many actas old is replaced: a desk open for weeks does not grow one page's memory without bound. */
const RENDERS_PER_PAGE = 500;

async function launchSystemChromium(): Promise<Browser> {
  const executablePath = systemChromium();
  if (!executablePath) {
    throw new AppFailure('refused', 'No se encontró Chromium para generar el PDF del acta. Instálelo (apt-get install chromium) o indique CHROMIUM_PATH.');
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: HEADLESS_ARGS });
}

/**
 * Renders with a headless Chromium and ONE page kept warm between actas (used by the browser mode,
 * the CLI and the tests). Launching the browser costs about a second and opening a page about as
 * much as printing one, so the page is opened once, its network cut once, and each acta only
 * replaces the page's document and prints it. Renders go one at a time (renderQueue). A page or
 * browser that crashed or was closed is replaced, and the acta that met it is tried once more.
 */
export function chromiumPdfRenderer(o: ChromiumPdfOptions = {}): PdfRenderer {
  let browser: Promise<Browser> | null = null;
  let page: Promise<WarmPage> | null = null;
  let renders = 0;
  /** Each browser's process, to kill one that does not close. */
  const pids = new WeakMap<Browser, number>();
  const grace = o.closeGraceMs ?? CLOSE_GRACE_MS;
  const shut = (b: Browser): Promise<void> => closeOrKill(b, pids.get(b), grace);
  /** Pages that crashed or closed under us: never printed on again. */
  const dead = new WeakSet<Page>();
  const queue = renderQueue();

  const browserReady = async (): Promise<Browser> => {
    const current = browser;
    // A single-process browser dies with a crashed page, maybe before it reports the disconnect.
    if (current && !(await current).isConnected() && browser === current) browser = null;
    if (browser) return browser;
    const started = (o.launch ?? launchSystemChromium)().then(async (b) => {
      b.on('disconnected', () => {
        if (browser !== started) return;
        browser = null;
        page = null;
      });
      const pid = await browserPid(b);
      if (pid !== undefined) pids.set(b, pid);
      return b;
    });
    browser = started;
    started.catch(() => {
      if (browser === started) browser = null;
    });
    return started;
  };

  const openPage = async (): Promise<WarmPage> => {
    const b = await browserReady();
    // Every page in one context: a single-process Chromium (chromiumPath.ts) has one renderer, and
    // another context would need a renderer of its own (the browser goes down when asked for one).
    const p = await (b.contexts()[0] ?? (await b.newContext())).newPage();
    p.on('crash', () => dead.add(p));
    p.on('close', () => dead.add(p));
    // No network: the acta is self-contained (inline CSS, typeface and SVG).
    await p.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await p.setViewportSize(SCREEN);
    const cdp = await p.context().newCDPSession(p);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    return { page: p, cdp, frameId: frameTree.frame.id, shell: null };
  };

  const pageReady = (): Promise<WarmPage> => {
    if (page) return page;
    const opened = openPage();
    page = opened;
    renders = 0;
    opened.catch(() => {
      if (page === opened) page = null;
    });
    return opened;
  };

  const retire = (): void => {
    const old = page;
    page = null;
    void old?.then((w) => w.page.close()).catch(() => undefined);
  };

  /** A browser that let a render pass its deadline may be wedged whole (one process, single-process): replaced, not asked again. */
  const abandonBrowser = (): void => {
    const old = browser;
    browser = null;
    page = null;
    void old?.then(shut).catch(() => undefined);
  };
  const deadline = o.deadlineMs ?? RENDER_DEADLINE_MS;

  /**
   * Puts `html` in the warm page. An acta whose head (the stylesheet) is the one the page holds only
   * swaps the title and the body, parsed as the whole document would parse them: replacing the
   * document tore down the old one and parsed the stylesheet again for every acta. Any other
   * document replaces the page's. Either way it returns once the document is parsed; nothing is left
   * to fetch (inline CSS and SVG, no 'load' to wait for).
   */
  const load = async (w: WarmPage, html: string): Promise<void> => {
    const parts = splitDocument(html);
    if (parts && parts.shell === w.shell) {
      // No forced layout here: printToPDF lays the document out for print before it prints.
      const swap = `document.querySelector('title').innerHTML = ${JSON.stringify(parts.title)}; document.body.innerHTML = ${JSON.stringify(parts.body)};`;
      const r = await w.cdp.send('Runtime.evaluate', { expression: swap, returnByValue: true });
      // A page that failed to swap is replaced (render's retry), so nothing half-swapped is printed.
      if (r.exceptionDetails) throw new Error(`acta body swap failed: ${r.exceptionDetails.text}`);
      return;
    }
    w.shell = null;
    await w.cdp.send('Page.setDocumentContent', { frameId: w.frameId, html });
    // The acta's typeface is inline (a data: URL): printed before it is decoded, the PDF would use a fallback.
    await w.cdp.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true, returnByValue: true });
    w.shell = parts?.shell ?? null;
  };

  const print = async (w: WarmPage, html: string): Promise<Buffer> => {
    await load(w, html);
    const { data } = await w.cdp.send('Page.printToPDF', PRINT_TO_PDF);
    return Buffer.from(data, 'base64');
  };

  const renderOnce = async (html: string): Promise<Buffer> => {
    let w = await withDeadline(pageReady(), START_DEADLINE_MS);
    if (dead.has(w.page) || renders >= RENDERS_PER_PAGE) {
      retire();
      w = await withDeadline(pageReady(), START_DEADLINE_MS);
    }
    renders++;
    return await withDeadline(print(w, html), deadline);
  };

  return {
    render(html) {
      // A page may be dead or half-way through something: a fresh one gets one more try; after a
      // timeout the whole browser is replaced, since in one process a stuck page is a stuck browser.
      return queue(() =>
        renderWithRetry(
          () => renderOnce(html),
          (e) => (e instanceof RenderTimeout ? abandonBrowser() : retire()),
          (e) => e instanceof AppFailure,
        ),
      );
    },
    warm() {
      void pageReady().catch(() => undefined);
    },
    close() {
      // After the render in progress, if any: closing under it would make it launch a new browser.
      return queue(async () => {
        const b = browser;
        browser = null;
        page = null;
        if (b) await b.then(shut).catch(() => undefined);
      }).catch(() => undefined);
    },
  };
}
