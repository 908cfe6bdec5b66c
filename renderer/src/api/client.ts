import type { Contract, InputOf, OutputOf } from '../../../shared/contracts/contract';
import { PickedFile } from '../../../shared/contracts/fileRef';
import { MAX_CHOSEN_FILE_BYTES } from '../../../shared/fieldLimits';
import type { SaveCopyInput, ViewDocumentInput } from '../../../shared/contracts/shell';
import { z } from 'zod';
import { fail, type Result } from '../../../shared/result';
import { useNotice } from './notice';

/** What the desktop's save dialog answers (electron/shell/main.ts). */
const SaveCopyResult = z.union([
  z.object({ ok: z.literal(true), value: z.object({ saved: z.boolean(), path: z.string().optional() }) }),
  z.object({ ok: z.literal(false), error: z.object({ message: z.string() }) }),
]);

/** What the shell answers for a chosen file (electron/shell/preload.ts), or the browser mode's /upload. */
const PickedResult = z.union([
  z.object({ ok: z.literal(true), value: PickedFile }),
  z.object({ ok: z.literal(false), error: z.object({ message: z.string() }) }),
]);

interface RecuperaBridge {
  mode: 'electron';
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Main issues an opaque token for a file the person chose or dropped; the renderer never sees its path. */
  fileToken(file: File): Promise<unknown>;
  saveCopy(input: SaveCopyInput): Promise<unknown>;
  /** Opens a respaldo document in the shell's viewer window (electron/shell/docViewer.ts). */
  viewDocument(input: ViewDocumentInput): Promise<unknown>;
}

declare global {
  interface Window {
    recupera?: RecuperaBridge;
  }
}

export const isElectron = (): boolean => typeof window !== 'undefined' && window.recupera?.mode === 'electron';

const refusedListeners = new Set<() => void>();

/**
 * Told after any refused call. A refusal may mean the main process ended this session by itself
 * (a restore, the user deactivated): the session feature checks and goes back to sign-in.
 */
export function onRefused(listener: () => void): () => void {
  refusedListeners.add(listener);
  return () => {
    refusedListeners.delete(listener);
  };
}

/** One call into the handler table: over Electron IPC, or HTTP in browser mode. Never throws. */
export async function invoke<C extends Contract>(c: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  const r = await call(c, input);
  if (!r.ok && r.error.kind === 'refused') for (const listener of refusedListeners) listener();
  return r;
}

async function call<C extends Contract>(c: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  try {
    if (window.recupera) return (await window.recupera.invoke(c.channel, input)) as Result<OutputOf<C>>;
    const res = await fetch(`api/${encodeURIComponent(c.channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
    if (res.status === 403) return fail('refused', 'Esta pestaña no tiene el token de la sesión. Abra la dirección que mostró «npm run web».');
    if (!res.ok) return fail('internal', `El servidor respondió ${res.status}.`);
    return (await res.json()) as Result<OutputOf<C>>;
  } catch {
    return fail('internal', 'No hay comunicación con el proceso principal de Recupera. Cierre y vuelva a abrir la aplicación.');
  }
}

/**
 * A file the person chose, as the handlers accept it: an opaque token of this window's (or this
 * browser client's) session and the name they saw. Electron's main issues it for the file itself;
 * the browser mode for an uploaded copy. Paths never leave the main process.
 */
export async function pickFile(file: File): Promise<Result<PickedFile>> {
  try {
    if (window.recupera) return answered(await window.recupera.fileToken(file));
    const res = await fetch(`upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, credentials: 'same-origin' });
    // Documents have a smaller limit of their own, told when they are checked.
    if (res.status === 413) return fail('refused', `El archivo «${file.name}» es demasiado grande: el máximo es ${MAX_CHOSEN_FILE_BYTES / 1048576} MB.`);
    // Signed out or locked (403), or the server could not keep the file (507, a full disk…): it says why in Spanish.
    if (res.status === 403 || res.status === 507) return answered(await res.json().catch(() => null), 'Inicie sesión para cargar archivos.');
    if (!res.ok) return fail('internal', `No se pudo cargar el archivo (${res.status}).`);
    const picked = PickedFile.safeParse(await res.json());
    return picked.success ? { ok: true, value: picked.data } : fail('internal', 'No se pudo cargar el archivo.');
  } catch {
    return fail('internal', 'No se pudo cargar el archivo.');
  }
}

function answered(raw: unknown, otherwise = 'No se pudo usar el archivo elegido. Elíjalo de nuevo.'): Result<PickedFile> {
  const r = PickedResult.safeParse(raw);
  if (!r.success) return fail('refused', otherwise);
  return r.data.ok ? { ok: true, value: r.data.value } : fail('refused', r.data.error.message);
}

/** Lets the user keep a copy of a generated report; the desktop says where it went, or why not. */
export async function saveReport(path: string, suggestedName: string): Promise<void> {
  if (window.recupera) {
    const r = SaveCopyResult.safeParse(await window.recupera.saveCopy({ path, suggestedName }));
    if (!r.success) useNotice.getState().show({ tone: 'error', text: 'No se pudo guardar la copia. Intente de nuevo.' });
    else if (!r.data.ok) useNotice.getState().show({ tone: 'error', text: r.data.error.message });
    else if (r.data.value.saved) useNotice.getState().show({ tone: 'ok', text: `Copia guardada en ${r.data.value.path ?? ''}.` });
    return;
  }
  const a = document.createElement('a');
  a.href = `download?path=${encodeURIComponent(path)}`;
  a.download = suggestedName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
