import { useLayoutEffect, useRef } from 'react';
import type { DepurationResult } from '../../../../shared/contracts/sync';
import { formatDateTime } from '../../../../shared/dates';
import { formatUsd } from '../../../../shared/money';
import { saveReport } from '../../api/client';
import { CountGrid } from '../../components/CountGrid';
import { tookText } from '../../components/format';
import { fileNameOf } from './format';
import { DEPURATION_FILES } from './overview';
import { ShortHash } from './PackageParts';

/**
 * The reversals in the billing file. A value reversed may have been charged by the imported base
 * itself, not by an earlier batch (a first batch has none), so the text names no origin: the
 * «Valores a reversar» sheet says each one's.
 */
export function reversalsText(n: number): string {
  return n === 1
    ? 'La carga de valores incluye 1 reverso de un valor ya cargado; la hoja «Valores a reversar» indica su origen.'
    : `La carga de valores incluye ${n.toLocaleString('es-EC')} reversos de valores ya cargados; la hoja «Valores a reversar» indica el origen de cada uno.`;
}

/** The batch a depuración just recorded: the services' counts, and each file with its rows, hash and a copy to save. */
export function DepurationDone({ result, onDone }: { result: DepurationResult; onDone: () => void }) {
  // The progress and the button that started it are gone: the focus comes to the batch, not to the page's body.
  // In the same commit that shows it (a passive effect runs later), so nothing sees the batch without the focus.
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="depuration-done">
      <h2 id="depuration-done" ref={heading} tabIndex={-1}>
        Lote {result.batch}
      </h2>
      <p role="status">
        Archivos generados el {formatDateTime(result.createdAt)}, {tookText(result.seconds)}. Guarde una copia de cada uno para enviarla.
      </p>
      <CountGrid
        label="Estado de los servicios"
        items={[
          ['Pendientes', result.counts.pending, result.counts.pending ? 'bad' : ''],
          ['Parciales', result.counts.partial, result.counts.partial ? 'warn' : ''],
          ['Entregados', result.counts.delivered, 'good'],
          ['Regularizados', result.counts.regularized, 'good'],
          ['En revisión', result.counts.inReview, result.counts.inReview ? 'info' : ''],
          ['Valor total a cargar', formatUsd(result.counts.chargeTotalCents)],
        ]}
      />
      <table className="table">
        <caption className="sr-only">Archivos del lote {result.batch}</caption>
        <thead>
          <tr>
            <th scope="col">Archivo</th>
            <th scope="col" className="num">
              Filas
            </th>
            <th scope="col">SHA-256</th>
            <th scope="col">
              <span className="sr-only">Acciones</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {DEPURATION_FILES.map(([key, label, article]) => (
            <tr key={key}>
              <th scope="row">
                {label}
                <div className="muted mono small">{fileNameOf(result.files[key])}</div>
              </th>
              <td className="num">{result.rows[key].toLocaleString('es-EC')}</td>
              <td>
                <ShortHash sha256={result.sha256[key]} />
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Guardar una copia de ${article}`}
                  onClick={() => void saveReport(result.files[key], fileNameOf(result.files[key]))}
                >
                  Guardar una copia…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.rows.reversals > 0 && <p className="muted">{reversalsText(result.rows.reversals)}</p>}
      <div className="actions">
        <button type="button" className="btn" onClick={onDone}>
          Listo
        </button>
      </div>
    </section>
  );
}
