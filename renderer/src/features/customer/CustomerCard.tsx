import type { CustomerCard as Card, MatchKind, ServiceCard } from '../../../shared/contracts/customers';
import { formatDate } from '../../../shared/dates';
import { formatUsd } from '../../../shared/money';
import { isOwing } from '../../../shared/status';
import { useEffect, useState } from 'react';
import { handoversForCustomer, type ActaSummary } from '../../../shared/contracts/handovers';
import { settingsGet } from '../../../shared/contracts/settings';
import type { CampaignSettings } from '../../../shared/campaign';
import { attentionScript } from '../../../shared/attentionScript';
import { invoke } from '../api/client';
import { Kbd, StatusBadge } from '../components/common';
import { useAttend } from '../store/handover';
import { RegisterBackup } from './RegisterBackup';
import { ActaTable } from '../components/ActaTable';

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

const yesNo = (b: boolean) => (b ? 'SÍ' : 'NO');

function cents(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100);
}

let campaignCache: Promise<CampaignSettings | null> | null = null;
function useCampaign(): CampaignSettings | null {
  const [c, setC] = useState<CampaignSettings | null>(null);
  useEffect(() => {
    campaignCache ??= invoke(settingsGet, {}).then((r) => (r.ok ? r.value : null));
    void campaignCache.then(setC);
  }, []);
  return c;
}

/** Settings may change while the app runs: the next card reads them again. */
export function forgetCampaign(): void {
  campaignCache = null;
}

function Script({ card, s }: { card: Card; s: ServiceCard }) {
  const campaign = useCampaign();
  const [copied, setCopied] = useState(false);
  if (!campaign) return null;
  const script = attentionScript(
    { identification: card.identification, name: card.name, serviceNumber: s.serviceNumber, businessLine: s.businessLine, cancelDate: s.cancelDate, status: s.status, statusReason: s.statusReason },
    campaign,
  );
  return (
    <div className={`script script-${script.case}`} aria-label={`Guion de atención del servicio ${s.serviceNumber}`}>
      <div className="script-title">Guion de atención</div>
      <p>{script.text}</p>
      {script.case === 'pending' && (
        <div className="script-subject">
          Asunto del correo: <span className="mono">{script.subject}</span>{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void navigator.clipboard?.writeText(script.subject).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? 'Copiado' : 'Copiar asunto'}
          </button>
        </div>
      )}
    </div>
  );
}

function ServicePanel({ card, s }: { card: Card; s: ServiceCard }) {
  const total = s.items.reduce((sum, i) => sum + (cents(i.value) ?? 0), 0);
  return (
    <section className="service" aria-label={`Servicio ${s.serviceNumber}`}>
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
          <dd className={s.chargesLoaded ? 'flag-yes' : ''}>{yesNo(s.chargesLoaded)}</dd>
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
      <Script card={card} s={s} />
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
              <td className="num">{formatUsd(cents(i.value))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {isOwing(s.status) ? 'Valor de los equipos pendientes' : 'Valor de los equipos'}
            </th>
            <td className="num">{formatUsd(total)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** The customer at a glance: who, each cancelled service, what is owed, with words beside the colours. */
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
