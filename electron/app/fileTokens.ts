import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../shared/result';

/** Where a token leads: the real path stays on this side of the boundary. */
export interface ChosenFile {
  path: string;
  /** The name the person saw. */
  name: string;
}

/** The part of a client's session (app/services.ts `Session`) that holds its chosen files. */
export interface FileHolder {
  files?: Map<string, ChosenFile>;
}

/** A client that chooses files all day keeps only its most recent ones redeemable. */
const MAX_TOKENS_PER_SESSION = 500;

/**
 * Issues an opaque token for a file this client chose (the shell's dialog or drop, a browser-mode
 * upload, a CLI argument). Only the same session can redeem it; the renderer never sends a path.
 */
export function issueFileToken(session: FileHolder, path: string, name: string): string {
  const files = (session.files ??= new Map());
  while (files.size >= MAX_TOKENS_PER_SESSION) {
    const oldest = files.keys().next().value;
    if (oldest === undefined) break;
    files.delete(oldest);
  }
  const token = randomBytes(24).toString('base64url');
  files.set(token, { path, name });
  return token;
}

/** The file behind a token of this session, or a Spanish refusal (made up, another client's, or forgotten). */
export function resolveFileToken(session: FileHolder, token: string): ChosenFile {
  const file = session.files?.get(token);
  if (!file) throw new AppFailure('validation', 'El archivo elegido ya no está disponible. Elíjalo de nuevo.');
  return file;
}

/** Forgets every chosen file: on sign-out or a change of user, nothing carries over to the next person. */
export function forgetFileTokens(session: FileHolder): void {
  session.files?.clear();
}
