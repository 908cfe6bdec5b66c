import type { AppError } from '../../../shared/result';
import { ErrorBox } from './common';

/**
 * What went wrong last; a job the user cancelled is news, not an error. `title` names what happened
 * in the screen's words ("Importación cancelada", "No se pudo leer el archivo").
 */
export type Problem = { error: AppError; cancelled?: boolean; title?: string } | null;

export function ProblemBox({ problem }: { problem: Problem }) {
  if (!problem) return null;
  if (problem.cancelled)
    return (
      <p className="alert alert-warn" role="status">
        {problem.title && <strong>{problem.title}. </strong>}
        {problem.error.message}
      </p>
    );
  return <ErrorBox error={problem.error} title={problem.title} />;
}
