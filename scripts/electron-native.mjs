// Builds better-sqlite3 for Electron's ABI into native/electron/, apart from the Node build in
// node_modules (tests, CLI and browser mode keep using that one). Run by `npm start` and the
// packaging step; skipped when the build for this Electron version is already there.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqlitePkg = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqlitePkg, 'package.json'), 'utf8')).version;
const outDir = join('native', 'electron');
const stampFile = join(outDir, 'build.json');
const wanted = { electron: electronVersion, betterSqlite3MultipleCiphers: sqliteVersion, platform: process.platform, arch: process.arch };

if (existsSync(stampFile) && existsSync(join(outDir, 'better_sqlite3.node'))) {
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  if (JSON.stringify(stamp) === JSON.stringify(wanted)) process.exit(0);
}

console.log(`Compilando better-sqlite3-multiple-ciphers ${sqliteVersion} para Electron ${electronVersion}…`);
const work = mkdtempSync(join(tmpdir(), 'recupera-native-'));
try {
  // A private copy, so the Node build in node_modules is never overwritten.
  const ownBuild = join(sqlitePkg, 'build');
  cpSync(sqlitePkg, work, { recursive: true, filter: (src) => src !== ownBuild && !src.startsWith(ownBuild + sep) });
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });
  try {
    run(process.execPath, [require.resolve('prebuild-install/bin.js', { paths: [sqlitePkg] }), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
  } catch {
    run(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  writeFileSync(stampFile, JSON.stringify(wanted));
  console.log(`Listo: ${join(outDir, 'better_sqlite3.node')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
