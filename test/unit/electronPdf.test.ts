import { beforeEach, describe, expect, it, vi } from 'vitest';

interface Made {
  options: unknown;
  loaded: string[];
  destroyed: boolean;
  printOptions: unknown;
  gone?: (e: unknown, details: { reason: string }) => void;
}
const created: Made[] = [];
let printing = 0;
let mostAtOnce = 0;
let hangs = 0;
let loadsToHang = 0;

vi.mock('electron', () => ({
  BrowserWindow: class {
    record: Made = { options: undefined, loaded: [], destroyed: false, printOptions: undefined };
    webContents = {
      on: (event: string, f: Made['gone']) => {
        if (event === 'render-process-gone') this.record.gone = f;
      },
      printToPDF: async (o: unknown) => {
        if (this.record.destroyed) throw new Error('Object has been destroyed');
        // A print that never answers.
        if ((this.record.loaded.at(-1) ?? '').includes('CUELGA') && hangs > 0) {
          hangs--;
          return await new Promise<Buffer>(() => undefined);
        }
        this.record.printOptions = o;
        printing++;
        mostAtOnce = Math.max(mostAtOnce, printing);
        // A print takes a while: renders that overlapped would show here.
        await new Promise((r) => setTimeout(r, 5));
        printing--;
        const doc = this.record.loaded.at(-1) ?? '';
        if (doc.includes('FALLA')) throw new Error('print failed');
        return Buffer.from(`%PDF-1.7 ${doc}`);
      },
    };
    constructor(options: unknown) {
      this.record.options = options;
      created.push(this.record);
    }
    async loadURL(url: string) {
      if (this.record.destroyed) throw new Error('Object has been destroyed');
      if (loadsToHang > 0) {
        loadsToHang--;
        return await new Promise<void>(() => undefined);
      }
      await Promise.resolve();
      this.record.loaded.push(decodeURIComponent(url));
    }
    isDestroyed() {
      return this.record.destroyed;
    }
    destroy() {
      this.record.destroyed = true;
    }
  },
}));

const { electronPdfRenderer } = await import('../../electron/shell/electronPdf');
const { RENDER_DEADLINE_MS } = await import('../../electron/pdf/pdfRenderer');

beforeEach(() => {
  created.length = 0;
  mostAtOnce = 0;
});

describe('Electron PDF renderer', () => {
  it('does not let a warm-up load that never answers hold the first acta: its window is replaced', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const r = electronPdfRenderer();
      loadsToHang = 1;
      r.warm?.();
      const first = r.render('<p>PRIMERA</p>');
      await vi.advanceTimersByTimeAsync(RENDER_DEADLINE_MS);
      await vi.advanceTimersByTimeAsync(10);
      expect((await first).toString()).toContain('PRIMERA');
      expect(created.map((w) => w.destroyed)).toEqual([true, false]);
      await r.close();
    } finally {
      vi.useRealTimers();
      loadsToHang = 0;
    }
  });

  it('gives up a print that never answers: a new window prints the acta; when that one hangs too, says so in Spanish and the next acta still prints', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const r = electronPdfRenderer();
      hangs = 1;
      const once = r.render('<p>CUELGA-UNA-VEZ</p>');
      await vi.advanceTimersByTimeAsync(RENDER_DEADLINE_MS);
      await vi.advanceTimersByTimeAsync(10);
      expect((await once).toString()).toContain('CUELGA-UNA-VEZ');
      expect(created.map((w) => w.destroyed)).toEqual([true, false]);

      hangs = 2;
      const twice = r.render('<p>CUELGA</p>');
      const refused = expect(twice).rejects.toThrow('No se pudo generar el PDF a tiempo: el generador no respondió. Intente de nuevo; si se repite, reinicie Recupera.');
      await vi.advanceTimersByTimeAsync(2 * RENDER_DEADLINE_MS);
      await refused;
      const next = r.render('<p>DESPUES</p>');
      await vi.advanceTimersByTimeAsync(10);
      expect((await next).toString()).toContain('DESPUES');
      expect(created).toHaveLength(4);
      await r.close();
    } finally {
      vi.useRealTimers();
      hangs = 0;
    }
  });

  it('prints the acta HTML to an A4 PDF in one hidden sandboxed window, reused from acta to acta', async () => {
    const r = electronPdfRenderer();
    for (let i = 1; i <= 5; i++) {
      const pdf = await r.render(`<html><body>ACTA UIO-01-2026-00000${i}</body></html>`);
      expect(pdf.toString()).toContain(`ACTA UIO-01-2026-00000${i}`);
    }
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      options: { show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } },
      printOptions: { pageSize: 'A4', printBackground: true, preferCSSPageSize: true },
      destroyed: false,
    });
    expect((created[0]!.options as { webPreferences: Record<string, unknown> }).webPreferences).not.toHaveProperty('preload');
    await r.close();
    expect(created[0]!.destroyed).toBe(true);
  });

  it('warm() makes the window before the first acta, and that acta uses it', async () => {
    const r = electronPdfRenderer();
    r.warm?.();
    await r.render('<p>PRIMERA</p>');
    expect(created).toHaveLength(1);
    expect(created[0]!.loaded[0]).toBe('data:text/html;charset=utf-8,');
    expect(created[0]!.loaded.at(-1)).toContain('PRIMERA');
    await r.close();
  });

  it('replaces a window whose renderer died, and the next acta still prints', async () => {
    const r = electronPdfRenderer();
    await r.render('<p>UNO</p>');
    created[0]!.gone!({}, { reason: 'crashed' });
    expect(created[0]!.destroyed).toBe(true);
    expect((await r.render('<p>DOS</p>')).toString()).toContain('DOS');
    expect(created).toHaveLength(2);
    // Destroyed behind its back (not through the event): the acta is tried once more on a new window.
    created[1]!.destroyed = true;
    expect((await r.render('<p>TRES</p>')).toString()).toContain('TRES');
    expect(created).toHaveLength(3);
    await r.close();
  });

  it('a print that keeps failing is refused after one retry on a fresh window; the next acta prints', async () => {
    const r = electronPdfRenderer();
    await expect(r.render('<p>FALLA</p>')).rejects.toThrow('print failed');
    expect(created).toHaveLength(2);
    expect(created[0]!.destroyed).toBe(true);
    expect((await r.render('<p>BIEN</p>')).toString()).toContain('BIEN');
    expect(created).toHaveLength(2);
    await r.close();
  });

  it('renders asked at once go one at a time, each with its own PDF', async () => {
    const r = electronPdfRenderer();
    const pdfs = await Promise.all(Array.from({ length: 6 }, (_, i) => r.render(`<p>ACTA-${i}</p>`)));
    pdfs.forEach((pdf, i) => {
      expect(pdf.toString()).toContain(`ACTA-${i}`);
      for (let j = 0; j < 6; j++) if (j !== i) expect(pdf.toString()).not.toContain(`ACTA-${j}`);
    });
    expect(mostAtOnce).toBe(1);
    expect(created).toHaveLength(1);
    await r.close();
  });
});
