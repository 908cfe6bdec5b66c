import { AppFailure } from '../../shared/result';
import { HEADLESS_ARGS, systemChromium } from './chromiumPath';
import type { PdfRenderer } from './pdfRenderer';

import type { Browser } from 'playwright-core';

/**
 * Renders with a headless Chromium kept warm between actas (launching one costs ~1 s; a page
 * costs tens of milliseconds). Used by the browser mode, the CLI and the tests.
 */
export function chromiumPdfRenderer(): PdfRenderer {
  let browser: Promise<Browser> | null = null;
  const launch = async (): Promise<Browser> => {
    const executablePath = systemChromium();
    if (!executablePath) {
      throw new AppFailure('refused', 'No se encontró Chromium para generar el PDF del acta. Instálelo (apt-get install chromium) o indique CHROMIUM_PATH.');
    }
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath, args: HEADLESS_ARGS });
  };
  return {
    async render(html) {
      browser ??= launch().catch((e: unknown) => {
        browser = null;
        throw e;
      });
      const page = await (await browser).newPage();
      try {
        // No network: the acta is self-contained (inline CSS and SVG).
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b).close().catch(() => undefined);
    },
  };
}
