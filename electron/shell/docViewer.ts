import { BrowserWindow, session as electronSession, type Session as ElectronSession } from 'electron';
import { stripControls } from '../../shared/fieldLimits';
import { log } from '../platform/log';
import { DOC_SCHEME } from './appScheme';
import { documentUrl, serveDocumentRequest, ViewerDocuments, type ViewedDocument } from './docScheme';
import { viewerWebPreferences } from './security';

/** In memory (no `persist:`): nothing a document leaves behind outlives the app. */
export const VIEWER_PARTITION = 'recupera-visor';

/** What the viewer's session may load: the document, and the PDF viewer's own pages. */
export function isAllowedViewerRequest(url: string): boolean {
  const scheme = url.slice(0, url.indexOf(':') + 1);
  return scheme === `${DOC_SCHEME}:` || scheme === 'chrome-extension:' || scheme === 'chrome:' || scheme === 'blob:';
}

/**
 * Respaldo documents (PDF, JPEG, PNG from mail and packages: untrusted) open here, not in the main
 * window: a window of their own with no preload and JavaScript off, an in-memory session that
 * answers only its document scheme and grants nothing, navigation and new windows denied.
 */
export function documentViewer(): { open(doc: ViewedDocument, parent?: BrowserWindow | null): BrowserWindow } {
  const docs = new ViewerDocuments();
  let ses: ElectronSession | null = null;

  function viewerSession(): ElectronSession {
    if (ses) return ses;
    const s = electronSession.fromPartition(VIEWER_PARTITION, { cache: false });
    s.protocol.handle(DOC_SCHEME, (request) => serveDocumentRequest(request, docs));
    s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    s.setPermissionCheckHandler(() => false);
    s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedViewerRequest(details.url) }));
    // The document leaves the app only through its audited paths, not the PDF viewer's save button.
    s.on('will-download', (e) => e.preventDefault());
    ses = s;
    return s;
  }

  return {
    open(doc, parent) {
      viewerSession();
      const token = docs.issue(doc);
      const url = documentUrl(token);
      const win = new BrowserWindow({
        width: 1000,
        height: 760,
        title: `Documento: ${stripControls(doc.name).slice(0, 120)}`,
        backgroundColor: '#525659',
        autoHideMenuBar: true,
        ...(parent ? { parent } : {}),
        webPreferences: viewerWebPreferences(VIEWER_PARTITION),
      });
      win.setMenu(null);
      // The page's own <title> (a PDF's metadata) must not rename the window.
      win.on('page-title-updated', (e) => e.preventDefault());
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      win.webContents.on('will-navigate', (e, target) => {
        if (target !== url) e.preventDefault();
      });
      win.webContents.on('will-redirect', (e) => e.preventDefault());
      win.on('closed', () => docs.revoke(token));
      win.loadURL(url).catch((err: unknown) => log.warn('viewer.loadFailed', { err, mime: doc.mime }));
      return win;
    },
  };
}
