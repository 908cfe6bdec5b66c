import { useEffect, useRef, useState } from 'react';
import {
  campaignLabel,
  campaignsList,
  campaignsStart,
  startCampaignWarning,
  type Campaign,
  type CampaignsState,
} from '../../../../shared/contracts/campaigns';
import { formatDate } from '../../../../shared/dates';
import { formatUsd } from '../../../../shared/money';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { InlineQuestion } from '../../components/InlineQuestion';
import { DateField } from '../../components/DateField';
import { useApp } from '../../store/app';
import { forgetCampaign } from '../customer/campaign';

const day = (iso: string | null) => (iso ? formatDate(iso.slice(0, 10)) : '');

interface Draft {
  name: string;
  year: number;
  startDate: string;
  deadline: string;
}

/**
 * "Campaña": the current campaign, the archived ones, and "Iniciar una campaña nueva" for the
 * administrator. The confirmation says what happens before anything is done: the whole database
 * is archived, then the old campaign's records leave this computer; users, settings, the audit
 * log and the acta numbering stay.
 */
export function CampaignSection({ onStarted }: { onStarted?: () => void }) {
  const user = useApp((s) => s.info?.user);
  const admin = user ? can(user.role, 'settings') : false;
  const [state, setState] = useState<CampaignsState | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Set when the form closes, so the keyboard lands back on «Iniciar una campaña nueva…» instead of the page's body.
  const backToStart = useRef(false);

  async function load() {
    const r = await invoke(campaignsList, {});
    if (!r.ok) return setError(r.error);
    setState(r.value);
  }
  useEffect(() => {
    void invoke(campaignsList, {}).then((r) => (r.ok ? setState(r.value) : setError(r.error)));
  }, []);

  function open() {
    setNotice(null);
    setError(null);
    const pending = state?.pending;
    const year = pending?.year ?? (state ? state.current.year + 1 : new Date().getFullYear());
    setDraft({ name: pending?.name ?? '', year, startDate: '', deadline: '' });
    setConfirming(false);
  }

  async function start() {
    if (!draft) return;
    setBusy(true);
    setError(null);
    const r = await invoke(campaignsStart, { ...draft, confirm: true });
    setBusy(false);
    if (!r.ok) {
      setConfirming(false);
      return setError(r.error);
    }
    setDraft(null);
    setConfirming(false);
    setNotice(`Campaña ${campaignLabel(r.value.opened)} iniciada. La anterior quedó archivada en ${r.value.archivePath}. Importe ahora la base de la campaña nueva.`);
    forgetCampaign();
    onStarted?.();
    await load();
  }

  if (!state) return error ? <ErrorBox error={error} /> : null;
  return (
    <section className="panel" aria-labelledby="campaign-title">
      <h2 id="campaign-title">Campaña</h2>
      <p>
        Campaña actual: <strong>{campaignLabel(state.current)}</strong>, desde el {day(state.current.startedAt)}.
      </p>
      {state.pending && (
        <p className="alert alert-warn">
          Posventa ya trabaja en la campaña {campaignLabel(state.pending)}. Exporte el último paquete de esta oficina y envíelo; luego inicie esa campaña con el
          mismo nombre y año.
        </p>
      )}
      <ErrorBox error={error} />
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {admin && !draft && (
        <button
          type="button"
          className="btn"
          onClick={open}
          ref={(el) => {
            if (el && backToStart.current) {
              backToStart.current = false;
              el.focus();
            }
          }}
        >
          Iniciar una campaña nueva…
        </button>
      )}
      {!admin && <p className="muted">Solo un administrador puede iniciar una campaña nueva.</p>}
      {draft && (
        <form noValidate
          aria-label="Campaña nueva"
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <fieldset disabled={busy}>
            <div className="row">
              <Field label="Nombre de la campaña nueva" error={error?.fields?.name}>
                {(id, d) => (
                  // The button that opened the form is gone: the keyboard starts in its first field.
                  <input id={id} aria-describedby={d} required autoFocus value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
                )}
              </Field>
              <Field label="Año de la campaña nueva" error={error?.fields?.year}>
                {(id, d) => (
                  <input id={id} aria-describedby={d} type="number" min={2020} max={2100} value={Number.isNaN(draft.year) ? '' : draft.year} onChange={(e) => setDraft({ ...draft, year: e.target.valueAsNumber })} />
                )}
              </Field>
              <DateField label="Inicio de la campaña nueva" error={error?.fields?.startDate} value={draft.startDate} onChange={(startDate) => setDraft({ ...draft, startDate })} />
              <DateField label="Fecha límite de la campaña nueva" error={error?.fields?.deadline} value={draft.deadline} onChange={(deadline) => setDraft({ ...draft, deadline })} />
            </div>
            <div className="actions">
              <button type="submit" className="btn btn-primary">
                Continuar…
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  // A refusal of the draft would stay on screen about a form that is gone.
                  setError(null);
                  setDraft(null);
                  backToStart.current = true;
                }}
              >
                Cancelar
              </button>
            </div>
          </fieldset>
        </form>
      )}
      {draft && confirming && (
        <InlineQuestion title={<>¿Iniciar la campaña {campaignLabel(draft)}?</>} busy={busy} onEscape={() => setConfirming(false)}>
          <ul>
            {startCampaignWarning(state.current, draft).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void start()}>
              {busy ? 'Archivando e iniciando…' : 'Archivar e iniciar la campaña nueva'}
            </button>
            {/* The question opens below the form: the keyboard goes to it, on the answer that changes nothing. */}
            <button type="button" className="btn" disabled={busy} autoFocus onClick={() => setConfirming(false)}>
              Volver
            </button>
          </div>
        </InlineQuestion>
      )}
      <h3>Campañas archivadas</h3>
      {state.archived.length === 0 ? <p className="muted">Todavía no hay campañas archivadas.</p> : <ArchiveTable archived={state.archived} />}
    </section>
  );
}

function ArchiveTable({ archived }: { archived: Campaign[] }) {
  return (
    <table className="table" aria-label="Campañas archivadas">
      <thead>
        <tr>
          <th scope="col">Campaña</th>
          <th scope="col">Desde</th>
          <th scope="col">Hasta</th>
          <th scope="col">Clientes</th>
          <th scope="col">Actas</th>
          <th scope="col">Recuperado</th>
          <th scope="col">Archivo</th>
        </tr>
      </thead>
      <tbody>
        {archived.map((c) => (
          <tr key={c.id}>
            <td>{campaignLabel(c)}</td>
            <td>{day(c.startedAt)}</td>
            <td>{day(c.closedAt)}</td>
            <td>{c.summary?.customers ?? ''}</td>
            <td>{c.summary?.actas ?? ''}</td>
            <td>{c.summary ? formatUsd(c.summary.recoveredCents) : ''}</td>
            <td className="mono">
              {c.archiveFile}
              {!c.archivePresent && <span className="alert-warn"> (no se encuentra)</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
