import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The end-to-end tests drive a real Chromium: CHROMIUM_PATH, the system one (Debian's
 * `chromium` package), or Playwright's own download where that is possible.
 */
export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const bundled = chromium.executablePath();
    if (existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own here.
  }
  throw new Error(
    'No se encontró Chromium para las pruebas de extremo a extremo. Instálelo (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
      'con Internet: `npx playwright install chromium`) o indique su ruta en la variable CHROMIUM_PATH.',
  );
}
