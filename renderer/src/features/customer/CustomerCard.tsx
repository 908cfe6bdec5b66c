import { useEffect, useRef, useState } from 'react';
import type { CustomerCard as Card, MatchKind, ServiceCard } from '../../../../shared/contracts/customers';
import { handoversForCustomer, type ActaSummary } from '../../../../shared/contracts/handovers';
import { serviceOwedCents } from '../../../../shared/handover';
import { formatUsd, sumCents } from '../../../../shared/money';
import { isOwing, type ServiceStatus } from '../../../../shared/status';
import { invoke } from '../../api/client';
import { Kbd, StatusBadge } from '../../components/common';
import { ActaTable } from '../actas/ActaTable';
import { CustomerBackups } from './CustomerBackups';
import { RegisterBackup } from './RegisterBackup';
import { useAttend } from '../handover/store';
import { useApp } from '../../store/app';
import { ServicePanel } from './ServicePanel';

const MATCH: Record<MatchKind, string> = {
  identification: 'identificación',
  serviceNumber: 'número de servicio',
  serial: 'serie de equipo',
  phone: 'teléfono',
  name: 'nombre',
};

export function matchLabel(m: MatchKind | null): string {
  return m ? `Coincide por ${MATCH[m]}` : '';
}

/** The actas this customer already has; nothing when there are none. */
function History({ customerId }: { customerId: string }) {
  const [actas, setActas] = useState<ActaSummary[]>([]);
  useEffect(() => {
    void invoke(handoversForCustomer, { customerId }).then((r) => r.ok && setActas(r.value));
  }, [customerId]);
  if (actas.length === 0) return null;
  return (
    <section aria-label="Historial de actas">
      <h3>Actas del cliente</h3>
      <ActaTable actas={actas} showHolder={false} compact />
    </section>
  );
}

/** Services that owe come first (what the clerk must talk about), then those under review, then the settled ones. */
function rank(status: ServiceStatus): number {
  return isOwing(status) ? 0 : status === 'RESPALDO_EN_REVISION' ? 1 : 2;
}

export function servicesInDeskOrder(services: readonly ServiceCard[]): ServiceCard[] {
  return services.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s.status) - rank(b.s.status) || a.i - b.i).map(({ s }) => s);
}

/** One line per service, so three or more fit on a 1366×768 screen before any detail. */
function ServiceSummary({ services }: { services: readonly ServiceCard[] }) {
  return (
    <table className="table service-summary">
      <caption className="sr-only">Resumen de servicios</caption>
      <thead>
        <tr>
          <th scope="col">Servicio</th>
          <th scope="col">Línea</th>
          <th scope="col">Estado</th>
          <th scope="col" className="num">
            Pendiente
          </th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.id}>
            <td className="mono">
              <a href={`#servicio-${s.id}`}>{s.serviceNumber}</a>
            </td>
            <td>{s.businessLine ?? 'Línea no indicada'}</td>
            <td>
              <StatusBadge status={s.status} />
            </td>
            <td className="num">{formatUsd(serviceOwedCents(s))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The customer at a glance: who, each cancelled service, what is owed, with words beside the colours. */
export function CustomerCard({ card, onChanged, matchedSerial }: { card: Card; onChanged?: () => void; matchedSerial?: string }) {
  const services = servicesInDeskOrder(card.services);
  const owing = card.services.filter((s) => isOwing(s.status)).length;
  const totalOwed = sumCents(card.services.map(serviceOwedCents));
  const inReview = card.services.filter((s) => s.status === 'RESPALDO_EN_REVISION').length;
  const startHandover = useAttend((s) => s.startHandover);
  const [backup, setBackup] = useState(false);
  const backupButton = useRef<HTMLButtonElement>(null);
  const focusSearch = useApp((s) => s.focusSearch);
  const [backupSaved, setBackupSaved] = useState(false);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'F4') {
        e.preventDefault();
        startHandover(card, matchedSerial);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [card, startHandover, matchedSerial]);
  return (
    <article className="card" aria-labelledby="card-name">
      <header className="card-head">
        <div>
          <h2 id="card-name">{card.name ?? '(sin nombre)'}</h2>
          <div className="card-ids">
            <span>
              {card.idType === 'RUC' ? 'RUC' : card.idType === 'PASAPORTE' ? 'Identificación' : 'Cédula'}:{' '}
              <strong className="mono">{card.identification ?? 'no registrada'}</strong>
            </span>
            {card.phone && (
              <span>
                Teléfono: <strong className="mono">{card.phone}</strong>
              </span>
            )}
            {card.email && <span>Correo: {card.email}</span>}
          </div>
        </div>
        <div className={`summary ${owing ? 'summary-owed' : inReview ? 'summary-review' : 'summary-done'}`}>
          {owing > 0
            ? owing === 1
              ? '1 servicio con equipos pendientes'
              : `${owing} servicios con equipos pendientes`
            : inReview > 0
              ? 'Respaldo en revisión'
              : 'Sin equipos pendientes'}
          {owing > 0 && <div className="summary-total">Total pendiente: {formatUsd(totalOwed)}</div>}
        </div>
      </header>
      {onChanged && (
        <div className="actions card-actions">
          <button type="button" className="btn btn-primary" onClick={() => startHandover(card, matchedSerial)}>
            Registrar entrega <Kbd>F4</Kbd>
          </button>
          <button type="button" ref={backupButton} className="btn" onClick={() => setBackup(true)}>
            Registrar respaldo
          </button>
        </div>
      )}
      {backupSaved && (
        <p className="alert alert-ok" role="status">
          Respaldo registrado: los servicios quedan en revisión por Posventa.
        </p>
      )}
      {backup && (
        <RegisterBackup
          card={card}
          onCancel={() => {
            setBackup(false);
            backupButton.current?.focus();
          }}
          onDone={() => {
            setBackup(false);
            setBackupSaved(true);
            onChanged?.();
            // A finished task: the search box, ready for the next customer (the form that held the focus is gone).
            focusSearch();
          }}
        />
      )}
      {services.length > 1 && <ServiceSummary services={services} />}
      {services.map((s) => (
        <ServicePanel key={s.id} card={card} s={s} />
      ))}
      <History customerId={card.id} />
      <CustomerBackups customerId={card.id} version={card} />
    </article>
  );
}
