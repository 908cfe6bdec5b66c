// Builds what Electron and the browser mode load: the renderer (Vite) and the main process,
// preload and job worker (esbuild). `--renderer-only` skips the Electron bundles.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { channelListSource, contractedChannels } from './generate-channels.mjs';

const rendererOnly = process.argv.includes('--renderer-only');
const webOnly = process.argv.includes('--web-only');

/**
 * The browser mode's server as one bundle with its worker threads beside it (dist-web): started
 * with plain Node it answers in a fraction of the time tsx takes to compile the sources first.
 */
async function buildWeb() {
  rmSync('dist-web', { recursive: true, force: true });
  await esbuild({
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    outdir: 'dist-web',
    entryPoints: { server: 'electron/web/main.ts', 'job-worker': 'electron/jobs/jobWorker.ts', 'table-reader': 'electron/import/tableReaderThread.ts' },
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  });
}

if (webOnly) {
  await buildWeb();
  console.log('Servidor del modo navegador compilado en dist-web.');
  process.exit(0);
}
const CHANNEL_LIST = 'shared/contracts/channelList.ts';

await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });

if (!rendererOnly) {
  // The preload's channel list follows the contracts (a stale list would refuse a new channel).
  const list = channelListSource(await contractedChannels());
  if (!existsSync(CHANNEL_LIST) || readFileSync(CHANNEL_LIST, 'utf8') !== list) writeFileSync(CHANNEL_LIST, list);
  // A renamed entry must not leave its old bundle behind to be packaged.
  rmSync('dist-electron', { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', outdir: 'dist-electron' };
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: { main: 'electron/shell/main.ts', 'job-worker': 'electron/jobs/jobWorker.ts', 'table-reader': 'electron/import/tableReaderThread.ts' },
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      packages: 'external',
      external: ['electron'],
    }),
    // Sandboxed preloads cannot load modules from disk: everything but `electron` is inlined.
    esbuild({
      ...common,
      entryPoints: { preload: 'electron/shell/preload.ts' },
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
    }),
  ]);
}
console.log(rendererOnly ? 'Interfaz compilada en dist/renderer.' : 'Compilado: dist/renderer y dist-electron.');
