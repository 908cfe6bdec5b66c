import { AppFailure } from '../../shared/result';
import { log } from '../platform/log';

/** Turns the acta's HTML into a PDF: Electron's printToPDF in the app, Chromium elsewhere. */
export interface PdfRenderer {
  render(html: string): Promise<Buffer>;
  /**
   * Starts the renderer ahead of the first acta (a browser and its page, or a hidden window), so
   * that acta is as fast as the next ones. Never throws: a renderer that cannot start says so on
   * the first render, where the acta falls back to printing from its HTML.
   */
  warm?(): void;
  close(): Promise<void>;
}

/**
 * Runs renders one at a time, in the order asked: one warm page prints one document at a time,
 * and each caller gets the PDF of its own HTML. A failed render does not stop the ones queued after it.
 */
export function renderQueue(): <T>(work: () => T | Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * How long loading and printing one document may take (a print takes tens of milliseconds; the
 * headless browser's start has a deadline of its own, chromiumPdf.ts). A print that never answers
 * (seen in headless Chromium on a loaded PC) held the render queue, and every acta after it, for good.
 */
export const RENDER_DEADLINE_MS = 15_000;

/** A render attempt that passed its deadline: its page, window or browser is replaced before the retry. */
export class RenderTimeout extends Error {
  constructor(ms: number) {
    super(`PDF render did not finish within ${ms} ms`);
    this.name = 'RenderTimeout';
  }
}

/** `work`, or a RenderTimeout once `ms` have passed without it settling. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderTimeout(ms)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a caller is told when the retry also ran out of time (an acta then falls back to its HTML). */
export function renderTimedOut(): AppFailure {
  return new AppFailure('internal', 'No se pudo generar el PDF a tiempo: el generador no respondió. Intente de nuevo; si se repite, reinicie Recupera.');
}

/**
 * One render, tried once more after `replace` has put a fresh page, window or browser in place of
 * the one that failed (it is told why); a second timeout is renderTimedOut(). An error `final`
 * names (a browser that cannot be found) is not tried again.
 */
export async function renderWithRetry(attempt: () => Promise<Buffer>, replace: (e: unknown) => void, final: (e: unknown) => boolean = () => false): Promise<Buffer> {
  try {
    return await attempt();
  } catch (e) {
    if (final(e)) throw e;
    log.warn('acta.pdfRetry', { err: e });
    replace(e);
  }
  try {
    return await attempt();
  } catch (e) {
    if (!(e instanceof RenderTimeout)) throw e;
    log.error('acta.pdfTimeout', { err: e });
    replace(e);
    throw renderTimedOut();
  }
}
