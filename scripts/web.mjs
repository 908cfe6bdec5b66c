// `npm run web -- --db RUTA [--port N]`: builds the renderer when needed, then serves it on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/renderer/index.html') || process.env.RECUPERA_REBUILD === '1') {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--renderer-only'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
