import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The measured children run as the product runs: bundled and started with plain Node, with the
 * import's worker threads bundled beside them (as in dist-web and dist-electron). Under tsx every
 * one of the import's three threads compiled the sources first: that was inside every figure,
 * in seconds and in a hundred megabytes, and no user ever pays it. The peers' children are
 * bundled alike, so both sides of a ratio start the same way.
 */
// One folder per bench process, so two benches at once do not replace each other's bundles.
const DIR = join('.bench-cache', `dist-${process.pid}`);
const CHILDREN = ['importChild', 'exceljsRead', 'exceljsWrite', 'syncChild', 'dumpRows', 'deskChild', 'updateChild', 'storeFloorChild'] as const;
export type Child = (typeof CHILDREN)[number];

export async function buildChildren(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  process.on('exit', () => rmSync(DIR, { recursive: true, force: true }));
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    outdir: DIR,
    entryPoints: {
      ...Object.fromEntries(CHILDREN.map((c) => [c, `test/bench/${c}.ts`])),
      'job-worker': 'electron/jobs/jobWorker.ts',
      'table-reader': 'electron/import/tableReaderThread.ts',
    },
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  });
}

/** The arguments that start a child with `node` (after buildChildren). */
export function childArgs(name: Child): string[] {
  return [join(DIR, `${name}.mjs`)];
}
