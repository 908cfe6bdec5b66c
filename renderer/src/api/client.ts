import type { Contract, InputOf, OutputOf } from '../../../shared/contracts/contract';
import type { SaveCopyInput } from '../../../shared/contracts/shell';
import { fail, type Result } from '../../../shared/result';

interface RecuperaBridge {
  mode: 'electron';
  invoke(channel: string, input: unknown): Promise<unknown>;
  pathForFile(file: File): string;
  saveCopy(input: SaveCopyInput): Promise<unknown>;
}

declare global {
  interface Window {
    recupera?: RecuperaBridge;
  }
}

export const isElectron = (): boolean => typeof window !== 'undefined' && window.recupera?.mode === 'electron';

/** One call into the handler table: over Electron IPC, or HTTP in browser mode. Never throws. */
export async function invoke<C extends Contract>(c: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
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

/** A path the handlers can read: the file itself in Electron, an uploaded copy in browser mode. */
export async function fileToPath(file: File): Promise<Result<{ path: string; name: string }>> {
  if (window.recupera) return { ok: true, value: { path: window.recupera.pathForFile(file), name: file.name } };
  try {
    const res = await fetch(`upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, credentials: 'same-origin' });
    if (res.status === 413) return fail('refused', 'El archivo es demasiado grande.');
    // The server could not keep the file (a full disk…): it says why in Spanish.
    if (res.status === 507) return (await res.json()) as Result<{ path: string; name: string }>;
    if (!res.ok) return fail('internal', `No se pudo cargar el archivo (${res.status}).`);
    return { ok: true, value: (await res.json()) as { path: string; name: string } };
  } catch {
    return fail('internal', 'No se pudo cargar el archivo.');
  }
}

/** Lets the user keep a copy of a generated report. */
export async function saveReport(path: string, suggestedName: string): Promise<void> {
  if (window.recupera) {
    await window.recupera.saveCopy({ path, suggestedName });
    return;
  }
  const a = document.createElement('a');
  a.href = `download?path=${encodeURIComponent(path)}`;
  a.download = suggestedName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
