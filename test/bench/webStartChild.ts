import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { setupAdmin } from '../../shared/contracts/app';
import { closeServices, createServices } from '../../electron/app/services';
import { dataKeyPath } from '../../electron/auth/dataKey';
import { keyFilePath } from '../../electron/auth/keyFile';
import { fsyncPath } from '../../electron/files/atomicFile';
import { call } from '../../electron/handlers/call';
import { openTestDatabase } from '../helpers/encryptedDb';
import { findChromium } from '../e2e/chromium';

/**
 * `webStartChild.ts BASE.sqlite`: the browser mode's start on a copy of a prepared database (the
 * bench's imported base, with an administrator so the sign-in screen is the first one), timed
 * from starting `dist-web/server.mjs` — what `npm run web` runs once renderer and server are built — to
 * the sign-in form usable in Chromium (already open, as a clerk's browser is). Prints JSON.
 */
const [source] = process.argv.slice(2) as [string];
/** How long the just-launched browser is left to settle before the clock starts. */
const SETTLE_MS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'recupera-web-'));
const dbPath = join(dir, 'recupera.sqlite');
const db = openTestDatabase(source, { skipMigrations: true });
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
copyFileSync(source, dbPath);
// On disk before the clock starts: after (f) the copy is gigabytes, and the kernel's write-back of
// it must not share the disk with the server's start (one run took 2.2 s where 0.8 s is usual).
fsyncPath(dbPath);
for (const key of [keyFilePath, dataKeyPath]) if (existsSync(key(source))) copyFileSync(key(source), key(dbPath));
{
  const app = createServices({ dbPath, dataDir: dir, backgroundRecovery: false });
  const ctx = { app, session: { user: null } };
  const r = await call(ctx, setupAdmin, { username: 'admin', fullName: 'Administrador de prueba', password: 'clave-segura-1' });
  await closeServices(app);
  if (!r.ok && !/ya/i.test(r.error.message)) throw new Error(r.error.message);
}
// What `npm run web` starts: the bundled server (built before the clock starts, as web.mjs does).
if (spawnSync(process.execPath, ['scripts/build.mjs', '--web-only'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) throw new Error('No se pudo compilar el servidor.');
const browser = await chromium.launch({ executablePath: findChromium(), headless: true });
const page = await browser.newPage();
// A clerk's browser is open and idle. Just launched, Chromium (and the kernel writing back the
// base's copy) still works for about a second; on two cores that charged ~0.35 s to the server's start.
await page.goto('about:blank');
await new Promise((r) => setTimeout(r, SETTLE_MS));
const t0 = performance.now();
const child = spawn(process.execPath, ['dist-web/server.mjs', '--db', dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(c.toString());
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`web exited ${code}`)));
  });
  const served = performance.now();
  await page.goto(url);
  // Usable: the user name field is there and editable, the button to enter enabled.
  await page.getByLabel('Usuario').waitFor({ state: 'visible', timeout: 30_000 });
  await page.getByLabel('Usuario').fill('admin');
  const usable = performance.now();
  process.stdout.write(JSON.stringify({ seconds: (usable - t0) / 1000, serverSeconds: (served - t0) / 1000, pageSeconds: (usable - served) / 1000 }));
} finally {
  child.kill('SIGTERM');
  await browser.close();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}
