import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the import worker lives: next to the bundle in a build (`import-worker.mjs`), or as
 * TypeScript source under tsx and vitest, which a worker thread loads through tsx's hook.
 */
export function importWorkerEntry(): { url: URL } {
  const bundled = new URL('./import-worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return { url: bundled };
  return { url: new URL('./importWorker.dev.mjs', import.meta.url) };
}
