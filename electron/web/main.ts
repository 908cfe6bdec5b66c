import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeServices, createServices } from '../app/services';
import { startWebServer } from './server';

/** How long after start the actas' Chromium is launched (the first screen loads in under a second). */
const WARM_AFTER_MS = 1500;

/** `npm run web -- --db RUTA [--port N]`: the renderer in a browser against the real handlers. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' }, token: { type: 'string' } },
    strict: true,
  });
  if (!values.db) {
    process.stderr.write('Uso: npm run web -- --db RUTA [--port N]\n');
    process.exit(64);
  }
  const dbPath = resolve(values.db);
  const app = createServices({ dbPath, dataDir: dirname(dbPath), sharedFolderPickup: true, dbBackupSchedule: true });
  const web = await startWebServer(app, {
    port: values.port ? Number(values.port) : 0,
    rendererDir: resolve(values.renderer ?? 'dist/renderer'),
    token: values.token,
  });
  process.stdout.write(`Recupera (modo navegador) en ${web.url}\n`);
  // Chromium and its page start ahead of the first acta, so it prints as fast as the next ones; but
  // a moment after start, not at once: launching it would slow the first screen the browser loads.
  setTimeout(() => app.pdf.warm?.(), WARM_AFTER_MS).unref();
  const stop = async () => {
    await web.close();
    await closeServices(app);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
