import { useCallback, useEffect, useState } from 'react';
import { jobsCancel, jobsHistory, type JobHistoryEntry, type JobHistoryStatus } from '../../../../shared/contracts/jobs';
import { formatDateTime } from '../../../../shared/dates';
import { jobKindLabel, jobStatusLabel } from '../../../../shared/jobLabels';
import type { AppError, Result } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox } from '../../components/common';

function tone(status: JobHistoryStatus): string {
  switch (status) {
    case 'done':
      return 'tone-done';
    case 'failed':
      return 'tone-rejected';
    case 'interrupted':
      return 'tone-owed';
    case 'cancelled':
      return 'tone-review';
    case 'queued':
    case 'running':
      return 'tone-partial';
    default:
      return status satisfies never;
  }
}

const isLive = (j: JobHistoryEntry) => j.status === 'queued' || j.status === 'running';

/** While a job is queued or running the list is read again this often, so its end shows without «Actualizar». */
export const LIVE_REFRESH_MS = 2_000;

/**
 * The long jobs this PC ran (imports, packages, consolidations, depuraciones), newest first: how
 * each ended and, for one that failed or was interrupted, what to do about it. A job still queued
 * or running can be cancelled here too: its own screen may have been left, or be another person's.
 */
export function JobHistory() {
  const [jobs, setJobs] = useState<JobHistoryEntry[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const show = useCallback((r: Result<{ jobs: JobHistoryEntry[] }>) => {
    if (!r.ok) return setError(r.error);
    setError(null);
    setJobs(r.value.jobs);
  }, []);
  const load = useCallback(() => void invoke(jobsHistory, { limit: 50 }).then(show), [show]);

  useEffect(() => {
    load();
  }, [load]);

  const live = jobs?.some(isLive) ?? false;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(load, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, load]);

  async function cancel(j: JobHistoryEntry) {
    setNotice(null);
    const r = await invoke(jobsCancel, { jobId: j.id });
    if (!r.ok) return setError(r.error);
    setError(null);
    setNotice(
      r.value.cancelled
        ? `Se pidió cancelar «${jobKindLabel(j.kind)}»: se detiene en cuanto termine el paso en curso.`
        : `«${jobKindLabel(j.kind)}» ya no corre en esta ventana (terminó, o la inició la línea de comandos): no se canceló nada.`,
    );
    load();
  }

  return (
    <div className="page">
      <h1>Tareas</h1>
      <section className="panel" aria-labelledby="jobs-title" aria-busy={jobs === null && !error}>
        <div className="row">
          <h2 id="jobs-title">Tareas recientes</h2>
          <button type="button" className="btn btn-small" onClick={load}>
            Actualizar
          </button>
        </div>
        <ErrorBox error={error} />
        {notice && (
          <p className="alert alert-neutral" role="status">
            {notice}
          </p>
        )}
        {jobs === null ? (
          !error && <p className="muted">Cargando…</p>
        ) : jobs.length === 0 ? (
          <p className="muted">Todavía no se ha ejecutado ninguna tarea.</p>
        ) : (
          <table className="table compact">
            <caption className="sr-only">Importaciones, paquetes, consolidaciones y depuraciones, de la más reciente a la más antigua</caption>
            <thead>
              <tr>
                <th scope="col">Tarea</th>
                <th scope="col">Estado</th>
                <th scope="col">Inicio</th>
                <th scope="col">Fin</th>
                <th scope="col">Usuario</th>
                <th scope="col">Resultado</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <th scope="row">
                    {jobKindLabel(j.kind)}
                    {j.subject && <div className="muted">{j.subject}</div>}
                  </th>
                  <td>
                    <span className={`badge ${tone(j.status)}`}>{jobStatusLabel(j.status)}</span>
                  </td>
                  <td className="nowrap">{formatDateTime(j.startedAt ?? j.queuedAt)}</td>
                  <td className="nowrap">{j.finishedAt ? formatDateTime(j.finishedAt) : '—'}</td>
                  <td>{j.userName ?? '—'}</td>
                  <td>
                    {j.message ?? ''}
                    {j.stage && (j.status === 'interrupted' || j.status === 'failed') && <div className="muted">Se detuvo en: {j.stage}</div>}
                    {isLive(j) && (
                      <button type="button" className="btn btn-small" aria-label={`Cancelar ${jobKindLabel(j.kind)}${j.subject ? ` (${j.subject})` : ''}`} onClick={() => void cancel(j)}>
                        Cancelar
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
