import type { JobProgress as Progress } from '../../../shared/contracts/jobs';

/** What a job shows before its first report. */
export const NO_PROGRESS: Progress = { rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 0, stage: null };

function duration(seconds: number | null): string {
  if (seconds === null) return 'calculando…';
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${seconds % 60} s`;
}

/** Rows per second read over the first instant are noise ("0 filas/s"): shown once a row is counted and the rate is known. */
function rowsText(progress: Progress): string {
  const rows = `${progress.rowsRead.toLocaleString('es-EC')} ${progress.rowsRead === 1 ? 'fila leída' : 'filas leídas'}`;
  return progress.rowsPerSecond > 0 ? `${rows} · ${progress.rowsPerSecond.toLocaleString('es-EC')} filas/s` : rows;
}

/**
 * What the job is doing (waiting its turn, its stage, `startText` until the first row is counted, or
 * rows read and rows per second) and time left, with a cancel button that always works.
 */
export function JobProgress({
  label,
  progress,
  queued = false,
  startText = 'Preparando…',
  onCancel,
}: {
  label: string;
  progress: Progress;
  queued?: boolean;
  /** The stage to name while no row is counted yet, e.g. "Revisando el archivo…" for an import. */
  startText?: string;
  onCancel: () => void;
}) {
  const pct = Math.round(progress.fraction * 100);
  const stage = progress.stage ?? (progress.rowsRead === 0 ? startText : null);
  return (
    <section className="panel" aria-live="polite">
      {/* Focusable by a screen that gives it the focus once the control that started the job is gone. */}
      <h2 tabIndex={-1}>{label}</h2>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      {queued ? (
        <p className="progress-text">
          <strong>En espera</strong> · empieza cuando termine la tarea que está guardando datos.
        </p>
      ) : stage ? (
        <p className="progress-text">
          {pct} % · <strong>{stage}</strong>
          {progress.secondsLeft !== null && ` · tiempo restante: ${duration(progress.secondsLeft)}`}
        </p>
      ) : (
        <p className="progress-text">
          {pct} % · {rowsText(progress)} · tiempo restante: {duration(progress.secondsLeft)}
        </p>
      )}
      <button type="button" className="btn" onClick={onCancel}>
        Cancelar (Esc)
      </button>
    </section>
  );
}
