import { useState } from 'react';
import { attentionScript, CHARGE_SCENARIO_LABELS } from '../../../../shared/attentionScript';
import type { CustomerCard as Card, ServiceCard } from '../../../../shared/contracts/customers';
import { useCampaign } from './campaign';

/** What the clerk tells this customer about this service, and the e-mail subject to copy when items are pending. */
export function AttentionScript({ card, s, now }: { card: Card; s: ServiceCard; now?: Date }) {
  const campaign = useCampaign();
  const [copied, setCopied] = useState(false);
  if (!campaign) return null;
  const script = attentionScript(
    {
      identification: card.identification,
      name: card.name,
      serviceNumber: s.serviceNumber,
      businessLine: s.businessLine,
      cancelDate: s.cancelDate,
      status: s.status,
      statusReason: s.statusReason,
      // Charged by a batch Recupera sent counts as charged: the customer must not hear «no se cargaron valores».
      chargesLoaded: s.chargesLoaded || s.chargedInBatch === true,
      paid: s.paid,
      claim: s.claim,
    },
    campaign,
    now,
  );
  return (
    <div className={`script script-${script.case}`} aria-label={`Guion de atención del servicio ${s.serviceNumber}`}>
      <div className="script-title">Guion de atención{script.scenario && ` · ${CHARGE_SCENARIO_LABELS[script.scenario]}`}</div>
      {script.returned ? (
        <>
          <p>
            <strong>Si no entregó los equipos:</strong> {script.text}
          </p>
          <p>
            <strong>Si dice que ya los entregó:</strong> {script.returned}
          </p>
        </>
      ) : (
        <p>{script.text}</p>
      )}
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
