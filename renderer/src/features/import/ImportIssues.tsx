import type { ImportSummary } from '../../../../shared/contracts/importBase';
import { saveReport } from '../../api/client';

/** Rejected rows (row, column, reason), warnings, changes and the report workbook of an import. */
export function ImportIssues({ s }: { s: ImportSummary }) {
  return (
    <>
      {s.errors.length > 0 && (
        <details open>
          <summary>Filas rechazadas ({s.rejected.toLocaleString('es-EC')})</summary>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Fila</th>
                <th scope="col">Columna</th>
                <th scope="col">Motivo</th>
              </tr>
            </thead>
            <tbody>
              {s.errors.slice(0, 50).map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {s.warningList.length > 0 && (
        <details>
          <summary>Advertencias ({s.warnings.toLocaleString('es-EC')})</summary>
          <ul className="issue-list">
            {s.warningList.slice(0, 50).map((w, i) => (
              <li key={i}>
                Fila {w.row} · {w.column}: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {s.changes.length > 0 && (
        <details>
          <summary>Cambios respecto a la base anterior ({s.changeCount.toLocaleString('es-EC')})</summary>
          <ul className="issue-list">
            {s.changes.slice(0, 50).map((c, i) => (
              <li key={i}>
                Fila {c.row} · servicio {c.serviceNumber} · {c.field}: «{c.before}» → «{c.after}»
              </li>
            ))}
          </ul>
        </details>
      )}
      {s.reportPath && (
        <button type="button" className="btn" onClick={() => void saveReport(s.reportPath!, `reporte_${s.fileName.replace(/\.[^.]+$/, '')}.xlsx`)}>
          Descargar reporte de errores (.xlsx)
        </button>
      )}
    </>
  );
}
