import type { AppError } from '../../../shared/result';
import { ErrorBox } from './common';

/** What went wrong last; a job the user cancelled is news, not an error. */
export type Problem = { error: AppError; cancelled?: boolean } | null;

export function ProblemBox({ problem }: { problem: Problem }) {
  if (!problem) return null;
  if (problem.cancelled)
    return (
      <p className="alert alert-warn" role="status">
        {problem.error.message}
      </p>
    );
  return <ErrorBox error={problem.error} />;
}
