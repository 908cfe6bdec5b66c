import { formatDateTime } from '../../../../shared/dates';
import { formatUsd } from '../../../../shared/money';
import { saveReport } from '../../api/client';
import { fileNameOf } from './format';
import { DEPURATION_FILES, type Overview } from './overview';

/** Every depuración batch recorded so far, newest first as the overview lists them, with its files. */
export function DepurationBatches({ batches }: { batches: Overview['batches'] }) {
  return (
    <section className="panel" aria-labelledby="batches-title">
      <h2 id="batches-title">Lotes anteriores</h2>
      {batches.length === 0 ? (
        <p className="muted">Todavía no se ha hecho ninguna depuración.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Lote</th>
              <th scope="col">Fecha</th>
              <th scope="col" className="num">
                Pendientes
              </th>
              <th scope="col" className="num">
                Parciales
              </th>
              <th scope="col" className="num">
                Entregados
              </th>
              <th scope="col" className="num">
                Regularizados
              </th>
              <th scope="col" className="num">
                En revisión
              </th>
              <th scope="col" className="num">
                Valor a cargar
              </th>
              <th scope="col">Archivos</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.batch}>
                <td className="mono nowrap">{b.batch}</td>
                <td className="nowrap">{formatDateTime(b.createdAt)}</td>
                <td className="num">{b.counts.pending.toLocaleString('es-EC')}</td>
                <td className="num">{b.counts.partial.toLocaleString('es-EC')}</td>
                <td className="num">{b.counts.delivered.toLocaleString('es-EC')}</td>
                <td className="num">{b.counts.regularized.toLocaleString('es-EC')}</td>
                <td className="num">{b.counts.inReview.toLocaleString('es-EC')}</td>
                <td className="num nowrap">{formatUsd(b.counts.chargeTotalCents)}</td>
                <td>
                  <div className="file-links">
                    {DEPURATION_FILES.map(([key, label, article]) => (
                      <button
                        key={key}
                        type="button"
                        className="link"
                        title={`SHA-256 ${b.sha256[key]}`}
                        aria-label={`Guardar una copia de ${article} del lote ${b.batch}`}
                        onClick={() => void saveReport(b.files[key], fileNameOf(b.files[key]))}
                      >
                        {label}
                      </button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
