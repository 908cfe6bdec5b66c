import { useEffect, useState } from 'react';
import type { CustomerCard as Card, MatchKind } from '../../../../shared/contracts/customers';
import { handoversForCustomer, type ActaSummary } from '../../../../shared/contracts/handovers';
import { isOwing } from '../../../../shared/status';
import { invoke } from '../../api/client';
import { Kbd } from '../../components/common';
import { ActaTable } from '../actas/ActaTable';
import { RegisterBackup } from './RegisterBackup';
import { useAttend } from '../handover/store';
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

/** The customer at a glance: who, each cancelled service, what is owed, with words beside the colours. */
export function CustomerCard({ card, onChanged }: { card: Card; onChanged?: () => void }) {
  const owing = card.services.filter((s) => isOwing(s.status)).length;
  const inReview = card.services.filter((s) => s.status === 'RESPALDO_EN_REVISION').length;
  const startHandover = useAttend((s) => s.startHandover);
  const [backup, setBackup] = useState(false);
  const [backupSaved, setBackupSaved] = useState(false);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'F4') {
        e.preventDefault();
        startHandover(card);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [card, startHandover]);
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
        </div>
      </header>
      {onChanged && (
        <div className="actions card-actions">
          <button type="button" className="btn btn-primary" onClick={() => startHandover(card)}>
            Registrar entrega <Kbd>F4</Kbd>
          </button>
          <button type="button" className="btn" onClick={() => setBackup(true)}>
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
          onCancel={() => setBackup(false)}
          onDone={() => {
            setBackup(false);
            setBackupSaved(true);
            onChanged?.();
          }}
        />
      )}
      {card.services.map((s) => (
        <ServicePanel key={s.id} card={card} s={s} />
      ))}
      <History customerId={card.id} />
    </article>
  );
}
