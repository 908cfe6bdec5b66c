import { useCallback, useEffect, useState } from 'react';
import { jobsCancel, type JobProgress } from '../../../shared/contracts/jobs';
import type { AppError, Result } from '../../../shared/result';
import { invoke } from './client';
import { waitForJob } from './jobs';

export interface RunningJob {
  label: string;
  jobId: string;
  progress: JobProgress | null;
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

  const run = useCallback(async <T>(label: string, started: Result<{ jobId: string }>, cancelledMessage: string): Promise<JobEnd<T>> => {
    if (!started.ok) return { ok: false, error: started.error, cancelled: false };
    const id = started.value.jobId;
    setRunning({ label, jobId: id, progress: null });
    try {
      const end = await waitForJob(id, (s) => setRunning({ label, jobId: id, progress: s.progress }));
      if ('failed' in end) return { ok: false, error: end.failed, cancelled: false };
      if (end.status === 'cancelled') return { ok: false, error: { kind: 'refused', message: cancelledMessage }, cancelled: true };
      if (end.status === 'failed') return { ok: false, error: end.error ?? { kind: 'internal', message: 'La tarea falló.' }, cancelled: false };
      return { ok: true, value: end.result as T };
    } finally {
      setRunning(null);
    }
  }, []);

  return { running, run, cancel };
}

/** The `run` of a screen's job, handed to the parts of the screen that start jobs. */
export type RunJob = ReturnType<typeof useJob>['run'];
