import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here: its module is a stub that records what the shell asks of it.
const h = vi.hoisted(() => {
  const windows: Array<{
    options: Record<string, unknown>;
    loaded: string[];
    handlers: Map<string, (...a: unknown[]) => void>;
    contentsHandlers: Map<string, (...a: unknown[]) => void>;
    openHandler?: () => unknown;
  }> = [];
  const partitionCalls: Array<[string, unknown]> = [];
  const protocolHandlers = new Map<string, (req: { url: string; method: string }) => Response | Promise<Response>>();
  const sessionHandlers = new Map<string, (...a: unknown[]) => void>();
  const hooks: { permission?: (wc: unknown, p: string, cb: (ok: boolean) => void) => void; check?: () => boolean; before?: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void } = {};
  const appHandlers = new Map<string, (...a: unknown[]) => void>();
  const privileged: unknown[] = [];
  return { windows, partitionCalls, protocolHandlers, sessionHandlers, hooks, appHandlers, privileged };
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const rec = { options, loaded: [] as string[], handlers: new Map(), contentsHandlers: new Map(), openHandler: undefined as undefined | (() => unknown) };
      h.windows.push(rec);
      this.webContents = {
        id: h.windows.length,
        setWindowOpenHandler: (fn: () => unknown) => (rec.openHandler = fn),
        on: (name: string, fn: (...a: unknown[]) => void) => rec.contentsHandlers.set(name, fn),
      };
      this.on = (name: string, fn: (...a: unknown[]) => void) => rec.handlers.set(name, fn);
      this.loadURL = (url: string) => {
        rec.loaded.push(url);
        return Promise.resolve();
      };
    }
    on: (name: string, fn: (...a: unknown[]) => void) => void;
    loadURL: (url: string) => Promise<void>;
    once() {}
    setMenu() {}
    static getAllWindows() {
      return [];
    }
  }
  const viewerSession = {
    protocol: { handle: (scheme: string, fn: (req: { url: string; method: string }) => Response) => h.protocolHandlers.set(scheme, fn) },
    setPermissionRequestHandler: (fn: typeof h.hooks.permission) => (h.hooks.permission = fn),
    setPermissionCheckHandler: (fn: typeof h.hooks.check) => (h.hooks.check = fn),
    webRequest: { onBeforeRequest: (fn: typeof h.hooks.before) => (h.hooks.before = fn) },
    on: (name: string, fn: (...a: unknown[]) => void) => h.sessionHandlers.set(name, fn),
  };
  const pending = new Promise(() => {});
  return {
    BrowserWindow,
    session: {
      fromPartition: (name: string, opts: unknown) => {
        h.partitionCalls.push([name, opts]);
        return viewerSession;
      },
      defaultSession: {},
    },
    app: {
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: (name: string, fn: (...a: unknown[]) => void) => h.appHandlers.set(name, fn),
      whenReady: () => pending,
      isPackaged: false,
      getAppPath: () => '/opt/recupera',
      getPath: () => '/tmp/no-usado',
    },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => h.privileged.push(...s), handle: vi.fn() },
    dialog: {},
    ipcMain: { handle: vi.fn() },
    Menu: {},
    safeStorage: { isEncryptionAvailable: () => false },
  };
});

const { documentViewer, isAllowedViewerRequest, VIEWER_PARTITION } = await import('../../electron/shell/docViewer');
const { focusExisting } = await import('../../electron/shell/windowFocus');

beforeEach(() => {
  h.windows.length = 0;
});

describe('document viewer window', () => {
  it('opens each document in a locked-down window of its own session', async () => {
    const viewer = documentViewer();
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    viewer.open({ bytes: pdf, mime: 'application/pdf', name: 'acta\u202e.pdf' });
    expect(h.windows).toHaveLength(1);
    const w = h.windows[0]!;
    const prefs = w.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, plugins: true, webviewTag: false, partition: VIEWER_PARTITION });
    expect(prefs).not.toHaveProperty('preload');
    // In memory: a partition without `persist:`.
    expect(VIEWER_PARTITION.startsWith('persist:')).toBe(false);
    expect(h.partitionCalls[0]?.[0]).toBe(VIEWER_PARTITION);
    // The title shows the name without its control characters.
    expect(w.options.title).toBe('Documento: acta.pdf');

    // New windows and navigation elsewhere are denied.
    expect(w.openHandler?.()).toEqual({ action: 'deny' });
    const url = w.loaded[0]!;
    expect(url).toMatch(/^recupera-doc:\/\/[0-9a-f]{48}\/$/);
    const nav = { preventDefault: vi.fn() };
    w.contentsHandlers.get('will-navigate')?.(nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    w.contentsHandlers.get('will-redirect')?.(redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    // The session serves the document behind its token, grants no permission, downloads nothing.
    const serve = h.protocolHandlers.get('recupera-doc')!;
    const r = await serve({ url, method: 'GET' });
    expect(r.status).toBe(200);
    expect(Buffer.from(await r.arrayBuffer()).equals(pdf)).toBe(true);
    let granted: boolean | undefined;
    h.hooks.permission?.({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(h.hooks.check?.()).toBe(false);
    const download = { preventDefault: vi.fn() };
    h.sessionHandlers.get('will-download')?.(download);
    expect(download.preventDefault).toHaveBeenCalled();
    let cancelled: boolean | undefined;
    h.hooks.before?.({ url: 'https://evil.example/x.png' }, (res) => (cancelled = res.cancel));
    expect(cancelled).toBe(true);

    // Closing the window forgets the document.
    w.handlers.get('closed')?.();
    expect((await serve({ url, method: 'GET' })).status).toBe(404);
  });

  it('two documents get two addresses; the session is made once', () => {
    const before = h.partitionCalls.length;
    const viewer = documentViewer();
    viewer.open({ bytes: Buffer.from('x'), mime: 'image/png', name: 'a.png' });
    viewer.open({ bytes: Buffer.from('y'), mime: 'image/jpeg', name: 'b.jpg' });
    expect(h.windows[0]!.loaded[0]).not.toBe(h.windows[1]!.loaded[0]);
    expect(h.partitionCalls.length - before).toBe(1);
  });

  it('the viewer session loads only the document and the PDF viewer', () => {
    expect(isAllowedViewerRequest('recupera-doc://abc/')).toBe(true);
    expect(isAllowedViewerRequest('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html')).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://recupera/index.html', 'http://127.0.0.1/', 'data:text/html,<script>']) {
      expect(isAllowedViewerRequest(url), url).toBe(false);
    }
  });
});

describe('main process start-up', () => {
  it('registers the schemes privileged before ready and handles a second launch', async () => {
    await import('../../electron/shell/main');
    expect(h.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
      { scheme: 'recupera-doc', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    expect(h.appHandlers.has('second-instance')).toBe(true);
    // No window yet: nothing to focus, and nothing breaks.
    expect(() => h.appHandlers.get('second-instance')!()).not.toThrow();
  });

  it('a second launch restores and focuses the open window', () => {
    const calls: string[] = [];
    const win = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    expect(focusExisting(win)).toBe(true);
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(focusExisting({ ...win, isDestroyed: () => true })).toBe(false);
    expect(focusExisting(null)).toBe(false);
  });
});
