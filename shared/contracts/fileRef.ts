import { z } from 'zod';
import { FIELD_LIMITS } from '../fieldLimits';

/**
 * A file the user chose (a dialog, a drop, an upload), as the renderer may name it: an opaque
 * token the shell or the browser-mode server issued for that client's session, never a path. The
 * handler resolves it (electron/app/fileTokens.ts); a token from another window or client, or one
 * made up, resolves to nothing.
 */
export const FileToken = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'El archivo elegido no es válido. Elíjalo de nuevo.');
export type FileToken = z.infer<typeof FileToken>;

/** A chosen file with the name the person saw (shown back in messages and reports). */
export const PickedFile = z.object({ token: FileToken, name: z.string().trim().min(1).max(FIELD_LIMITS.fileName) });
export type PickedFile = z.infer<typeof PickedFile>;
