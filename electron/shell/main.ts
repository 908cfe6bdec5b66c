import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { SHELL_CHANNELS, type SaveCopyInput } from '../../shared/contracts/shell';
import { AppFailure, fail, ok } from '../../shared/result';
import { closeServices, createServices, generatedDirs, type AppServices } from '../app/services';
import { writeClearCopy } from '../files/sealedFile';
import { recordDownload } from '../app/downloadAudit';
import { closeLog, log } from '../platform/log';
import { registerIpc } from './ipc';
import { electronPdfRenderer } from './electronPdf';
import { safeStorageKeys } from './keyProtector';
import { electronBindingPath } from './nativeBinding';
import { isTrustedSender, secureWebPreferences } from './security';

let services: AppServices | null = null;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

function createWindow(rendererUrl: string): BrowserWindow {
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
    if (url !== rendererUrl) e.preventDefault();
  });
  void win.loadURL(rendererUrl);
  return win;
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  // No remote content: anything that is not our own file is blocked.
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    cb({ cancel: !(details.url.startsWith('file://') || details.url.startsWith('devtools://') || details.url.startsWith('data:')) });
  });
  const dataDir = app.getPath('userData');
  services = createServices({
    dbPath: join(dataDir, 'recupera.sqlite'),
    dataDir,
    nativeBinding: electronBindingPath(app.getAppPath()),
    pdf: electronPdfRenderer(),
    keyProtector: safeStorageKeys(),
    sharedFolderPickup: true,
    dbBackupSchedule: true,
  });
  const rendererUrl = pathToFileURL(join(app.getAppPath(), 'dist', 'renderer', 'index.html')).toString();
  const sessions = registerIpc(ipcMain, services, rendererUrl);
  const current = services;
  ipcMain.handle(SHELL_CHANNELS.saveCopy, async (event, input: SaveCopyInput) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) return fail('refused', 'Solicitud rechazada.');
    const source = resolve(String(input?.path ?? ''));
    if (!generatedDirs(current).some((d) => source.startsWith(resolve(d) + sep))) {
      log.warn('shell.saveCopyRefused', { reason: 'not a generated file' });
      return fail('refused', 'Solo se pueden guardar archivos generados por Recupera.');
    }
    const win = BrowserWindow.fromWebContents(event.sender);
    const ext = extname(source).slice(1) || 'xlsx';
    const options = {
      defaultPath: String(input.suggestedName ?? `archivo.${ext}`),
      filters: [{ name: ext === 'recupera-nacional' ? 'Actualización nacional de Recupera' : ext === 'recupera' ? 'Paquete de Recupera' : ext === 'json' ? 'Diagnóstico de Recupera' : 'Excel', extensions: [ext] }],
    };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return ok({ saved: false });
    try {
      // Whole or not at all: a USB stick pulled mid-copy leaves no truncated file that looks complete.
      // Kept sealed (files/sealedFile.ts): the copy the person chose to take is in clear.
      await writeClearCopy(source, r.filePath, current.dataKey);
    } catch (e) {
      log.warn('shell.saveCopyFailed', { err: e });
      if (e instanceof AppFailure) return fail(e.kind, e.message);
      throw e;
    }
    recordDownload(current, sessions.get(event.sender.id) ?? { user: null }, source);
    return ok({ saved: true, path: r.filePath });
  });
  if (!app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'viewMenu' }]));
  else Menu.setApplicationMenu(null);
  createWindow(rendererUrl);
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
