import { useCallback, useEffect, useState } from 'react';
import type { JobKind, JobResultOf } from '../../../shared/contracts/jobKinds';
import { jobResult, jobsCancel, type JobProgress } from '../../../shared/contracts/jobs';
import type { AppError, Result } from '../../../shared/result';
import { invoke } from './client';
import { waitForJob } from './jobs';

export interface RunningJob {
  label: string;
  jobId: string;
  progress: JobProgress | null;
  /** Waiting for the job that writes before it to end. */
  queued: boolean;
}

/** How a job ended: its result, or why there is none (a cancelled job says so in `message`). */
export type JobEnd<T> = { ok: true; value: T } | { ok: false; error: AppError; cancelled: boolean };

/**
 * Runs one job at a time for a screen: start, follow its progress, and cancel with the button or
 * Esc. `running` is what <JobProgress> shows while it works.
 */
export function useJob() {
  const [running, setRunning] = useState<RunningJob | null>(null);
  const jobId = running?.jobId ?? null;

  const cancel = useCallback(() => {
    if (jobId) void invoke(jobsCancel, { jobId });
  }, [jobId]);

  useEffect(() => {
    if (!jobId) return;
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        e.preventDefault();
        void invoke(jobsCancel, { jobId: jobId! });
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [jobId]);

  /** Follows the job `started` until it ends; its result is read as `job`'s kind says it is. */
  const run = useCallback(
    async <J extends JobKind>(label: string, job: J, started: Result<{ jobId: string }>, cancelledMessage: string): Promise<JobEnd<JobResultOf<J>>> => {
      if (!started.ok) return { ok: false, error: started.error, cancelled: false };
      const id = started.value.jobId;
      setRunning({ label, jobId: id, progress: null, queued: false });
      try {
        const end = await waitForJob(id, (s) => setRunning({ label, jobId: id, progress: s.progress, queued: s.status === 'queued' }));
        if ('failed' in end) return { ok: false, error: end.failed, cancelled: false };
        if (end.status === 'cancelled') return { ok: false, error: { kind: 'refused', message: cancelledMessage }, cancelled: true };
        const result = jobResult<J['result']>(job, end);
        return result.ok ? result : { ok: false, error: result.error, cancelled: false };
      } finally {
        setRunning(null);
      }
    },
    [],
  );

  return { running, run, cancel };
}

/** The `run` of a screen's job, handed to the parts of the screen that start jobs. */
export type RunJob = ReturnType<typeof useJob>['run'];
