import type { JobState } from '../../shared/contracts/jobs';
import { log } from '../platform/log';

/** The numbers a job's result holds (rows, inserted, counts…): what a log may keep of it, never a row. */
export function resultCounts(result: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const take = (o: unknown, prefix: string) => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) return;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number' && Number.isFinite(v)) out[prefix + k] = v;
      else if (Array.isArray(v)) out[`${prefix}${k}.length`] = v.length;
    }
  };
  take(result, '');
  if (result && typeof result === 'object' && 'counts' in result) take(result.counts, 'counts.');
  return out;
}

export function logJobStart(job: { id: string; kind: string; queuedMs: number }): void {
  log.info('job.start', { jobId: job.id, kind: job.kind, queuedMs: job.queuedMs });
}

/** One line per ended job: status, how long it ran, its counts or why it failed. */
export function logJobEnd(job: { id: string; kind: string; startedAt: number }, state: JobState): void {
  const durationMs = job.startedAt > 0 ? Date.now() - job.startedAt : 0;
  const base = { jobId: job.id, kind: job.kind, status: state.status, durationMs, stage: state.progress.stage, rowsRead: state.progress.rowsRead };
  if (state.status === 'done') log.info('job.end', { ...base, counts: resultCounts(state.result) });
  else if (state.status === 'failed') log.error('job.end', { ...base, error: state.error ? { kind: state.error.kind, message: state.error.message } : null });
  else log.warn('job.end', base);
}
