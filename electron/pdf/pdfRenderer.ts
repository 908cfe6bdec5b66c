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
