import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread's code lives: next to the bundle in a build (`<name>.mjs` in
 * dist-electron), or as TypeScript source under tsx and vitest, loaded through a small
 * `.dev.mjs` entry that registers tsx's hook in the new thread. Each caller names both URLs
 * relative to its own module (`new URL(…, import.meta.url)`): in a build every module is inside
 * a bundle in dist-electron, so the bundled name resolves beside it.
 */
export function workerEntry(bundled: URL, dev: URL): URL {
  return existsSync(fileURLToPath(bundled)) ? bundled : dev;
}
