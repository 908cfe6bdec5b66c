import { useCallback, useEffect, useRef, useState } from 'react';
import { conflictsList, type ConflictView } from '../../../../shared/contracts/conflicts';
import { conflictKindLabel, decisionLabel } from '../../../../shared/conflicts';
import { formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox } from '../../components/common';
import { ConflictDecision } from './ConflictDecision';

/** What a resolution changed, in one line for the history. */
function outcome(c: ConflictView): string {
  const d = c.resolution?.detail ?? {};
  if (typeof d.newNumber === 'string') return `Acta registrada como ${d.newNumber}`;
  if (typeof d.newCode === 'string') return `Nuevo código ${d.newCode}`;
  if (typeof d.serviceNumber === 'string') return `Vinculado al servicio ${d.serviceNumber}`;
  if (typeof d.acta === 'string') return `La serie queda en el acta ${d.acta}`;
  return '';
}

/** Conflictos (Posventa): each open conflict with the decisions that fit it, and the decisions already taken. */
export function ConflictResolution({ onChanged }: { onChanged?: () => void }) {
  const [conflicts, setConflicts] = useState<ConflictView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    void invoke(conflictsList, { all: true }).then((r) => (r.ok ? setConflicts(r.value.conflicts) : setError(r.error)));
  }, []);
  useEffect(load, [load]);

  const open = (conflicts ?? []).filter((c) => !c.resolution);
  const resolved = (conflicts ?? []).filter((c) => c.resolution);

  // The decided conflict's form goes, and the focus with it: it comes to the open ones (the next to decide), not to the page's body.
  const openHeading = useRef<HTMLHeadingElement>(null);
  function resolvedOne(c: ConflictView) {
    setNotice(`Conflicto resuelto: ${decisionLabel(c.resolution!.decision)}. ${outcome(c)}`.trim());
    load();
    onChanged?.();
    openHeading.current?.focus();
  }

  return (
    <>
      <ErrorBox error={error} />
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="conflicts-open">
        <h2 id="conflicts-open" ref={openHeading} tabIndex={-1}>
          Conflictos abiertos ({open.length})
        </h2>
        {conflicts && open.length === 0 && <p className="muted">No hay conflictos abiertos.</p>}
        {open.map((c) => (
          <ConflictDecision key={c.id} conflict={c} onResolved={resolvedOne} />
        ))}
      </section>
      <section className="panel" aria-labelledby="conflicts-history">
        <h2 id="conflicts-history">Conflictos resueltos ({resolved.length})</h2>
        {resolved.length === 0 ? (
          <p className="muted">Todavía no se ha resuelto ningún conflicto.</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Conflicto</th>
                <th scope="col">Decisión</th>
                <th scope="col">Motivo</th>
                <th scope="col">Quién y cuándo</th>
              </tr>
            </thead>
            <tbody>
              {resolved.map((c) => (
                <tr key={c.id}>
                  <td>
                    <strong>{conflictKindLabel(c.kind)}</strong>
                    <div className="muted small">{c.detail}</div>
                  </td>
                  <td>
                    {decisionLabel(c.resolution!.decision)}
                    {outcome(c) && <div className="muted small">{outcome(c)}</div>}
                  </td>
                  <td>{c.resolution!.reason}</td>
                  <td>
                    {c.resolution!.by}
                    <div className="muted small">{formatDateTime(c.resolution!.at)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
