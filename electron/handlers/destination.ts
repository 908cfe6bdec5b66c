import { resolve } from 'node:path';
import { AppFailure } from '../../shared/result';
import type { Session } from '../app/services';

/**
 * A destination named in a call, resolved; only the command line may name one (see
 * `Session.origin`). Windows and browser clients leave it out and get the app's own folders.
 */
export function namedDestination(session: Session, destination: string | undefined): string | undefined {
  if (destination === undefined) return undefined;
  if (session.origin !== 'cli') {
    throw new AppFailure('refused', 'Solo la línea de comandos puede indicar una carpeta de destino; desde la aplicación, los archivos se guardan en sus carpetas y en la carpeta compartida.');
  }
  return resolve(destination);
}
