// `npm start`: build, make sure better-sqlite3 exists for Electron's ABI, then launch Electron.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const step = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

step(['scripts/build.mjs']);
step(['scripts/electron-native.mjs']);

let electronPath;
try {
  // Downloads Electron's binary on first use if the install step did not.
  electronPath = require('electron');
} catch (e) {
  console.error(`No se pudo obtener Electron: ${e.message}`);
  console.error('Sin conexión para descargarlo, use el modo navegador: npm run web -- --db ./recupera.sqlite');
  process.exit(1);
}
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
