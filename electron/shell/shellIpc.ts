import { realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, resolve, sep } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { backupsFile } from '../../shared/contracts/backups';
import { FileTokenInput, SaveCopyInput, SHELL_CHANNELS, ViewDocumentInput } from '../../shared/contracts/shell';
import { excerpt } from '../../shared/fieldLimits';
import { AppFailure, fail, ok, type Result } from '../../shared/result';
import { recordDownload } from '../app/downloadAudit';
import { issueFileToken } from '../app/fileTokens';
import { generatedDirs, type AppServices, type Session } from '../app/services';
import { writeClearCopy } from '../files/sealedFile';
import { dispatch } from '../handlers/table';
import { log } from '../platform/log';
import { LIMITS } from '../spreadsheet/limits';
import type { ViewedDocument } from './docScheme';
import { isTrustedSender } from './security';

export interface SaveDialogOptions {
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

/** What the shell's own channels need from Electron, passed in so they are tested without it. */
export interface ShellDeps {
  app: AppServices;
  rendererUrl: string;
  /** The window sessions registerIpc keeps (ipc.ts): the shell answers only a signed-in window. */
  sessions: Map<number, Session>;
  /** The save dialog over the asking window; null when the person cancelled. */
  chooseSavePath(senderId: number, options: SaveDialogOptions): Promise<string | null>;
  /** Opens the document in the viewer window (docViewer.ts). */
  openViewer(doc: ViewedDocument, senderId: number): void;
}

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

/** The window's signed-in, unlocked session, or the refusal to send back. */
function signedIn(event: IpcMainInvokeEvent, deps: ShellDeps, channel: string): Session | Result<never> {
  if (!isTrustedSender(event.senderFrame?.url, deps.rendererUrl)) {
    log.warn('shell.refused', { channel, reason: 'untrusted sender' });
    return fail('refused', 'Solicitud rechazada: no proviene de la ventana de Recupera.');
  }
  const session = deps.sessions.get(event.sender.id);
  if (!session?.user) {
    log.warn('shell.refused', { channel, reason: 'no session' });
    return fail('refused', 'Su sesión terminó. Ingrese de nuevo con su usuario y contraseña.');
  }
  if (session.locked) {
    log.warn('shell.refused', { channel, reason: 'locked', userId: session.user.id });
    return fail('refused', 'La pantalla está bloqueada. Ingrese su contraseña para continuar.');
  }
  if (session.user.mustChangePassword) return fail('refused', 'Debe cambiar su contraseña temporal antes de continuar.');
  return session;
}

function isRefusal(v: Session | Result<never>): v is Result<never> {
  return 'ok' in v;
}

const sameCase = (p: string): string => (process.platform === 'win32' ? p.toLowerCase() : p);

function isInside(child: string, dir: string): boolean {
  const c = sameCase(child);
  const d = sameCase(dir.endsWith(sep) ? dir : dir + sep);
  return c === sameCase(dir) || c.startsWith(d);
}

const FILTER_NAMES: Record<string, string> = {
  'recupera-nacional': 'Actualización nacional de Recupera',
  recupera: 'Paquete de Recupera',
  json: 'Diagnóstico de Recupera',
};

async function saveCopy(event: IpcMainInvokeEvent, input: unknown, deps: ShellDeps): Promise<Result<unknown>> {
  const session = signedIn(event, deps, SHELL_CHANNELS.saveCopy);
  if (isRefusal(session)) return session;
  const parsed = SaveCopyInput.safeParse(input);
  if (!parsed.success) return fail('validation', 'La solicitud para guardar la copia no es válida.');
  const source = resolve(parsed.data.path);
  if (!generatedDirs(deps.app).some((d) => isInside(source, resolve(d)) && source !== resolve(d))) {
    log.warn('shell.saveCopyRefused', { reason: 'not a generated file' });
    return fail('refused', 'Solo se pueden guardar archivos generados por Recupera.');
  }
  const ext = extname(source).slice(1) || 'xlsx';
  const target = await deps.chooseSavePath(event.sender.id, {
    defaultPath: basename(parsed.data.suggestedName),
    filters: [{ name: FILTER_NAMES[ext] ?? 'Excel', extensions: [ext] }],
  });
  if (!target) return ok({ saved: false });
  try {
    // Whole or not at all: a USB stick pulled mid-copy leaves no truncated file that looks complete.
    // Kept sealed (files/sealedFile.ts): the copy the person chose to take is in clear.
    await writeClearCopy(source, target, deps.app.dataKey);
  } catch (e) {
    log.warn('shell.saveCopyFailed', { err: e });
    if (e instanceof AppFailure) return fail(e.kind, e.message);
    throw e;
  }
  recordDownload(deps.app, session, source);
  return ok({ saved: true, path: target });
}

const MB = 1024 * 1024;

/**
 * A file the person dropped or chose, named by the preload's webUtils path: checked here, kept on
 * this side, and handed back as an opaque token of this window's session (app/fileTokens.ts).
 */
async function fileToken(event: IpcMainInvokeEvent, input: unknown, deps: ShellDeps): Promise<Result<unknown>> {
  const session = signedIn(event, deps, SHELL_CHANNELS.fileToken);
  if (isRefusal(session)) return session;
  const parsed = FileTokenInput.safeParse(input);
  if (!parsed.success || !isAbsolute(parsed.data.path)) {
    return fail('validation', 'No se pudo leer la ubicación del archivo elegido. Elíjalo de nuevo desde una carpeta de este equipo.');
  }
  const path = parsed.data.path;
  const name = basename(path);
  const shown = excerpt(name);
  let real: string;
  let size: number;
  try {
    real = await realpath(path);
    const s = await stat(real);
    if (!s.isFile()) return fail('validation', `«${shown}» no es un archivo. Elija un archivo, no una carpeta.`);
    size = s.size;
  } catch {
    return fail('not_found', `No se encontró el archivo «${shown}». Elíjalo de nuevo.`);
  }
  let dataDir = resolve(deps.app.dataDir);
  try {
    dataDir = await realpath(dataDir);
  } catch {
    // A data folder not created yet holds nothing to protect.
  }
  if (isInside(real, dataDir)) {
    log.warn('shell.fileTokenRefused', { reason: 'inside data folder' });
    return fail('refused', 'No se puede elegir un archivo de la carpeta de datos de Recupera. Elija una copia guardada en otra carpeta.');
  }
  if (size > LIMITS.maxFileBytes) {
    return fail('validation', `«${shown}» pesa ${Math.ceil(size / MB)} MB; el máximo es ${LIMITS.maxFileBytes / MB} MB.`);
  }
  return ok({ token: issueFileToken(session, real, name), name });
}

/** A respaldo document in the viewer window, with the same access and audit entry as backups:file. */
async function viewDocument(event: IpcMainInvokeEvent, input: unknown, deps: ShellDeps): Promise<Result<unknown>> {
  const session = signedIn(event, deps, SHELL_CHANNELS.viewDocument);
  if (isRefusal(session)) return session;
  const parsed = ViewDocumentInput.safeParse(input);
  if (!parsed.success) return fail('validation', 'La solicitud para abrir el documento no es válida.');
  const r = await dispatch(backupsFile.channel, { sha256: parsed.data.sha256, of: parsed.data.of }, { app: deps.app, session });
  if (!r.ok) return r;
  const file = backupsFile.output.parse(r.value);
  if ('purgedAt' in file) return ok({ purgedAt: file.purgedAt });
  deps.openViewer({ bytes: Buffer.from(file.base64, 'base64'), mime: file.mime, name: parsed.data.name }, event.sender.id);
  return ok({ opened: true });
}

/** The shell's own channels (shared/contracts/shell.ts), next to the contracted ones of ipc.ts. */
export function registerShellIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: ShellDeps): void {
  const table: Array<[string, (event: IpcMainInvokeEvent, input: unknown, deps: ShellDeps) => Promise<Result<unknown>>]> = [
    [SHELL_CHANNELS.saveCopy, saveCopy],
    [SHELL_CHANNELS.fileToken, fileToken],
    [SHELL_CHANNELS.viewDocument, viewDocument],
  ];
  for (const [channel, fn] of table) {
    const listener: Listener = async (event, input) => {
      try {
        return await fn(event, input, deps);
      } catch (e) {
        log.error('shell.failed', { channel, err: e });
        return fail('internal', 'Ocurrió un error inesperado. Intente de nuevo; si se repite, avise a soporte.');
      }
    };
    ipcMain.handle(channel, listener);
  }
}
