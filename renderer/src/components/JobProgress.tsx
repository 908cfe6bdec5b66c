import type { JobProgress as Progress } from '../../../shared/contracts/jobs';

function duration(seconds: number | null): string {
  if (seconds === null) return 'calculando…';
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${seconds % 60} s`;
}

/** Rows read, rows per second and time left, with a cancel button that always works. */
export function JobProgress({ label, progress, onCancel }: { label: string; progress: Progress; onCancel: () => void }) {
  const pct = Math.round(progress.fraction * 100);
  return (
    <section className="panel" aria-live="polite">
      <h2>{label}</h2>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="progress-text">
        {pct} % · {progress.rowsRead.toLocaleString('es-EC')} filas leídas · {progress.rowsPerSecond.toLocaleString('es-EC')} filas/s · tiempo
        restante: {duration(progress.secondsLeft)}
      </p>
      <button type="button" className="btn" onClick={onCancel}>
        Cancelar (Esc)
      </button>
    </section>
  );
}
