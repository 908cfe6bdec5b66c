import { BrowserWindow } from 'electron';
import { log } from '../platform/log';
import { RENDER_DEADLINE_MS, renderQueue, renderWithRetry, withDeadline, type PdfRenderer } from '../pdf/pdfRenderer';

/** The acta's page settings; the acta's CSS (@page) has the last word on size and margins. */
const PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/**
 * Electron's own printToPDF on ONE hidden, sandboxed window kept warm between actas: the same HTML
 * as the preview and the printout. A window per acta cost a renderer process per acta; this one is
 * made once (warm(), after the main window shows, or by the first acta), each acta only loads its
 * document into it, and renders go one at a time (renderQueue). A window whose renderer died or
 * that was destroyed is made again, and the acta that met it is tried once more. close() destroys
 * it: a hidden window left open would keep the app from quitting.
 */
export function electronPdfRenderer(): PdfRenderer {
  let win: BrowserWindow | null = null;
  const queue = renderQueue();

  const windowReady = (): BrowserWindow => {
    if (win && !win.isDestroyed()) return win;
    const made = new BrowserWindow({
      show: false,
      // No preload, no scripts, no Node: a page that only lays out the acta's HTML and CSS.
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    made.webContents.on('render-process-gone', (_e, details) => {
      log.warn('acta.pdfWindowGone', { reason: details.reason });
      discard(made);
    });
    win = made;
    return made;
  };

  const discard = (w: BrowserWindow | null): void => {
    if (w && win === w) win = null;
    if (w && !w.isDestroyed()) w.destroy();
  };

  const renderOnce = async (html: string): Promise<Buffer> => {
    const w = windowReady();
    await w.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await w.webContents.printToPDF(PDF_OPTIONS);
  };

  return {
    render(html) {
      // The window may be dead, half-way through a load or stuck in a print: a fresh one gets one more try.
      return queue(() => renderWithRetry(() => withDeadline(renderOnce(html), RENDER_DEADLINE_MS), () => discard(win)));
    },
    warm() {
      // Through the queue, so a render asked meanwhile finds the window made.
      // An empty document starts the window's renderer process now rather than at the first acta.
      // Under the same deadline as a render: a load that never answers must not hold the actas queued behind it.
      void queue(async () => {
        try {
          await withDeadline(windowReady().loadURL('data:text/html;charset=utf-8,'), RENDER_DEADLINE_MS);
        } catch (e) {
          log.warn('acta.pdfWarmFailed', { err: e });
          discard(win);
        }
      });
    },
    close() {
      return queue(() => discard(win)).catch(() => undefined);
    },
  };
}
