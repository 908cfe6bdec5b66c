import { jobsGet, type JobState } from '../../../shared/contracts/jobs';
import type { AppError } from '../../../shared/result';
import { invoke } from './client';
import { isLocked } from './lock';

/** Polls a job until it ends (a queued job is still on its way); `onProgress` sees every state meanwhile. */
export async function waitForJob(jobId: string, onProgress: (s: JobState) => void): Promise<JobState | { failed: AppError }> {
  for (;;) {
    // A locked session refuses every call: the job goes on, and so does the wait once unlocked.
    const r = isLocked() ? null : await invoke(jobsGet, { jobId });
    if (r === null || (!r.ok && isLocked())) {
      await new Promise((ok) => setTimeout(ok, 250));
      continue;
    }
    if (!r.ok) return { failed: r.error };
    onProgress(r.value);
    if (r.value.status !== 'running' && r.value.status !== 'queued') return r.value;
    await new Promise((ok) => setTimeout(ok, 250));
  }
}
