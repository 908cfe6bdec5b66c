import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** A Chromium to render actas outside Electron (browser mode, CLI, tests): CHROMIUM_PATH or a system one. */
export function systemChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

/**
 * Flags for the headless Chromium that prints actas on a closed network (no background connections,
 * no sandbox as root). It runs in a single process: otherwise Chromium starts a new print compositor
 * process for every PDF, about 50 ms of each acta's 70 on a desk PC. Nothing but our own acta HTML
 * is loaded in it (its network is cut), and a crash of it is a disconnect the renderer recovers from.
 */
export const HEADLESS_ARGS = [
  '--single-process',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
