// `npm run web -- --db RUTA [--port N]`: builds the renderer when needed and the server, then serves on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/renderer/index.html') || process.env.RECUPERA_REBUILD === '1') {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--renderer-only'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The server runs bundled (dist-web), rebuilt on every start so it always matches the sources.
const web = spawnSync(process.execPath, ['scripts/build.mjs', '--web-only'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (web.status !== 0) process.exit(web.status ?? 1);
const child = spawn(process.execPath, ['dist-web/server.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
