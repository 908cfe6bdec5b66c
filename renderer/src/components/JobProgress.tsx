import type { JobProgress as Progress } from '../../../shared/contracts/jobs';

/** What a job shows before its first report. */
export const NO_PROGRESS: Progress = { rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 0, stage: null };

function duration(seconds: number | null): string {
  if (seconds === null) return 'calculando…';
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${seconds % 60} s`;
}

/** What the job is doing (waiting its turn, its stage, or rows read and rows per second) and time left, with a cancel button that always works. */
export function JobProgress({ label, progress, queued = false, onCancel }: { label: string; progress: Progress; queued?: boolean; onCancel: () => void }) {
  const pct = Math.round(progress.fraction * 100);
  return (
    <section className="panel" aria-live="polite">
      <h2>{label}</h2>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      {queued ? (
        <p className="progress-text">
          <strong>En espera</strong> · empieza cuando termine la tarea que está guardando datos.
        </p>
      ) : progress.stage ? (
        <p className="progress-text">
          {pct} % · <strong>{progress.stage}</strong>
          {progress.secondsLeft !== null && ` · tiempo restante: ${duration(progress.secondsLeft)}`}
        </p>
      ) : (
        <p className="progress-text">
          {pct} % · {progress.rowsRead.toLocaleString('es-EC')} filas leídas · {progress.rowsPerSecond.toLocaleString('es-EC')} filas/s · tiempo
          restante: {duration(progress.secondsLeft)}
        </p>
      )}
      <button type="button" className="btn" onClick={onCancel}>
        Cancelar (Esc)
      </button>
    </section>
  );
}
