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
            <th scope="col">Archivo</th>
            <th scope="col">Período del paquete</th>
            <RecordCountHeads />
          </tr>
        </thead>
        <tbody>
          {imports.map((p, i) => (
            <tr key={i}>
              <td className="nowrap">{formatDateTime(p.createdAt)}</td>
              <td className="mono nowrap">{p.station}</td>
              <td className="mono filename">{p.fileName}</td>
              <td>{rangeText(p.from, p.to)}</td>
              <RecordCountCells counts={p.counts} />
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
