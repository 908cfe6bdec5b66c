import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { backupsQueue, backupsReview, type BackupView } from '../../../../shared/contracts/backups';
import { customerGet, type CustomerCard as Card } from '../../../../shared/contracts/customers';
import { handoversVerify, type ActaVerification } from '../../../../shared/contracts/handovers';
import { formatDate } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ActaVerdict } from '../../components/ActaVerdict';
import { BackupDocument } from '../../components/BackupDocument';
import { ErrorBox, Field } from '../../components/common';
import { CustomerCard } from '../customer/CustomerCard';
import { MailInbox } from '../mail/MailInbox';
import { ReviewQueue } from './ReviewQueue';

type Decision = 'ACEPTAR' | 'RECHAZAR';

const whose = (b: BackupView): string => b.customerName ?? b.identification ?? 'cliente sin nombre';

function decidedText(b: BackupView, decision: Decision): string {
  switch (decision) {
    case 'ACEPTAR':
      return `Respaldo de ${whose(b)} aceptado: ${b.services.length > 1 ? 'los servicios quedaron regularizados' : 'el servicio quedó regularizado'}.`;
    case 'RECHAZAR':
      return `Respaldo de ${whose(b)} rechazado.`;
    default:
      return decision satisfies never;
  }
}

/** The respaldo to show once `gone` left the queue: the one after it, else the one before, so the reviewer keeps their place. */
function neighbour(before: BackupView[], now: BackupView[], gone: string): string | null {
  const at = before.findIndex((b) => b.id === gone);
  const still = (b: BackupView | undefined) => b !== undefined && now.some((n) => n.id === b.id);
  const next = before.slice(at + 1).find(still) ?? before.slice(0, Math.max(0, at)).reverse().find(still);
  return next?.id ?? now[0]?.id ?? null;
}

/**
 * Revisión de respaldos (Posventa): each document beside the customer's record; accept or reject with a reason.
 * Accepting asks for no confirmation: a reviewer goes through hundreds a day. What keeps a decision
 * deliberate instead: one decision at a time (the buttons wait for the answer), the second click of
 * a double click is ignored, and afterwards focus goes to the queue, never onto the next customer's
 * buttons, while a status line names whose respaldo was decided.
 */
export function ReviewBackups() {
  const [queue, setQueue] = useState<BackupView[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [card, setCard] = useState<Card | null>(null);
  // Keyed by the respaldo it was made for, so the previous one's verdict never shows on the next.
  const [checked, setChecked] = useState<{ backupId: string; result: ActaVerification } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: AppError; title?: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The state above re-renders too late for a second click dispatched before it: this guard is synchronous.
  const deciding = useRef(false);
  const focusAfterLoad = useRef(false);
  const listRef = useRef<HTMLUListElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const mailboxRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    (pick?: (fresh: BackupView[]) => string | null) =>
      invoke(backupsQueue, {}).then((r) => {
        if (!r.ok) return setFailure({ error: r.error });
        setQueue(r.value);
        if (pick) setSelectedId(pick(r.value));
      }),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const current = queue.find((b) => b.id === selectedId) ?? queue[0] ?? null;
  const verification = checked && current && checked.backupId === current.id ? checked.result : null;
  const shownCard = card && current && card.id === current.customerId ? card : null;
  useEffect(() => {
    if (!current?.customerId) return;
    void invoke(customerGet, { id: current.customerId }).then((r) => r.ok && setCard(r.value));
    // The acta the respaldo cites is verified exactly as the Actas screen does.
    if (current.actaNumber) void invoke(handoversVerify, { text: current.actaNumber }).then((r) => setChecked(r.ok ? { backupId: current.id, result: r.value } : null));
  }, [current]);

  // After a decision the reviewer lands on the queue (or the empty queue's message): Enter there
  // only shows a respaldo, so no keypress decides the next customer's unseen.
  useLayoutEffect(() => {
    if (!focusAfterLoad.current) return;
    focusAfterLoad.current = false;
    (listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]') ?? emptyRef.current)?.focus();
  }, [queue, selectedId]);

  function select(id: string) {
    if (id === current?.id) return;
    // A reason typed for one respaldo must not be sent with another.
    setReason('');
    setReasonError(null);
    setSelectedId(id);
  }

  function refuseReason(message: string) {
    setReasonError(message);
    reasonRef.current?.focus();
  }

  async function decide(decision: Decision) {
    const b = current;
    if (!b || deciding.current) return;
    deciding.current = true;
    setBusy(true);
    setNotice(null);
    setFailure(null);
    const r = await invoke(backupsReview, { id: b.id, decision, reason: reason.trim() || undefined });
    deciding.current = false;
    setBusy(false);
    // The contract says what a rejection's reason needs; its answer is shown at the field.
    const reasonRefused = r.ok ? undefined : r.error.fields?.reason;
    if (reasonRefused) return refuseReason(reasonRefused);
    if (r.ok) {
      setNotice(decidedText(b, decision));
      setReason('');
      setReasonError(null);
    } else {
      // Named, so that the respaldo shown next is not taken for the one the message is about.
      setFailure({ error: r.error, title: `No se guardó la decisión sobre el respaldo de ${whose(b)}` });
    }
    // Reloaded either way: a refusal may mean someone else decided it meanwhile.
    focusAfterLoad.current = true;
    const before = queue;
    await load((fresh) => (fresh.some((x) => x.id === b.id) ? b.id : neighbour(before, fresh, b.id)));
  }

  // The focus goes along with the view: left on the button, the next Tab went back up to the queue.
  function toMailbox() {
    mailboxRef.current?.scrollIntoView({ block: 'start' });
    mailboxRef.current?.focus({ preventScroll: true });
  }

  // The second click of a double click lands after the first was decided: on the next customer's button.
  function onDecide(e: MouseEvent<HTMLButtonElement>, decision: Decision) {
    if (e.detail <= 1) void decide(decision);
  }
  // Nor does it take the focus there from the queue, where Enter would then decide that customer's unseen.
  function onPress(e: MouseEvent<HTMLButtonElement>) {
    if (e.detail > 1) e.preventDefault();
  }

  return (
    <div className="page review-page">
      <h1>Revisión de respaldos</h1>
      <ErrorBox error={failure?.error ?? null} title={failure?.title} />
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {queue.length === 0 && (
        <p className="empty" ref={emptyRef} tabIndex={-1}>
          No hay respaldos pendientes de revisión.
        </p>
      )}
      {current && (
        // The mailbox sits below the review so that, on a 1366×768 screen, the document and the
        // decision are what shows first; this jumps to it (and its unassigned messages).
        <p className="review-jump">
          <button type="button" className="link" onClick={toMailbox}>
            Ir a la bandeja de correos
          </button>
        </p>
      )}
      {current && (
        <div className="review-layout">
          <aside aria-label="Respaldos en revisión" className="review-pane">
            <ReviewQueue queue={queue} selectedId={current.id} onSelect={select} listRef={listRef} />
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
              <Field label="Motivo (obligatorio para rechazar)" error={reasonError ?? undefined}>
                {(id, describedBy) => (
                  <input
                    id={id}
                    ref={reasonRef}
                    value={reason}
                    aria-invalid={reasonError ? true : undefined}
                    aria-describedby={describedBy}
                    onChange={(e) => {
                      setReason(e.target.value);
                      setReasonError(null);
                    }}
                    // The reason is only needed to reject: Enter after writing it rejects.
                    onKeyDown={(e) => {
                      if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
                      e.preventDefault();
                      void decide('RECHAZAR');
                    }}
                  />
                )}
              </Field>
              <div className="actions">
                <button type="button" className="btn btn-primary" disabled={busy} onMouseDown={onPress} onClick={(e) => onDecide(e, 'ACEPTAR')}>
                  {verification?.verdict === 'AUTENTICA' ? 'Aceptar (acta verificada)' : 'Aceptar'}
                </button>
                <button type="button" className="btn" disabled={busy} onMouseDown={onPress} onClick={(e) => onDecide(e, 'RECHAZAR')}>
                  Rechazar
                </button>
              </div>
            </div>
          </section>
          {/* Focusable: the record scrolls on its own, and a keyboard user must be able to scroll it. */}
          <section aria-label="Registro del cliente" className="review-pane" tabIndex={0}>
            {shownCard && <CustomerCard card={shownCard} />}
          </section>
        </div>
      )}
      <div id="bandeja-correos" ref={mailboxRef} tabIndex={-1}>
        <MailInbox onChanged={() => void load()} />
      </div>
    </div>
  );
}
