import { basename, resolve } from 'node:path';
import type { PickedFile } from '../../shared/contracts/fileRef';
import { issueFileToken } from '../app/fileTokens';
import type { CallContext } from '../app/services';

/**
 * A path named on the command line, as the handlers take a chosen file: a token of this run's
 * session, like the shell's dialog or the browser mode's upload issues one.
 */
export function chosenFile(ctx: CallContext, file: string): PickedFile {
  const path = resolve(file);
  return { token: issueFileToken(ctx.session, path, basename(path)), name: basename(path) };
}
