import { AppFailure } from '../../shared/result';

/**
 * A file system error in words a coordinator can act on, naming the folder. Node's own text
 * ("ENOSPC: no space left on device, write") never reaches a user; it goes to the log.
 */
export function fileProblem(e: unknown, folder: string): AppFailure {
  const failure = problemOf(e, folder);
  // The system's error stays attached, so a caller can still tell a full disk (and say how much room it needs).
  failure.cause = e;
  return failure;
}

function problemOf(e: unknown, folder: string): AppFailure {
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppFailure('refused', `No hay espacio suficiente en el disco de la carpeta ${folder}. Libere espacio o elija otra carpeta e intente de nuevo.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppFailure('refused', `No se puede escribir en la carpeta ${folder}: no hay permiso o es de solo lectura. Elija otra carpeta.`);
    case 'ENOENT':
      return new AppFailure('not_found', `La carpeta ${folder} ya no existe (¿se retiró la memoria USB o la unidad de red?). Conéctela o elija otra carpeta.`);
    case 'ENOTDIR':
    case 'EEXIST':
      return new AppFailure('validation', `${folder} no es una carpeta. Elija una carpeta donde guardar los archivos.`);
    case 'EIO':
      return new AppFailure('refused', `El disco de la carpeta ${folder} falló al escribir. Revise la unidad e intente de nuevo.`);
    default:
      return new AppFailure('internal', `No se pudo escribir en la carpeta ${folder}. Intente de nuevo; si se repite, avise a soporte.`);
  }
}
