import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../pdf/pdfRenderer';

/** Electron's own printToPDF on a hidden, sandboxed window: the same HTML as the preview and the printout. */
export function electronPdfRenderer(): PdfRenderer {
  return {
    async render(html) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        win.destroy();
      }
    },
    async close() {},
  };
}
