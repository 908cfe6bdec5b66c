import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { exportJob } from '../../../../shared/contracts/jobKinds';
import { syncExport, syncOverview, type ExportResult } from '../../../../shared/contracts/sync';
import { formatDateTime } from '../../../../shared/dates';
import { invoke, saveReport } from '../../api/client';
import { useJob } from '../../api/useJob';
import { DateField } from '../../components/DateField';
import { CountGrid } from '../../components/CountGrid';
import { JobProgress, NO_PROGRESS } from '../../components/JobProgress';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { rangeText } from './format';
import type { Overview } from './overview';
import { RecordCountCells, RecordCountHeads } from './PackageParts';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Enviar a Posventa: the station's actas, items, backups and voids as one .recupera file to copy to a USB stick or send by e-mail. */
export function ExportPackage() {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [scope, setScope] = useState<'since' | 'range'>('since');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [includeDocuments, setIncludeDocuments] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const job = useJob();

  const load = useCallback(() => {
    void invoke(syncOverview, {}).then((r) => (r.ok ? setOverview(r.value) : setProblem({ error: r.error })));
  }, []);
  useEffect(load, [load]);

  const rangeError = scope === 'range' && (!from || !to) ? 'Indique las dos fechas.' : scope === 'range' && from > to ? 'La fecha «Desde» debe ser anterior o igual a «Hasta».' : undefined;

  async function exportNow(e: FormEvent) {
    e.preventDefault();
    if (rangeError) return;
    setProblem(null);
    setResult(null);
    const input = scope === 'range' ? { from, to, includeDocuments } : { includeDocuments };
    const end = await job.run('Preparando el paquete para Posventa…', exportJob, await invoke(syncExport, input), 'Exportación cancelada. No se generó ningún paquete.');
    if (!end.ok) return setProblem(end);
    setResult(end.value);
    load();
  }

  const last = overview?.lastExport ?? null;
  const exports = (overview?.packages ?? []).filter((p) => p.direction === 'EXPORT');

  return (
    <div className="page">
      <h1>Paquete para Posventa</h1>
      <ProblemBox problem={problem} />
      {job.running ? (
        <JobProgress label={job.running.label} progress={job.running.progress ?? NO_PROGRESS} queued={job.running.queued} onCancel={job.cancel} />
      ) : result ? (
        <section className="panel" aria-labelledby="export-done">
          <h2 id="export-done">Paquete listo</h2>
          <p role="status">
            Se generó <strong className="mono">{result.fileName}</strong> con lo registrado {rangeText(result.from, result.to)}.
          </p>
          <CountGrid
            label="Contenido del paquete"
            items={[
              ['Actas', result.handovers, result.handovers ? 'good' : ''],
              ['Equipos', result.items],
              ['Respaldos', result.backups],
              ['Anulaciones', result.voids],
              ['Documentos', result.documents],
            ]}
          />
          {result.delivered && <p className="alert alert-ok">También quedó en la carpeta compartida con Posventa: <span className="mono">{result.delivered}</span>.</p>}
          {result.handovers + result.backups + result.voids === 0 && (
            <p className="alert alert-warn">El paquete no tiene registros nuevos: no hubo actas, respaldos ni anulaciones en el período.</p>
          )}
          <div className="actions">
            <button type="button" className="btn btn-primary" autoFocus onClick={() => void saveReport(result.package, result.fileName)}>
              Guardar una copia…
            </button>
            <button type="button" className="btn" onClick={() => setResult(null)}>
              Exportar otro paquete
            </button>
          </div>
          <p className="muted">
            Copie el archivo a una memoria USB o adjúntelo a un correo para Posventa. Recupera conserva el original; puede volver a guardarlo desde la lista
            de abajo.
          </p>
        </section>
      ) : (
        <form noValidate className="panel" onSubmit={(e) => void exportNow(e)} aria-labelledby="export-title">
          <h2 id="export-title">Exportar las entregas de esta estación</h2>
          <p>
            {last ? (
              <>
                Última exportación: <strong>{formatDateTime(last.at)}</strong> (<span className="mono">{last.fileName}</span>).
              </>
            ) : (
              'Esta estación todavía no ha exportado ningún paquete.'
            )}
          </p>
          <fieldset>
            <legend>Qué incluir</legend>
            <label className="radio">
              <input type="radio" name="scope" checked={scope === 'since'} onChange={() => setScope('since')} />
              {last ? 'Todo lo registrado desde la última exportación' : 'Todo lo registrado en esta estación'}
            </label>
            <label className="radio">
              <input type="radio" name="scope" checked={scope === 'range'} onChange={() => setScope('range')} />
              Solo un período
            </label>
            {scope === 'range' && (
              <div className="row date-range">
                <DateField label="Desde" error={rangeError} value={from} max={to || undefined} onChange={setFrom} />
                <DateField label="Hasta" value={to} min={from || undefined} onChange={setTo} />
              </div>
            )}
          </fieldset>
          <label className="radio">
            <input type="checkbox" aria-describedby="export-documents-hint" checked={includeDocuments} onChange={(e) => setIncludeDocuments(e.target.checked)} />
            Incluir PDF de actas y documentos de respaldo
          </label>
          <p className="field-hint" id="export-documents-hint">El paquete será más grande; inclúyalos si Posventa necesita ver los documentos firmados.</p>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={!!rangeError}>
              Exportar paquete
            </button>
          </div>
        </form>
      )}
      <section className="panel" aria-labelledby="export-history">
        <h2 id="export-history">Paquetes exportados</h2>
        {exports.length === 0 ? (
          <p className="muted">Todavía no hay paquetes exportados en esta estación.</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Exportado</th>
                <th scope="col">Período</th>
                <RecordCountHeads />
                <th scope="col">
                  <span className="sr-only">Acciones</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exports.map((p) => (
                <tr key={p.createdAt + p.fileName}>
                  <td>
                    <div className="nowrap">{formatDateTime(p.createdAt)}</div>
                    <div className="muted mono small filename">{p.fileName}</div>
                  </td>
                  <td>{rangeText(p.from, p.to)}</td>
                  <RecordCountCells counts={p.counts} />
                  <td>
                    {p.path && (
                      <button type="button" className="btn btn-small" aria-label={`Guardar una copia de ${p.fileName}`} onClick={() => void saveReport(p.path!, p.fileName)}>
                        Guardar una copia…
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
