/**
 * The shell's own channels (electron/shell/, not the handler table), apart from their schemas in
 * shell.ts so the preload can name them without bundling zod.
 */
export const SHELL_CHANNELS = {
  saveCopy: 'shell:saveCopy',
  fileToken: 'shell:fileToken',
  viewDocument: 'shell:viewDocument',
} as const;
