import type { ConflictKind, RecordCounts } from '../../../shared/contracts/sync';
import { CONFLICT_KINDS } from '../../../shared/contracts/sync';
import { formatDateTime } from '../../../shared/dates';
import type { AppError } from '../../../shared/result';
import { ErrorBox } from './common';

/** The last part of a path, whatever the separator (the Windows PC or the server). */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

const CONFLICT_LABELS: Record<ConflictKind, string> = {
  SERIE_DUPLICADA: 'Serie devuelta en dos actas',
  ESTACION_DUPLICADA: 'Código de estación repetido',
  SERVICIO_FUERA_DE_BASE: 'Servicio fuera de la base',
  ACTA_REUTILIZADA: 'Número de acta reutilizado',
};

export function conflictLabel(kind: ConflictKind): string {
  return CONFLICT_LABELS[kind];
}

/** Conflicts in the order of CONFLICT_KINDS, each kind with its own list. */
export function groupConflicts<C extends { kind: ConflictKind }>(conflicts: C[]): Array<[ConflictKind, C[]]> {
  return CONFLICT_KINDS.map((k): [ConflictKind, C[]] => [k, conflicts.filter((c) => c.kind === k)]).filter(([, list]) => list.length > 0);
}

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

/** A grid of labelled numbers, as the import summary shows them. */
export function CountGrid({ items, label }: { items: Array<[string, number | string, string?]>; label: string }) {
  return (
    <dl className="counts" aria-label={label}>
      {items.map(([name, n, tone]) => (
        <div key={name} className={`count ${tone ?? ''}`}>
          <dt>{name}</dt>
          <dd>{typeof n === 'number' ? n.toLocaleString('es-EC') : n}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A SHA-256 shortened for reading; the full hash is in the tooltip and for screen readers. */
export function ShortHash({ sha256 }: { sha256: string }) {
  return (
    <span className="mono hash" title={sha256} aria-label={`SHA-256 ${sha256}`}>
      {sha256.slice(0, 12)}…{sha256.slice(-6)}
    </span>
  );
}

/** `desde … hasta …` for a package's range (ISO instants; no start means from the beginning). */
export function rangeText(from: string | null, to: string | null): string {
  const start = from ? `desde ${formatDateTime(from)}` : 'desde el inicio';
  return to ? `${start} hasta ${formatDateTime(to)}` : start;
}

/** How long a job took, in words: `en 3,4 s`, `en menos de 1 s`. */
export function tookText(seconds: number): string {
  return seconds < 1 ? 'en menos de 1 s' : `en ${seconds.toLocaleString('es-EC', { maximumFractionDigits: 1 })} s`;
}

/** What went wrong last; a job the user cancelled is news, not an error. */
export type Problem = { error: AppError; cancelled?: boolean } | null;

export function ProblemBox({ problem }: { problem: Problem }) {
  if (!problem) return null;
  if (problem.cancelled)
    return (
      <p className="alert alert-warn" role="status">
        {problem.error.message}
      </p>
    );
  return <ErrorBox error={problem.error} />;
}
