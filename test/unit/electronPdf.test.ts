import { describe, expect, it, vi } from 'vitest';

const created: Array<{ options: unknown; loaded: string; destroyed: boolean; printOptions: unknown }> = [];

vi.mock('electron', () => ({
  BrowserWindow: class {
    record = { options: undefined as unknown, loaded: '', destroyed: false, printOptions: undefined as unknown };
    webContents = {
      printToPDF: async (o: unknown) => {
        this.record.printOptions = o;
        if (this.record.loaded.includes('FALLA')) throw new Error('print failed');
        return Buffer.from('%PDF-1.7 fake');
      },
    };
    constructor(options: unknown) {
      this.record.options = options;
      created.push(this.record);
    }
    async loadURL(url: string) {
      this.record.loaded = decodeURIComponent(url);
    }
    destroy() {
      this.record.destroyed = true;
    }
  },
}));

describe('Electron PDF renderer', () => {
  it('prints the acta HTML to an A4 PDF in a hidden sandboxed window and always destroys it', async () => {
    const { electronPdfRenderer } = await import('../../electron/shell/electronPdf');
    const r = electronPdfRenderer();
    const pdf = await r.render('<html><body>ACTA UIO-01-2026-000001</body></html>');
    expect(pdf.toString()).toContain('%PDF');
    expect(created[0]).toMatchObject({
      options: { show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } },
      printOptions: { pageSize: 'A4', printBackground: true, preferCSSPageSize: true },
      destroyed: true,
    });
    expect(created[0]!.loaded).toContain('ACTA UIO-01-2026-000001');
    await expect(r.render('<p>FALLA</p>')).rejects.toThrow('print failed');
    expect(created[1]!.destroyed).toBe(true);
  });
});
