import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { AppFailure } from '../../shared/result';
import { closeServices, createServices, type AppServices } from '../app/services';
import { closeLog, log } from '../platform/log';
import { APP_SCHEME, isAllowedRendererRequest, isOwnPage, PRIVILEGED_SCHEMES, RENDERER_URL, serveAppRequest } from './appScheme';
import { documentViewer } from './docViewer';
import { registerIpc } from './ipc';
import { electronPdfRenderer } from './electronPdf';
import { safeStorageKeys } from './keyProtector';
import { electronBindingPath } from './nativeBinding';
import { secureWebPreferences } from './security';
import { registerShellIpc } from './shellIpc';
import { focusExisting } from './windowFocus';

let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;

app.enableSandbox();
// Before ready: app:// and the document scheme are real, secure origins (appScheme.ts).
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } })));

const singleInstance = app.requestSingleInstanceLock();
if (!singleInstance) app.quit();

// A second launch (a double click on the icon again) brings the open window forward instead.
app.on('second-instance', () => focusExisting(mainWindow));

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Recupera',
    backgroundColor: '#f5f7fa',
    show: false,
    webPreferences: secureWebPreferences(join(app.getAppPath(), 'dist-electron', 'preload.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!isOwnPage(url)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!isOwnPage(url)) e.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(RENDERER_URL);
  return win;
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

if (singleInstance)
  app
    .whenReady()
    .then(() => {
      const rendererRoot = join(app.getAppPath(), 'dist', 'renderer');
      protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererRoot));
      session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
      // No remote content and no file://: only our own scheme (and what the page makes itself).
      const devTools = !app.isPackaged;
      session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
        cb({ cancel: !isAllowedRendererRequest(details.url, devTools) });
      });
      const dataDir = app.getPath('userData');
      const pdf = electronPdfRenderer();
      services = createServices({
        dbPath: join(dataDir, 'recupera.sqlite'),
        dataDir,
        nativeBinding: electronBindingPath(app.getAppPath()),
        pdf,
        keyProtector: safeStorageKeys(),
        sharedFolderPickup: true,
        dbBackupSchedule: true,
      });
      const sessions = registerIpc(ipcMain, services, RENDERER_URL);
      const viewer = documentViewer();
      const windowOf = (senderId: number): BrowserWindow | null => BrowserWindow.getAllWindows().find((w) => w.webContents.id === senderId) ?? null;
      registerShellIpc(ipcMain, {
        app: services,
        rendererUrl: RENDERER_URL,
        sessions,
        async chooseSavePath(senderId, options) {
          const win = windowOf(senderId);
          const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return r.canceled || !r.filePath ? null : r.filePath;
        },
        openViewer(doc, senderId) {
          viewer.open(doc, windowOf(senderId));
        },
      });
      if (!app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'viewMenu' }]));
      else Menu.setApplicationMenu(null);
      mainWindow = createWindow();
      // The actas' hidden window is made once the main one shows (before, it would slow the first
      // screen), and goes with it: a hidden window left open would keep the app from quitting.
      mainWindow.once('show', () => pdf.warm?.());
      mainWindow.once('closed', () => void pdf.close());
    })
    // A database that cannot be opened (a newer version, a damaged file) must not leave a running app with no window.
    .catch((e: unknown) => {
      log.error('app.startFailed', { err: e });
      dialog.showErrorBox(
        'Recupera no pudo iniciar',
        e instanceof AppFailure ? e.message : 'No se pudo abrir la base de datos de Recupera. La causa quedó en el registro (carpeta registro); avise a soporte.',
      );
      void closeLog().finally(() => app.exit(1));
    });

app.on('window-all-closed', () => {
  const s = services;
  services = null;
  // The log's last lines reach the disk before the process goes.
  void (s ? closeServices(s) : Promise.resolve()).then(closeLog).finally(() => app.quit());
});
