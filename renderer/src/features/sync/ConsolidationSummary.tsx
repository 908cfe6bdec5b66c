import type { ConsolidationResult, PackageOutcome } from '../../../../shared/contracts/sync';
import { CountGrid } from '../../components/CountGrid';
import { ConflictGroups } from './ConflictGroups';
import { tookText } from '../../components/format';
import { insertedText } from './format';

/** A package's result: read, skipped as consolidated before, or refused. */
function StatusBadge({ status }: { status: PackageOutcome['status'] }) {
  switch (status) {
    case 'read':
      return <span className="badge tone-done">Leído</span>;
    case 'applied':
      return <span className="badge tone-review">Ya aplicado</span>;
    case 'refused':
      return <span className="badge tone-rejected">Rechazado</span>;
    default: {
      const never: never = status;
      return never;
    }
  }
}

/** What one consolidation did: counts, each package read or refused (with the reason), and the conflicts it found. */
export function ConsolidationSummary({ r, onAgain, onDepurate, onResolve }: { r: ConsolidationResult; onAgain: () => void; onDepurate: () => void; onResolve: () => void }) {
  // New conflicts are the next thing to do: a depuración run first would bill by the actas as they came.
  const conflicted = r.conflicts.length > 0;
  const read = r.outcomes.filter((o) => o.status === 'read').length;
  const applied = r.outcomes.filter((o) => o.status === 'applied').length;
  return (
    <section className="panel" aria-labelledby="consolidation-done">
      <h2 id="consolidation-done">Resumen de la consolidación</h2>
      <p role="status">
        {r.packages === 1 ? '1 paquete' : `${r.packages} paquetes`}: {read} {read === 1 ? 'leído' : 'leídos'}, {applied > 0 ? `${applied} ${applied === 1 ? 'ya aplicado' : 'ya aplicados'}, ` : ''}{r.refused.length}{' '}
        {r.refused.length === 1 ? 'rechazado' : 'rechazados'}, {tookText(r.seconds)}.
      </p>
      <CountGrid
        label="Registros consolidados"
        items={[
          ['Actas nuevas', r.inserted.handovers, r.inserted.handovers ? 'good' : ''],
          ['Equipos nuevos', r.inserted.items, r.inserted.items ? 'good' : ''],
          ['Respaldos nuevos', r.inserted.backups],
          ['Anulaciones nuevas', r.inserted.voids],
          ['Ya estaban', r.duplicates, r.duplicates ? 'info' : ''],
          ['Conflictos nuevos', r.conflicts.length, r.conflicts.length ? 'warn' : ''],
          ['Paquetes rechazados', r.refused.length, r.refused.length ? 'bad' : ''],
        ]}
      />
      <table className="table compact">
        <caption className="sr-only">Resultado por paquete</caption>
        <thead>
          <tr>
            <th scope="col">Archivo</th>
            <th scope="col">Estación</th>
            <th scope="col">Oficina</th>
            <th scope="col">Resultado</th>
            <th scope="col">Detalle</th>
          </tr>
        </thead>
        <tbody>
          {r.outcomes.map((o, i) => (
            <tr key={i}>
              <td className="mono filename">{o.package}</td>
              <td className="mono nowrap">{o.station ?? '—'}</td>
              <td>{o.office ?? '—'}</td>
              <td>
                <StatusBadge status={o.status} />
              </td>
              <td>
                {o.status === 'read' ? insertedText(o) : o.reason}
                {/* A package read with a notice (one that came unencrypted) says so beside its counts. */}
                {o.status === 'read' && o.reason ? <p className="field-hint alert-warn">{o.reason}</p> : null}
                {/* The office's audit chain: a gap, an altered entry or deleted last entries are for Posventa to see. */}
                {o.audit?.warnings.map((w, j) => (
                  <p key={j} className="field-hint alert-warn">
                    {w}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.conflicts.length > 0 ? (
        <div className="conflicts">
          <h3>Conflictos encontrados en esta consolidación</h3>
          <ConflictGroups conflicts={r.conflicts} headingLevel={4} nameSuffix=" en esta consolidación" />
        </div>
      ) : (
        <p className="alert alert-ok">Esta consolidación no encontró conflictos nuevos.</p>
      )}
      <div className="actions">
        {conflicted && (
          <button type="button" className="btn btn-primary" onClick={onResolve} autoFocus>
            Resolver los conflictos
          </button>
        )}
        <button type="button" className={conflicted ? 'btn' : 'btn btn-primary'} onClick={onDepurate} autoFocus={!conflicted}>
          Ir a Depuración
        </button>
        <button type="button" className="btn" onClick={onAgain}>
          Consolidar otros paquetes
        </button>
      </div>
    </section>
  );
}
