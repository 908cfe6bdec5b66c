import { CONFLICT_KINDS, type ConflictKind } from '../../../../shared/contracts/sync';
import { formatDateTime } from '../../../../shared/dates';

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

/** Conflicts grouped by kind, each group a labelled section with its count. */
export function ConflictGroups({
  conflicts,
  headingLevel,
  nameSuffix = '',
}: {
  conflicts: Array<{ kind: ConflictKind; detail: string; createdAt?: string }>;
  headingLevel: 3 | 4;
  /** Sets these groups' region names apart from the same kinds listed elsewhere on the page (axe: landmark-unique). */
  nameSuffix?: string;
}) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <>
      {groupConflicts(conflicts).map(([kind, list]) => (
        <section key={kind} className="conflict-group" aria-label={`${conflictLabel(kind)} (${list.length})${nameSuffix}`}>
          <H>
            {conflictLabel(kind)} <span className="badge tone-partial">{list.length}</span>
          </H>
          <ul className="issue-list">
            {list.map((c, i) => (
              <li key={i}>
                {c.detail}
                {c.createdAt && <span className="muted"> · {formatDateTime(c.createdAt)}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
