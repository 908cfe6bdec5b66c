import { join } from 'node:path';
import { appDiagnostics } from '../../shared/contracts/app';
import { AppFailure } from '../../shared/result';
import type { CallContext } from '../app/services';
import { copyFileAtomic } from '../files/atomicFile';
import { call } from '../handlers/call';

/**
 * `diagnostico --salida CARPETA`: the support bundle through the same contract as the app's
 * "Copiar diagnóstico", then delivered whole into the folder the user named.
 */
export async function diagnosticsCmd(
  ctx: CallContext,
  folder: string,
  json: boolean,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<'ok' | 'refused' | 'failed'> {
  const r = await call(ctx, appDiagnostics, {});
  if (!r.ok) {
    err(r.error.message);
    return 'refused';
  }
  const target = join(folder, r.value.fileName);
  try {
    await copyFileAtomic(r.value.path, target);
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    err(e.message);
    return 'failed';
  }
  out(json ? JSON.stringify({ file: target }) : `Diagnóstico escrito en ${target}`);
  return 'ok';
}
