import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { issueFileToken, type FileHolder } from '../../electron/app/fileTokens';
import type { PickedFile } from '../../shared/contracts/fileRef';

/** A file chosen on this session, as the renderer names it to a handler: a token and the name the person saw. */
export function pick(session: object, path: string, name = basename(path)): PickedFile {
  // Any session object holds its tokens (a bench's bare `{ user }` too): the map is added on first use.
  return { token: issueFileToken(session as FileHolder, path, name), name };
}

/** A file a person at this desk chose: `bytes` written under the app's folder as `name`, and picked on its session. */
export function chooseFile(t: { dir: string; ctx: { session: object } }, name: string, bytes: Buffer): PickedFile {
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  return pick(t.ctx.session, path, name);
}
