import { basename } from 'node:path';
import { issueFileToken, type FileHolder } from '../../electron/app/fileTokens';
import type { PickedFile } from '../../shared/contracts/fileRef';

/** A file chosen on this session, as the renderer names it to a handler: a token and the name the person saw. */
export function pick(session: object, path: string, name = basename(path)): PickedFile {
  // Any session object holds its tokens (a bench's bare `{ user }` too): the map is added on first use.
  return { token: issueFileToken(session as FileHolder, path, name), name };
}
