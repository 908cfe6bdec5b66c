import { useEffect } from 'react';
import { jobsCancel, type JobState } from '../../../../shared/contracts/jobs';
import { invoke } from '../../api/client';
import { JobProgress, NO_PROGRESS } from '../../components/JobProgress';

/** An import job followed from a store (its steps outlive the screen): its progress, and Cancelar or Esc to stop it. */
export function RunningImport({ step }: { step: { label: string; jobId: string; state: JobState | null } }) {
  const { jobId } = step;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      void invoke(jobsCancel, { jobId });
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [jobId]);
  return (
    <JobProgress
      label={step.label}
      progress={step.state?.progress ?? NO_PROGRESS}
      queued={step.state?.status === 'queued'}
      startText="Revisando el archivo…"
      onCancel={() => void invoke(jobsCancel, { jobId })}
    />
  );
}
