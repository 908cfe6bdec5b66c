import { formatDateTime } from '../../../../shared/dates';
import { rangeText } from './format';
import { RecordCountCells, RecordCountHeads } from './PackageParts';
import type { Overview } from './overview';

/** Packages consolidated earlier, folded away under the current work. */
export function ImportedPackages({ overview }: { overview: Overview | null }) {
  const imports = (overview?.packages ?? []).filter((p) => p.direction === 'IMPORT');
  if (imports.length === 0) return null;
  return (
    <details className="panel">
      <summary>Paquetes consolidados anteriormente ({imports.length})</summary>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Consolidado</th>
            <th scope="col">Estación</th>
            <th scope="col">Período del paquete</th>
            <RecordCountHeads />
          </tr>
        </thead>
        <tbody>
          {imports.map((p, i) => (
            <tr key={i}>
              {/* The file's name under the moment, as in the office's list: in a column of its own, eight columns ran past the panel at 1366 px. */}
              <td>
                <div className="nowrap">{formatDateTime(p.createdAt)}</div>
                <div className="muted mono small filename">{p.fileName}</div>
              </td>
              <td className="mono nowrap">{p.station}</td>
              <td>{rangeText(p.from, p.to)}</td>
              <RecordCountCells counts={p.counts} />
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
