import type { z } from 'zod';
import type { JobKind } from '../../shared/contracts/jobKinds';
import { jobResult, type JobState } from '../../shared/contracts/jobs';
import type { Result } from '../../shared/result';
import type { CallContext } from '../app/services';
import { printable } from './printable';

function printProgress(state: JobState): void {
  if (!process.stderr.isTTY) return;
  const p = state.progress;
  // A stage may name a file from outside (a package, a message).
  const what = p.stage ? printable(p.stage) : `${p.rowsRead.toLocaleString('es-EC')} filas  ${p.rowsPerSecond.toLocaleString('es-EC')} filas/s`;
  process.stderr.write(`\r${(p.fraction * 100).toFixed(0).padStart(3)} %  ${what}`.padEnd(100));
}

/**
 * Waits for a job, showing its progress on a terminal; the job's result (checked against its
 * kind's schema), or null after printing why it did not finish.
 */
export async function waitJob<R extends z.ZodType>(
  ctx: CallContext,
  kind: JobKind<string, z.ZodObject, R>,
  started: Result<{ jobId: string }>,
  err: (s: string) => void,
): Promise<z.output<R> | null> {
  if (!started.ok) {
    err(started.error.message);
    return null;
  }
  const timer = setInterval(() => {
    const s = ctx.app.jobs.get(started.value.jobId);
    if (s) printProgress(s);
  }, 500);
  const state = await ctx.app.jobs.wait(started.value.jobId).finally(() => clearInterval(timer));
  if (process.stderr.isTTY) process.stderr.write('\n');
  const result = jobResult(kind, state);
  if (!result.ok) {
    err(result.error.message);
    return null;
  }
  return result.value;
}
