import type { CustomerCard as Card, ServiceCard } from '../../../../shared/contracts/customers';
import { formatDate } from '../../../../shared/dates';
import { owedCents } from '../../../../shared/handover';
import { formatUsd, sumCents } from '../../../../shared/money';
import { isOwing } from '../../../../shared/status';
import { StatusBadge } from '../../components/common';
import { AttentionScript } from './AttentionScript';

const yesNo = (b: boolean) => (b ? 'SÍ' : 'NO');

/** One cancelled service: its status and charge flags, the attention script, and the items expected back with their value. */
export function ServicePanel({ card, s }: { card: Card; s: ServiceCard }) {
  const owing = isOwing(s.status);
  // While the service owes, what the depuración would charge: the items no acta took.
  const total = owing ? owedCents(s.items) : sumCents(s.items.map((i) => i.valueCents));
  return (
    <section className="service" id={`servicio-${s.id}`} aria-label={`Servicio ${s.serviceNumber}`}>
      <header className="service-head">
        <div>
          <h3>
            {s.businessLine ?? 'Línea no indicada'} · <span className="mono">{s.serviceNumber}</span>
          </h3>
          <div className="muted">
            {s.cancelDate ? `Retirado el ${formatDate(s.cancelDate)}` : 'Fecha de retiro no indicada'}
            {s.city ? ` · ${s.city}` : ''}
            {s.regional ? ` · ${s.regional}` : ''}
          </div>
        </div>
        <StatusBadge status={s.status} />
      </header>
      {s.statusReason && <p className="alert alert-warn">Motivo: {s.statusReason}</p>}
      <dl className="flags">
        <div>
          <dt>Valores cargados</dt>
          <dd className={s.chargesLoaded || s.chargedInBatch ? 'flag-yes' : ''}>
            {s.chargesLoaded ? yesNo(true) : s.chargedInBatch ? `${yesNo(true)}, por Recupera` : yesNo(false)}
          </dd>
        </div>
        <div>
          <dt>Pagado</dt>
          <dd>{yesNo(s.paid)}</dd>
        </div>
        <div>
          <dt>Reclamo</dt>
          <dd>{yesNo(s.claim)}</dd>
        </div>
        {!s.inBase && (
          <div>
            <dt>Origen</dt>
            <dd>Fuera de base</dd>
          </div>
        )}
      </dl>
      <AttentionScript card={card} s={s} />
      <table className="table">
        <caption className="sr-only">Equipos esperados del servicio {s.serviceNumber}</caption>
        <thead>
          <tr>
            <th scope="col">Tipo</th>
            <th scope="col">Marca</th>
            <th scope="col">Modelo</th>
            <th scope="col">Serie</th>
            <th scope="col" className="num">
              Valor
            </th>
          </tr>
        </thead>
        <tbody>
          {s.items.map((i) => (
            <tr key={i.id}>
              <td>{i.type}</td>
              <td>{i.brand}</td>
              <td>{i.model}</td>
              <td className="mono">
                {i.serial ?? '—'}
                {i.returnedIn && <div className="returned">Entregado · acta {i.returnedIn}</div>}
              </td>
              <td className="num">
                {formatUsd(i.valueCents)}
                {i.fromPrice && <div className="muted">precio por tipo</div>}
              </td>
            </tr>
          ))}
          {s.unlisted.map((u) => (
            <tr key={u.id} className="unlisted">
              <td>{u.type}</td>
              <td>{u.brand}</td>
              <td>{u.model}</td>
              <td className="mono">
                {u.serial ?? '—'}
                <div className="returned">No listado en la base · entregado en el acta {u.returnedIn}</div>
              </td>
              <td className="num">
                {u.valueCents == null ? '—' : formatUsd(u.valueCents)}
                {u.valueCents != null && <div className="muted">precio por tipo</div>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {owing ? 'Valor de los equipos pendientes' : 'Valor de los equipos'}
            </th>
            <td className="num">{formatUsd(total)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
