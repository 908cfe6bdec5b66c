import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread's code lives: next to the bundle in a build (`<name>.mjs` in
 * dist-electron), or as TypeScript source under tsx and vitest, loaded through a small
 * `.dev.mjs` entry that registers tsx's hook in the new thread.
 */
function entry(bundled: URL, dev: URL): URL {
  return existsSync(fileURLToPath(bundled)) ? bundled : dev;
}

export function jobWorkerEntry(): URL {
  return entry(new URL('./job-worker.mjs', import.meta.url), new URL('./jobWorker.dev.mjs', import.meta.url));
}

export function tableReaderEntry(): URL {
  return entry(new URL('./table-reader.mjs', import.meta.url), new URL('../import/tableReader.dev.mjs', import.meta.url));
}
