import type { BrowserWindowConstructorOptions } from 'electron';

type WebPreferences = NonNullable<BrowserWindowConstructorOptions['webPreferences']>;

/** The renderer is our own page with no Node, no remote content, no plugins and an isolated preload. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    // Untrusted PDFs open in the viewer window (viewerWebPreferences), never in this one.
    plugins: false,
  };
}

/**
 * The viewer of respaldo documents (PDF and images from mail and packages, untrusted): no
 * preload, no JavaScript in the page, its own in-memory session. `plugins` only for Chromium's
 * built-in PDF viewer.
 */
export function viewerWebPreferences(partition: string): WebPreferences {
  return {
    partition,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    javascript: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    plugins: true,
  };
}

/** IPC is answered only for our own page, never for a frame that navigated elsewhere. */
export function isTrustedSender(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const a = new URL(frameUrl);
    const b = new URL(rendererUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname && !a.username && !a.password;
  } catch {
    return false;
  }
}
