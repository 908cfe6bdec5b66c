import { z } from 'zod';
import { FIELD_LIMITS } from '../fieldLimits';
import { DocumentHolder } from './backups';
import { FileToken } from './fileRef';

/**
 * Calls only the Electron shell answers (dialogs, files on this PC, the document viewer). They are
 * not in the handler table: in browser mode the renderer does the same through the browser itself.
 * Each is validated here and refused unless the window's session is signed in and unlocked.
 */
export { SHELL_CHANNELS } from './shellChannels';

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'La ruta no es válida.');

export const SaveCopyInput = z
  .object({
    /** A file Recupera generated (a report); the shell refuses any other path. */
    path: absolutePath,
    suggestedName: z.string().trim().min(1).max(FIELD_LIMITS.fileName),
  })
  .strict();
export type SaveCopyInput = z.infer<typeof SaveCopyInput>;

export const SaveCopyResult = z.union([z.object({ saved: z.literal(false) }), z.object({ saved: z.literal(true), path: z.string() })]);
export type SaveCopyResult = z.infer<typeof SaveCopyResult>;

/** The path the preload read from a dropped or chosen File (webUtils); main checks it and issues a token. */
export const FileTokenInput = z.object({ path: absolutePath }).strict();
export type FileTokenInput = z.infer<typeof FileTokenInput>;

export const FileTokenResult = z.object({ token: FileToken, name: z.string() });
export type FileTokenResult = z.infer<typeof FileTokenResult>;

/** A respaldo document (or a tercero's of an acta, or a mail attachment not yet assigned), shown in the separate viewer window. */
export const ViewDocumentInput = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The respaldo, acta or message on screen: passed on to backups:file, which checks it holds the document. */
    of: DocumentHolder,
    /** For the viewer's title only. */
    name: z.string().trim().min(1).max(FIELD_LIMITS.fileName),
  })
  .strict();
export type ViewDocumentInput = z.infer<typeof ViewDocumentInput>;

export const ViewDocumentResult = z.union([z.object({ opened: z.literal(true) }), z.object({ purgedAt: z.string() })]);
export type ViewDocumentResult = z.infer<typeof ViewDocumentResult>;
