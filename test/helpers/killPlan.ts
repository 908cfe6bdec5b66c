import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { besideFolder, copyFolder, killMoments, removeFolders, runCliChild, SPREAD, type ChildRun } from './killRun';
import { DB_FILE } from './killScenes';

/**
 * How the kill harness drives one command: an unkilled run measured, then the same command killed
 * at moments spread over it, each on a fresh copy of the same data folder.
 */

/** The command line in this process (for preparing and checking), its output collected. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

export const dbOf = (dir: string): string => join(dir, DB_FILE);

/** Built once for the file and copied by each case. */
export const once = <T>(build: () => Promise<T>): (() => Promise<T>) => {
  let built: Promise<T> | null = null;
  return () => (built ??= build());
};

/** A command to kill: its arguments for a data folder, when its work has begun, its environment. */
export interface Plan {
  args: (dir: string) => string[];
  workStarted: (dir: string) => () => boolean;
  env?: (dir: string) => NodeJS.ProcessEnv;
}

/** The user's folder (`--salida`) of a run on data folder `dir`, beside it. */
export const salidaOf = (dir: string): string => besideFolder(dir, '-salida');

/** A private TMPDIR for a run on data folder `dir`, beside it, sharing tsx's transform cache (a cold one costs every run start-up time). */
export function tmpOf(dir: string): string {
  const folder = `${dir}-tmp`;
  if (existsSync(folder)) return folder;
  besideFolder(dir, '-tmp');
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('tsx-'))) symlinkSync(join(tmpdir(), name), join(folder, name));
  return folder;
}

/** The unkilled run, on a copy of `template`, that the kill moments are spread over. */
export async function measure(template: string, plan: Plan): Promise<{ dir: string; run: ChildRun }> {
  const dir = copyFolder(template);
  const run = await runCliChild(plan.args(dir), { workStarted: plan.workStarted(dir), env: plan.env?.(dir) });
  expect(run.code, run.err).toBe(0);
  expect(run.workAt, 'the work was never seen starting').not.toBeNull();
  return { dir, run };
}

/**
 * Kills the command at each moment spread over the measured run, each time on a fresh copy of
 * `template`, and checks what it left. The next run starts while the previous one is checked.
 */
export async function killEach(template: string, measured: ChildRun, plan: Plan, check: (dir: string) => Promise<void>): Promise<void> {
  const kill = async (at: number) => {
    const dir = copyFolder(template);
    return { dir, run: await runCliChild(plan.args(dir), { killAfterMs: at, workStarted: plan.workStarted(dir), env: plan.env?.(dir) }) };
  };
  const moments = killMoments(measured, SPREAD);
  let killed = 0;
  let next = kill(moments[0]!);
  for (let i = 0; i < moments.length; i++) {
    const { dir, run } = await next;
    if (i + 1 < moments.length) next = kill(moments[i + 1]!);
    if (run.signal === 'SIGKILL') killed++;
    else expect(run.code, run.err).toBe(0);
    await check(dir);
    removeFolders((f) => f.startsWith(dir));
  }
  // The moments fall inside the measured run's work (the last ones may come after a faster run ended).
  expect(killed).toBeGreaterThanOrEqual(1);
}
