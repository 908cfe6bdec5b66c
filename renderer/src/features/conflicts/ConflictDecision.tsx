import { useId, useState, type FormEvent } from 'react';
import { conflictsResolve, type ConflictDecision as Decision, type ConflictView, type ResolveConflictInput } from '../../../../shared/contracts/conflicts';
import { conflictExplanation, conflictKindLabel, decisionLabel, decisionsFor } from '../../../../shared/conflicts';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';

const MIN_REASON = 10;

/** One open conflict: what happened, the decisions that fit its kind, and the motivo. */
export function ConflictDecision({ conflict, onResolved }: { conflict: ConflictView; onResolved: (c: ConflictView) => void }) {
  const headingId = useId();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [acta, setActa] = useState('');
  const [serviceNumber, setServiceNumber] = useState('');
  const [stationId, setStationId] = useState('');
  const [newCode, setNewCode] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // A resolution is never undone nor taken again, and it changes what services owe: it is asked once more.
  const [confirming, setConfirming] = useState(false);
  const c = conflict;

  function input(d: Decision): ResolveConflictInput {
    const common = { id: c.id, reason };
    switch (d) {
      case 'UNA_ACTA':
        return { ...common, decision: d, acta };
      case 'VINCULAR':
        return { ...common, decision: d, serviceNumber };
      case 'RENOMBRAR':
        return { ...common, decision: d, stationId, newCode };
      case 'AMBAS':
      case 'RENUMERAR':
      case 'MANTENER':
        return { ...common, decision: d };
      default:
        return d satisfies never;
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (decision && ready) setConfirming(true);
  }

  async function resolve() {
    if (!decision) return;
    setBusy(true);
    const r = await invoke(conflictsResolve, input(decision));
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    onResolved(r.value);
  }

  const ready =
    decision !== null &&
    reason.trim().length >= MIN_REASON &&
    (decision !== 'UNA_ACTA' || acta !== '') &&
    (decision !== 'VINCULAR' || serviceNumber.trim() !== '') &&
    (decision !== 'RENOMBRAR' || (stationId !== '' && newCode.trim() !== ''));

  return (
    <article className="panel conflict" aria-labelledby={headingId}>
      <h3 id={headingId}>{conflictKindLabel(c.kind)}</h3>
      <p>{c.detail}</p>
      <p className="muted">
        {conflictExplanation(c.kind)} · {formatDateTime(c.createdAt)}
      </p>
      <ErrorBox error={error} />
      <form noValidate onSubmit={submit}>
        <fieldset>
          <legend>Decisión</legend>
          {decisionsFor(c.kind).map((d) => (
            <label key={d} className="radio">
              <input type="radio" name={`decision-${c.id}`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
              {decisionLabel(d)}
            </label>
          ))}
        </fieldset>
        {decision === 'UNA_ACTA' && (
          <fieldset>
            <legend>Acta a la que pertenece la serie</legend>
            {c.choices.actas.map((a) => (
              <label key={a.handoverId} className="radio">
                <input type="radio" name={`acta-${c.id}`} value={a.number} checked={acta === a.number} onChange={() => setActa(a.number)} />
                {a.number} · {a.station} · {a.holder} · {formatDate(a.deliveredAt.slice(0, 10))}
              </label>
            ))}
            <p className="muted">Las demás actas conservan el equipo como se registró, pero ya no cuenta como devolución de esa serie.</p>
          </fieldset>
        )}
        {decision === 'RENUMERAR' && c.choices.setAside && (
          <p className="muted">
            El acta apartada {c.choices.setAside.number} ({c.choices.setAside.holder}, {formatDate(c.choices.setAside.deliveredAt.slice(0, 10))}) se registrará como{' '}
            {c.choices.setAside.number}-R1 (o el siguiente libre); el número impreso se conserva y su devolución cuenta en la depuración.
          </p>
        )}
        {decision === 'VINCULAR' && (
          <Field label="Número de servicio de la base" hint={`Los equipos del servicio ${c.choices.serviceNumber ?? ''} pasan a ese servicio.`}>
            {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={serviceNumber} onChange={(e) => setServiceNumber(e.target.value)} />}
          </Field>
        )}
        {decision === 'RENOMBRAR' && (
          <>
            <fieldset>
              <legend>Estación que cambia de código</legend>
              {c.choices.stations.map((s) => (
                <label key={s.id} className="radio">
                  <input type="radio" name={`station-${c.id}`} value={s.id} checked={stationId === s.id} onChange={() => setStationId(s.id)} />
                  {s.office ?? 'Oficina desconocida'} · {s.code} · <span className="mono">{s.id}</span>
                </label>
              ))}
            </fieldset>
            <Field label="Nuevo código de estación" hint="Letras, números y guiones, por ejemplo UIO-QUICENTRO-01. La oficina lo adopta con la próxima actualización nacional.">
              {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={newCode} onChange={(e) => setNewCode(e.target.value.toUpperCase())} />}
            </Field>
          </>
        )}
        <Field label="Motivo de la decisión" hint={`Obligatorio, al menos ${MIN_REASON} caracteres. Queda registrado con su nombre y la fecha.`}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={!ready || busy}>
            Resolver conflicto
          </button>
        </div>
      </form>
      {confirming && decision && (
        <ConfirmDialog
          title="¿Resolver este conflicto?"
          confirmLabel="Sí, resolver"
          cancelLabel="Volver"
          busy={busy}
          onConfirm={() => void resolve()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {conflictKindLabel(c.kind)}: {decisionLabel(decision)}
            {decision === 'UNA_ACTA' && acta ? ` (${acta})` : ''}
            {decision === 'VINCULAR' ? ` (${serviceNumber.trim()})` : ''}
            {decision === 'RENOMBRAR' ? ` (${newCode.trim()})` : ''}.
          </p>
          <p>La decisión queda registrada con su nombre y el motivo, llega a todas las oficinas con la próxima actualización y no se puede deshacer.</p>
        </ConfirmDialog>
      )}
    </article>
  );
}
