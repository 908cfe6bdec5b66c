import type { RecordCounts } from '../../../../shared/contracts/sync';

const RECORD_COLUMNS: Array<[keyof RecordCounts, string]> = [
  ['handovers', 'Actas'],
  ['items', 'Equipos'],
  ['backups', 'Respaldos'],
  ['voids', 'Anulaciones'],
];

/** The header cells of a package's record counts, for tables of packages. */
export function RecordCountHeads() {
  return RECORD_COLUMNS.map(([key, label]) => (
    <th key={key} scope="col" className="num">
      {label}
    </th>
  ));
}

/** A package's record counts, one cell each, matching RecordCountHeads. */
export function RecordCountCells({ counts }: { counts: RecordCounts }) {
  return RECORD_COLUMNS.map(([key]) => (
    <td key={key} className="num">
      {counts[key]}
    </td>
  ));
}

/** A SHA-256 shortened for reading; the full hash is in the tooltip and for screen readers. */
export function ShortHash({ sha256 }: { sha256: string }) {
  return (
    <span className="mono hash" title={sha256} aria-label={`SHA-256 ${sha256}`}>
      {sha256.slice(0, 12)}…{sha256.slice(-6)}
    </span>
  );
}
