import { useEffect, useState } from 'react';
import { backupsQueue, backupsReview, type BackupView } from '../../../../shared/contracts/backups';
import { customerGet, type CustomerCard as Card } from '../../../../shared/contracts/customers';
import { handoversVerify, type ActaVerification } from '../../../../shared/contracts/handovers';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ActaVerdict } from '../../components/ActaVerdict';
import { BackupDocument } from '../../components/BackupDocument';
import { ErrorBox, Field } from '../../components/common';
import { CustomerCard } from '../customer/CustomerCard';
import { MailInbox } from '../mail/MailInbox';

/** Revisión de respaldos (Posventa): each document beside the customer's record; accept or reject with a reason. */
export function ReviewBackups() {
  const [queue, setQueue] = useState<BackupView[]>([]);
  const [selected, setSelected] = useState(0);
  const [card, setCard] = useState<Card | null>(null);
  // Keyed by the respaldo it was made for, so the previous one's verdict never shows on the next.
  const [checked, setChecked] = useState<{ backupId: string; result: ActaVerification } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    void invoke(backupsQueue, {}).then((r) => (r.ok ? setQueue(r.value) : setError(r.error)));
  }, [tick]);

  const current = queue[selected] ?? null;
  const verification = checked && current && checked.backupId === current.id ? checked.result : null;
  useEffect(() => {
    if (!current?.customerId) return;
    void invoke(customerGet, { id: current.customerId }).then((r) => r.ok && setCard(r.value));
    // The acta the respaldo cites is verified exactly as the Actas screen does.
    if (current.actaNumber) void invoke(handoversVerify, { text: current.actaNumber }).then((r) => setChecked(r.ok ? { backupId: current.id, result: r.value } : null));
  }, [current]);

  async function decide(decision: 'ACEPTAR' | 'RECHAZAR') {
    if (!current) return;
    const r = await invoke(backupsReview, { id: current.id, decision, reason: reason || undefined });
    if (!r.ok) return setError(r.error);
    setError(null);
    setReason('');
    setCard(null);
    setChecked(null);
    setSelected(0);
    setTick((t) => t + 1);
  }

  return (
    <div className="page review-page">
      <h1>Revisión de respaldos</h1>
      <ErrorBox error={error} />
      {queue.length === 0 && <p className="empty">No hay respaldos pendientes de revisión.</p>}
      {current && (
        // The mailbox sits below the review so that, on a 1366×768 screen, the document and the
        // decision are what shows first; this jumps to it (and its unassigned messages).
        <p className="review-jump">
          <button type="button" className="link" onClick={() => document.getElementById('bandeja-correos')?.scrollIntoView({ block: 'start' })}>
            Ir a la bandeja de correos
          </button>
        </p>
      )}
      {current && (
        <div className="review-layout">
          <aside aria-label="Respaldos en revisión" className="review-pane">
            <ul className="results" role="listbox" aria-label="Cola de respaldos">
              {queue.map((b, i) => (
                <li key={b.id} role="option" aria-selected={i === selected} className={i === selected ? 'result selected' : 'result'} onClick={() => setSelected(i)}>
                  <div className="result-name">{b.customerName}</div>
                  <div className="result-meta">
                    {b.identification} · {b.services.map((s) => s.serviceNumber).join(', ')}
                  </div>
                  <div className="result-why">
                    {b.source} · {formatDateTime(b.createdAt)}
                  </div>
                </li>
              ))}
            </ul>
          </aside>
          <section aria-label="Documentos del respaldo">
            <h2>
              Acta presentada: {current.actaNumber ?? 'sin número'} {current.actaDate ? `del ${formatDate(current.actaDate)}` : ''} {current.office ? `· ${current.office}` : ''}
            </h2>
            {current.note && <p>Nota: {current.note}</p>}
            {verification && <ActaVerdict result={verification} />}
            <div className="review-docs">
              {current.files.map((f) => (
                <BackupDocument key={f.sha256 + f.name} sha256={f.sha256} name={f.name} of={{ kind: 'respaldo', id: current.id }} />
              ))}
            </div>
            <div className="decision-bar" role="group" aria-label="Decisión sobre el respaldo">
              <Field label="Motivo (obligatorio para rechazar)">{(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
              <div className="actions">
                <button type="button" className="btn btn-primary" onClick={() => void decide('ACEPTAR')}>
                  {verification?.verdict === 'AUTENTICA' ? 'Aceptar (acta verificada)' : 'Aceptar'}
                </button>
                <button type="button" className="btn" onClick={() => void decide('RECHAZAR')}>
                  Rechazar
                </button>
              </div>
            </div>
          </section>
          <section aria-label="Registro del cliente" className="review-pane">{card && <CustomerCard card={card} />}</section>
        </div>
      )}
      <div id="bandeja-correos">
        <MailInbox onChanged={() => setTick((t) => t + 1)} />
      </div>
    </div>
  );
}
