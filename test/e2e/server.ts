import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RunningApp {
  url: string;
  dir: string;
  dbPath: string;
  stop(): Promise<void>;
}

/** Starts the browser mode on a fresh database (or on `existingDb`, set up beforehand), exactly as `npm run web` does. */
export async function startApp(seed?: (dir: string, dbPath: string) => Promise<void> | void, existingDb?: string): Promise<RunningApp> {
  const dir = existingDb ? dirname(existingDb) : mkdtempSync(join(tmpdir(), 'recupera-e2e-'));
  const dbPath = existingDb ?? join(dir, 'recupera.sqlite');
  await seed?.(dir, dbPath);
  // The desk PC and its browser share Ecuador's clock: messages the server words carry the same times the screen shows.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--db', dbPath], {
    env: { ...process.env, TZ: 'America/Guayaquil' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`El modo navegador no arrancó: ${stderr}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(c.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`El modo navegador terminó (${code}): ${stderr}`)));
  });
  return {
    url,
    dir,
    dbPath,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a CLI command the way a coordinator would (`npm run -s cli -- …`). */
export function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'America/Guayaquil' } });
}
