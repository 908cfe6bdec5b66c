import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { batchStatusLabel, billingBatches, billingMarkConfirmed, billingMarkSent, type BillingBatch } from '../../../../shared/contracts/billing';
import { formatDateTime } from '../../../../shared/dates';
import { formatUsd } from '../../../../shared/money';
import type { AppError } from '../../../../shared/result';
import { invoke, saveReport } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/common';
import { fileNameOf } from './format';
import { DEPURATION_FILES, type Overview } from './overview';

type Step = { batch: BillingBatch; to: 'ENVIADO' | 'CONFIRMADO' };

const TONE = { GENERADO: 'review', ENVIADO: 'partial', CONFIRMADO: 'done' } as const;

const who = (s: { at: string; by: string | null }) => `${formatDateTime(s.at)}${s.by ? `, ${s.by}` : ''}`;

function BatchStatus({ b }: { b: BillingBatch }) {
  return (
    <>
      <span className={`badge tone-${TONE[b.status]}`}>{batchStatusLabel(b.status)}</span>
      {b.sent && <div className="muted small">Enviado: {who(b.sent)}</div>}
      {b.confirmed && <div className="muted small">Confirmado: {who(b.confirmed)}</div>}
      {b.replacedBy && <div className="muted small">Reemplazado por {b.replacedBy}, ya enviado: no se envía.</div>}
    </>
  );
}

/** The base's services by status when the batch was made, in one cell: five columns of their own pushed the billing step off a 1366-px screen. */
function ServiceCounts({ b }: { b: BillingBatch }) {
  const c = b.counts;
  const rows: Array<[string, number]> = [
    ['Pendientes', c.pending],
    ['Parciales', c.partial],
    ['Entregados', c.delivered],
    ['Regularizados', c.regularized],
    ['En revisión', c.inReview],
  ];
  return (
    <dl className="batch-counts">
      {rows.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{n.toLocaleString('es-EC')}</dd>
        </div>
      ))}
    </dl>
  );
}

function StepButton({ b, onStep }: { b: BillingBatch; onStep: (s: Step) => void }) {
  if (b.status === 'GENERADO' && !b.replacedBy) {
    return (
      // The name begins with the words shown, so a voice user who says what they see reaches it (WCAG 2.5.3).
      <button type="button" className="btn btn-small" aria-label={`Marcar como enviado a facturación el lote ${b.batch}`} onClick={() => onStep({ batch: b, to: 'ENVIADO' })}>
        Marcar como enviado a facturación
      </button>
    );
  }
  if (b.status === 'ENVIADO') {
    return (
      <button type="button" className="btn btn-small" aria-label={`Confirmar recepción del lote ${b.batch}`} onClick={() => onStep({ batch: b, to: 'CONFIRMADO' })}>
        Confirmar recepción
      </button>
    );
  }
  return null;
}

/**
 * Every depuración batch, newest first, with its files and where it stands with billing:
 * generado → enviado → confirmado. Read again whenever the overview is (after a depuración).
 */
export function DepurationBatches({ overview }: { overview: Overview | null }) {
  const [batches, setBatches] = useState<BillingBatch[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [busy, setBusy] = useState(false);
  // The batch whose step was just taken: a confirmed batch has no button left, and the focus would
  // fall to the page's body; it goes to the batch's status instead, which says what was recorded.
  const stepped = useRef<string | null>(null);
  const section = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const batch = stepped.current;
    stepped.current = null;
    const now = document.activeElement;
    if (!batch || (now && now !== document.body && now.isConnected)) return;
    section.current?.querySelector<HTMLElement>(`[data-batch-status="${batch}"]`)?.focus();
  }, [batches]);

  const load = useCallback(() => invoke(billingBatches, {}).then((r) => (r.ok ? setBatches(r.value.batches) : setError(r.error))), []);
  // The overview is read again after each depuración: the list follows it.
  useEffect(() => void load(), [load, overview]);

  async function confirmStep(s: Step) {
    setBusy(true);
    const r = await invoke(s.to === 'ENVIADO' ? billingMarkSent : billingMarkConfirmed, { batch: s.batch.batch });
    setBusy(false);
    setStep(null);
    setError(r.ok ? null : r.error);
    stepped.current = s.batch.batch;
    await load();
  }

  return (
    <section className="panel" aria-labelledby="batches-title" ref={section}>
      <h2 id="batches-title">Lotes anteriores</h2>
      <ErrorBox error={error} />
      {batches.length === 0 ? (
        <p className="muted">Todavía no se ha hecho ninguna depuración.</p>
      ) : (
        // Six columns fit a 1366-px screen with the billing step in view; the wrapper scrolls, not the page, if a narrower one does not.
        <div className="table-scroll" tabIndex={0} role="group" aria-label="Tabla de lotes anteriores">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Lote</th>
                <th scope="col">Estado y facturación</th>
                <th scope="col">Servicios</th>
                <th scope="col" className="num">
                  Valor a cargar
                </th>
                <th scope="col" className="num">
                  Valor a reversar
                </th>
                <th scope="col">Archivos</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.batch}>
                  <td className="nowrap">
                    <span className="mono">{b.batch}</span>
                    <div className="muted small">{formatDateTime(b.createdAt)}</div>
                  </td>
                  <td>
                    <div data-batch-status={b.batch} tabIndex={-1}>
                      <BatchStatus b={b} />
                    </div>
                    <div className="batch-step">
                      <StepButton b={b} onStep={setStep} />
                    </div>
                  </td>
                  <td>
                    <ServiceCounts b={b} />
                  </td>
                  <td className="num nowrap">{formatUsd(b.counts.chargeTotalCents)}</td>
                  <td className="num nowrap">{formatUsd(b.billing.reversalCents)}</td>
                  <td>
                    <div className="file-links">
                      {DEPURATION_FILES.map(([key, label, article]) => (
                        <button
                          key={key}
                          type="button"
                          className="link"
                          title={`SHA-256 ${b.sha256[key]}`}
                          aria-label={`Guardar una copia de ${article} del lote ${b.batch}`}
                          onClick={() => void saveReport(b.files[key], fileNameOf(b.files[key]))}
                        >
                          {label}
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {step && (
        <ConfirmDialog
          title={step.to === 'ENVIADO' ? `¿Marcar el lote ${step.batch.batch} como enviado a facturación?` : `¿Confirmar que facturación recibió el lote ${step.batch.batch}?`}
          confirmLabel={step.to === 'ENVIADO' ? 'Sí, marcar como enviado' : 'Sí, confirmar recepción'}
          cancelLabel="Cancelar"
          busy={busy}
          onConfirm={() => void confirmStep(step)}
          onCancel={() => setStep(null)}
        >
          {step.to === 'ENVIADO' ? (
            <p>
              Desde ahora sus cargos ({formatUsd(step.batch.billing.chargeCents)}) y reversos ({formatUsd(step.batch.billing.reversalCents)}) cuentan como
              facturados: la próxima depuración no los vuelve a listar. Este paso no se puede deshacer.
            </p>
          ) : (
            <p>Queda registrado quién confirmó y cuándo. Este paso no se puede deshacer.</p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
