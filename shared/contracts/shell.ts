/**
 * Calls only the Electron shell answers (dialogs, files on this PC). They are not in the handler
 * table: in browser mode the renderer does the same through the browser itself.
 */
export const SHELL_CHANNELS = {
  saveCopy: 'shell:saveCopy',
} as const;

export interface SaveCopyInput {
  /** A file Recupera generated (a report); the shell refuses any other path. */
  path: string;
  suggestedName: string;
}
