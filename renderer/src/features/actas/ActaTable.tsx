import type { ActaSummary } from '../../../../shared/contracts/handovers';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import { useAttend } from '../handover/store';

/** A list of actas (a customer's history, a station's day): number opens the acta; state in words. */
export function ActaTable({ actas, showHolder, compact }: { actas: ActaSummary[]; showHolder: boolean; compact?: boolean }) {
  const showActa = useAttend((s) => s.showActa);
  return (
    <table className={compact ? 'table compact' : 'table'}>
      <thead>
        <tr>
          <th scope="col">Acta</th>
          <th scope="col">Fecha y hora</th>
          {showHolder && <th scope="col">Cliente</th>}
          <th scope="col">Equipos</th>
          <th scope="col">Asesor</th>
          <th scope="col">Estado</th>
        </tr>
      </thead>
      <tbody>
        {actas.map((a) => (
          <tr key={a.id}>
            <td>
              <button type="button" className="link" onClick={() => showActa(a.id)}>
                {a.number}
              </button>
            </td>
            {/* An earlier campaign's acta has its day on paper, not its time. */}
            <td>{a.historical ? formatDate(a.deliveredAt) : formatDateTime(a.deliveredAt)}</td>
            {showHolder && (
              <td>
                {a.holderName}
                <div className="muted mono">{a.holderIdentification}</div>
              </td>
            )}
            <td>
              {a.itemCount} · {a.types.join(', ')}
            </td>
            <td>{a.clerkName}</td>
            <td>{a.voided ? <span className="badge tone-rejected">Anulada</span> : <span className="badge tone-done">Vigente</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
