import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ElectronModule from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/contracts';
import { SHELL_CHANNELS } from '../../shared/contracts/shell';
import type { Result } from '../../shared/result';
import { closeServices, createServices, type AppServices, type Session } from '../../electron/app/services';
import { CSP } from '../../electron/platform/csp';
import { registerIpc } from '../../electron/shell/ipc';
import { electronBindingPath, ELECTRON_BINDING_RELATIVE } from '../../electron/shell/nativeBinding';
import { isTrustedSender, secureWebPreferences } from '../../electron/shell/security';

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn() },
  webUtils: { getPathForFile: vi.fn() },
}));

const temps: string[] = [];
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('preload bridge', () => {
  interface Bridge {
    mode: string;
    invoke(channel: string, input: unknown): Promise<unknown>;
    fileToken(file: unknown): Promise<unknown>;
    saveCopy(input: { path: string; suggestedName: string }): Promise<unknown>;
    viewDocument(input: { sha256: string; name: string }): Promise<unknown>;
  }
  let electron: typeof ElectronModule;
  let bridge: Bridge;

  beforeAll(async () => {
    electron = await import('electron');
    await import('../../electron/shell/preload');
    const expose = vi.mocked(electron.contextBridge.exposeInMainWorld);
    expect(expose).toHaveBeenCalledTimes(1);
    bridge = expose.mock.calls[0]![1] as Bridge;
  });

  beforeEach(() => {
    vi.mocked(electron.ipcRenderer.invoke).mockReset();
    vi.mocked(electron.webUtils.getPathForFile).mockReset();
  });

  it('exposes exactly one object, named recupera, with five members and no path of any file', () => {
    const expose = vi.mocked(electron.contextBridge.exposeInMainWorld);
    expect(expose).toHaveBeenCalledTimes(1);
    expect(expose.mock.calls[0]![0]).toBe('recupera');
    expect(Object.keys(bridge).sort()).toEqual(['fileToken', 'invoke', 'mode', 'saveCopy', 'viewDocument']);
    expect(bridge.mode).toBe('electron');
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.fileToken).toBe('function');
    expect(typeof bridge.saveCopy).toBe('function');
    expect(typeof bridge.viewDocument).toBe('function');
  });

  it('forwards every contracted channel to ipcRenderer.invoke', async () => {
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    invoke.mockImplementation((channel: string) => Promise.resolve({ ok: true, value: { from: channel } }));
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const channel of CHANNELS) {
      const input = { probe: channel };
      await expect(bridge.invoke(channel, input)).resolves.toEqual({ ok: true, value: { from: channel } });
      expect(invoke).toHaveBeenLastCalledWith(channel, input);
    }
    expect(invoke).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('refuses channels outside the contracts without reaching the main process', async () => {
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    for (const channel of ['fs:readFile', SHELL_CHANNELS.saveCopy, SHELL_CHANNELS.fileToken, SHELL_CHANNELS.viewDocument, 'constructor', 'toString', '__proto__', '', 'app:info ']) {
      const r = (await bridge.invoke(channel, {})) as { ok: boolean; error: { kind: string; message: string } };
      expect(r, channel).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(r.error.message.length).toBeGreaterThan(0);
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  it('saveCopy goes through the shell channel with its input', async () => {
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    invoke.mockResolvedValue({ ok: true, value: { saved: true } });
    const input = { path: '/datos/reportes/r.xlsx', suggestedName: 'r.xlsx' };
    await expect(bridge.saveCopy(input)).resolves.toEqual({ ok: true, value: { saved: true } });
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith(SHELL_CHANNELS.saveCopy, input);
  });

  it('fileToken reads the path with webUtils and hands it to main, not to the page', async () => {
    const get = vi.mocked(electron.webUtils.getPathForFile);
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    get.mockReturnValue('/home/ana/base.xlsx');
    invoke.mockResolvedValue({ ok: true, value: { token: 'T'.repeat(32), name: 'base.xlsx' } });
    const file = { name: 'base.xlsx' };
    await expect(bridge.fileToken(file)).resolves.toEqual({ ok: true, value: { token: 'T'.repeat(32), name: 'base.xlsx' } });
    expect(get).toHaveBeenCalledWith(file);
    expect(invoke).toHaveBeenCalledWith(SHELL_CHANNELS.fileToken, { path: '/home/ana/base.xlsx' });
  });

  it('fileToken of something that is no file on disk asks main with an empty path (refused there)', async () => {
    vi.mocked(electron.webUtils.getPathForFile).mockImplementation(() => {
      throw new Error('not a file');
    });
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    invoke.mockResolvedValue({ ok: false, error: { kind: 'validation', message: 'x' } });
    await bridge.fileToken({});
    expect(invoke).toHaveBeenCalledWith(SHELL_CHANNELS.fileToken, { path: '' });
  });

  it('viewDocument goes through the shell channel', async () => {
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    invoke.mockResolvedValue({ ok: true, value: { opened: true } });
    const input = { sha256: 'a'.repeat(64), name: 'acta.pdf' };
    await bridge.viewDocument(input);
    expect(invoke).toHaveBeenCalledWith(SHELL_CHANNELS.viewDocument, input);
  });
});

describe('registerIpc', () => {
  type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;
  const RENDERER_URL = 'file:///opt/recupera/dist/index.html';
  let app: AppServices;
  let handlers: Map<string, Listener>;
  let sessions: Map<number, Session>;
  let handleCalls = 0;

  function event(senderId: number, url: string | undefined | null): IpcMainInvokeEvent {
    return { sender: { id: senderId }, senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
  }

  function call(channel: string, ev: IpcMainInvokeEvent, input: unknown = {}): Promise<Result<unknown>> {
    const h = handlers.get(channel);
    if (!h) throw new Error(`Canal no registrado: ${channel}`);
    return h(ev, input);
  }

  beforeAll(() => {
    const dir = tempDir('recupera-ipc-');
    app = createServices({ dbPath: join(dir, 'recupera.sqlite'), dataDir: dir });
    handlers = new Map();
    const ipcMain = {
      handle: (channel: string, fn: Listener) => {
        handleCalls++;
        handlers.set(channel, fn);
      },
    };
    sessions = registerIpc(ipcMain as unknown as Parameters<typeof registerIpc>[0], app, RENDERER_URL);
  });

  afterAll(async () => {
    if (app) await closeServices(app);
  });

  it('registers every contracted channel exactly once and nothing else', () => {
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(handleCalls).toBe(CHANNELS.length);
  });

  it('refuses frames that are not the Recupera page', async () => {
    const untrusted = [
      'https://evil.example/',
      'file:///tmp/other.html',
      'file:///opt/recupera/dist/other.html',
      'http://localhost:5173/',
      'about:blank',
      'no es una url',
      '',
      undefined,
      null,
    ];
    for (const url of untrusted) {
      const r = await call('app:info', event(500, url));
      expect(r, String(url)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    // A refused call creates no session.
    expect(sessions.has(500)).toBe(false);
  });

  it('answers the trusted page', async () => {
    const r = await call('app:info', event(1, RENDERER_URL));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ initialized: false, user: null, version: app.version });
    // Same page with a hash route is still ours.
    const routed = await call('app:info', event(1, `${RENDERER_URL}#/buscar`));
    expect(routed.ok).toBe(true);
  });

  it('validates input through IPC', async () => {
    const r = await call('setup:init', event(1, RENDERER_URL), { stationCode: '', office: '' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', message: 'Escriba el código de estación.' } });
  });

  it('keeps one session per window', async () => {
    const init = await call('setup:init', event(1, RENDERER_URL), {
      stationCode: 'GYE-PRUEBA-02',
      office: 'Oficina de prueba',
      admin: { username: 'admin.ipc', fullName: 'Admin de Prueba', password: 'clave-segura-123' },
    });
    expect(init.ok).toBe(true);

    const one = await call('app:info', event(1, RENDERER_URL));
    expect(one).toMatchObject({ ok: true, value: { initialized: true, user: { username: 'admin.ipc', role: 'ADMIN' } } });

    const two = await call('app:info', event(2, RENDERER_URL));
    expect(two).toMatchObject({ ok: true, value: { initialized: true, user: null } });

    const searchTwo = await call('search:query', event(2, RENDERER_URL), { text: 'x' });
    expect(searchTwo).toMatchObject({ ok: false, error: { kind: 'refused' } });
    const searchOne = await call('search:query', event(1, RENDERER_URL), { text: 'x' });
    expect(searchOne.ok).toBe(true);

    // A foreign frame in the signed-in window gets nothing, not even app:info.
    const hijacked = await call('app:info', event(1, 'https://evil.example/'));
    expect(hijacked).toMatchObject({ ok: false, error: { kind: 'refused' } });

    expect(sessions.get(1)?.user?.username).toBe('admin.ipc');
    expect(sessions.get(2)?.user).toBeNull();
  });
});

describe('isTrustedSender', () => {
  it('accepts only the same protocol, host and path', () => {
    const file = 'file:///opt/recupera/dist/index.html';
    expect(isTrustedSender(file, file)).toBe(true);
    expect(isTrustedSender(`${file}#/clientes/1`, file)).toBe(true);
    expect(isTrustedSender(`${file}?x=1`, file)).toBe(true);
    expect(isTrustedSender('file:///tmp/other.html', file)).toBe(false);
    expect(isTrustedSender('file:///opt/recupera/dist/index.html/..', file)).toBe(false);
    expect(isTrustedSender('https://evil.example/', file)).toBe(false);

    const dev = 'http://localhost:5173/';
    expect(isTrustedSender('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedSender('http://evil.example:5173/', dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/otra', dev)).toBe(false);
  });

  it('rejects missing or malformed URLs', () => {
    expect(isTrustedSender(undefined, 'file:///a/index.html')).toBe(false);
    expect(isTrustedSender('', 'file:///a/index.html')).toBe(false);
    expect(isTrustedSender('no es una url', 'file:///a/index.html')).toBe(false);
    expect(isTrustedSender('file:///a/index.html', 'no es una url')).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('locks the renderer down', () => {
    const p = secureWebPreferences('/app/preload.cjs');
    expect(p.preload).toBe('/app/preload.cjs');
    expect(p.contextIsolation).toBe(true);
    expect(p.sandbox).toBe(true);
    expect(p.nodeIntegration).toBe(false);
    expect(p.nodeIntegrationInWorker).toBe(false);
    expect(p.webSecurity).toBe(true);
    expect(p.allowRunningInsecureContent).toBe(false);
    expect(p.webviewTag).toBe(false);
    // Untrusted PDFs open in the viewer window, never with plugins in this one.
    expect(p.plugins).toBe(false);
    expect(p).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(p).not.toHaveProperty('experimentalFeatures', true);
  });
});

describe('electronBindingPath', () => {
  it('returns undefined when the binding is missing', () => {
    const dir = tempDir('recupera-native-');
    expect(electronBindingPath(dir)).toBeUndefined();
    expect(electronBindingPath(join(dir, 'app.asar'))).toBeUndefined();
  });

  it('finds the binding next to an unpackaged app', () => {
    const dir = tempDir('recupera-native-');
    const file = join(dir, ELECTRON_BINDING_RELATIVE);
    mkdirSync(join(dir, 'native', 'electron'), { recursive: true });
    writeFileSync(file, 'x');
    expect(electronBindingPath(dir)).toBe(file);
  });

  it('reads the binding from app.asar.unpacked inside a package', () => {
    const dir = tempDir('recupera-native-');
    const unpacked = join(dir, 'app.asar.unpacked', 'native', 'electron', 'better_sqlite3.node');
    mkdirSync(join(dir, 'app.asar.unpacked', 'native', 'electron'), { recursive: true });
    writeFileSync(unpacked, 'x');
    expect(electronBindingPath(join(dir, 'app.asar'))).toBe(unpacked);
  });

  it('never returns a path inside the asar archive itself', () => {
    const dir = tempDir('recupera-native-');
    mkdirSync(join(dir, 'app.asar', 'native', 'electron'), { recursive: true });
    writeFileSync(join(dir, 'app.asar', 'native', 'electron', 'better_sqlite3.node'), 'x');
    expect(electronBindingPath(join(dir, 'app.asar'))).toBeUndefined();
  });
});

describe('CSP', () => {
  const directives = new Map(
    CSP.split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!, parts.slice(1)] as const),
  );

  it('defaults to self and forbids eval', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).not.toContain('wasm-unsafe-eval');
  });

  it('allows scripts only from its own origin, never inline', () => {
    const script = directives.get('script-src');
    expect(script).toBeDefined();
    expect(script).toEqual(["'self'"]);
    expect(script).not.toContain("'unsafe-inline'");
    expect(directives.has('script-src-elem')).toBe(false);
    expect(directives.has('script-src-attr')).toBe(false);
  });

  it('blocks plugins, framing and remote connections', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    for (const [name, sources] of directives) {
      for (const s of sources) expect(s, name).not.toMatch(/^(https?:|\*$|ws:|wss:)/);
    }
  });
});
