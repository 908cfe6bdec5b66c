import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, auditActionLabel } from '../../../../shared/audit';
import { auditDetailText } from '../../../../shared/auditDetail';
import { auditExport, auditList, auditVerify, type AuditEntryView, type AuditFilter } from '../../../../shared/contracts/audit';
import type { OutputOf } from '../../../../shared/contracts/contract';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import type { AppError, Result } from '../../../../shared/result';
import { roleLabel, ROLES, type Role } from '../../../../shared/roles';
import { invoke, saveReport } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { DateField } from '../../components/DateField';

type Page = OutputOf<typeof auditList>;
type Verdict = OutputOf<typeof auditVerify>;

const PAGE_SIZE = 50;

interface Form {
  from: string;
  to: string;
  username: string;
  action: string;
  customer: string;
  station: string;
}

const EMPTY: Form = { from: '', to: '', username: '', action: '', customer: '', station: '' };

type DateKey = 'from' | 'to';
const DATE_LABELS: Record<DateKey, string> = { from: 'Desde', to: 'Hasta' };
const NOT_A_DATE = 'Escriba la fecha como dd/mm/aaaa, por ejemplo 27/03/2025, o deje la casilla vacía.';

/** Only what was filled in: an empty field filters nothing. */
function toFilter(f: Form): AuditFilter {
  const action = AUDIT_ACTIONS.find((a) => a === f.action);
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.username.trim() ? { username: f.username.trim() } : {}),
    ...(action ? { action } : {}),
    ...(f.customer.trim() ? { customer: f.customer.trim() } : {}),
    ...(f.station ? { station: f.station } : {}),
  };
}

function profile(role: string | null): string {
  return role && (ROLES as readonly string[]).includes(role) ? roleLabel(role as Role) : (role ?? '—');
}

function who(e: AuditEntryView): string {
  if (!e.username) return 'Sistema';
  return e.userName ? `${e.userName} (${e.username})` : e.username;
}

/**
 * Auditoría: who did what and when, newest first, with filters by user, action, days, customer
 * and (at the central) station; the chain's verification; the selection exported to Excel. A
 * coordinator sees their station's entries; Posventa and the administrator every station's.
 */
export function AuditLog() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [applied, setApplied] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<Page | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);
  const [exported, setExported] = useState<{ path: string; fileName: string; rows: number } | null>(null);
  // A box holding text that is no date reaches the form as '': searched as it was, the list and its
  // export would cover every day while the box shows the day the user meant.
  const [notADate, setNotADate] = useState<Record<DateKey, boolean>>({ from: false, to: false });
  const [dateRefused, setDateRefused] = useState<DateKey | null>(null);
  // Clearing remounts the date boxes: text that was no date never reached the form, so emptying the form leaves it.
  const [cleared, setCleared] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const show = useCallback((r: Result<Page>) => {
    if (!r.ok) return setError(r.error);
    setError(null);
    setResult(r.value);
  }, []);

  useEffect(() => {
    void invoke(auditList, { ...applied, page, pageSize: PAGE_SIZE }).then(show);
  }, [show, applied, page]);

  function focusDate(k: DateKey) {
    const label = [...(formRef.current?.querySelectorAll('label') ?? [])].find((l) => l.textContent === DATE_LABELS[k]);
    (label?.control as HTMLElement | null | undefined)?.focus();
  }

  function search(e: FormEvent) {
    e.preventDefault();
    const bad = (['from', 'to'] as const).find((k) => notADate[k]);
    if (bad) {
      setDateRefused(bad);
      focusDate(bad);
      return;
    }
    if (form.from && form.to && form.from > form.to) {
      setError({ kind: 'validation', message: 'La fecha «Desde» es posterior a «Hasta».' });
      return;
    }
    setPage(1);
    setApplied(toFilter(form));
  }

  async function verify() {
    setBusy('verify');
    const r = await invoke(auditVerify, {});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setVerdict(r.value);
  }

  async function exportExcel() {
    setBusy('export');
    const r = await invoke(auditExport, applied);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setExported(r.value);
    await saveReport(r.value.path, r.value.fileName);
  }

  const set = (k: keyof Form) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  const setDate = (k: DateKey) => (iso: string, valid: boolean) => {
    set(k)(iso);
    // Invalid and no day: text that is no date (a day out of range is said by the range's own check).
    setNotADate((n) => ({ ...n, [k]: !valid && !iso }));
    setDateRefused((r) => (r === k ? null : r));
  };

  return (
    <div className="page">
      <h1>Auditoría</h1>
      <section className="panel" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">Filtros</h2>
        <form noValidate className="row" onSubmit={search} aria-label="Filtros de auditoría" ref={formRef}>
          <DateField key={`from-${cleared}`} label={DATE_LABELS.from} value={form.from} max={form.to || undefined} onChange={setDate('from')} error={dateRefused === 'from' ? NOT_A_DATE : undefined} />
          <DateField key={`to-${cleared}`} label={DATE_LABELS.to} value={form.to} min={form.from || undefined} onChange={setDate('to')} error={dateRefused === 'to' ? NOT_A_DATE : undefined} />
          <Field label="Usuario">{(id) => <input id={id} type="text" value={form.username} onChange={(e) => set('username')(e.target.value)} autoComplete="off" />}</Field>
          <Field label="Acción">
            {(id) => (
              <select id={id} value={form.action} onChange={(e) => set('action')(e.target.value)}>
                <option value="">Todas</option>
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {auditActionLabel(a)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Cliente" hint="Cédula, RUC o nombre">
            {(id, d) => <input id={id} type="text" aria-describedby={d} value={form.customer} onChange={(e) => set('customer')(e.target.value)} autoComplete="off" />}
          </Field>
          {result?.scope === 'all' && result.stations.length > 1 && (
            <Field label="Estación">
              {(id) => (
                <select id={id} value={form.station} onChange={(e) => set('station')(e.target.value)}>
                  <option value="">Todas</option>
                  {result.stations.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <button type="submit" className="btn btn-primary">
            Buscar
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setForm(EMPTY);
              setNotADate({ from: false, to: false });
              setDateRefused(null);
              setCleared((n) => n + 1);
              setPage(1);
              setApplied({});
            }}
          >
            Limpiar filtros
          </button>
        </form>
      </section>

      <section className="panel" aria-labelledby="audit-verify-title">
        <div className="row">
          <h2 id="audit-verify-title">Integridad del registro</h2>
          <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void verify()}>
            {busy === 'verify' ? 'Verificando…' : 'Verificar integridad'}
          </button>
        </div>
        {verdict && (
          <div className={`alert ${verdict.ok ? 'alert-ok' : 'alert-error'}`} role="status">
            <p>{verdict.summary}</p>
            <ul aria-label="Entradas por estación">
              {verdict.stations.map((s) => (
                <li key={s.stationCode}>
                  {s.stationCode}: {s.entries} {s.entries === 1 ? 'entrada' : 'entradas'}
                </li>
              ))}
            </ul>
            {verdict.problems.length > 0 && (
              <ul aria-label="Problemas encontrados">
                {verdict.problems.map((p) => (
                  <li key={`${p.kind}-${p.stationCode}-${p.stationSeq}`}>{p.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="audit-entries-title" aria-busy={result === null && !error}>
        <div className="row">
          <h2 id="audit-entries-title">Entradas</h2>
          <button type="button" className="btn btn-small" disabled={busy !== null || !result || result.entries.length === 0} onClick={() => void exportExcel()}>
            {busy === 'export' ? 'Exportando…' : 'Exportar a Excel'}
          </button>
        </div>
        <ErrorBox error={error} />
        {exported && (
          <p className="alert alert-ok" role="status">
            Exportadas {exported.rows} {exported.rows === 1 ? 'entrada' : 'entradas'}: <span className="mono">{exported.fileName}</span>{' '}
            <button type="button" className="btn btn-small" onClick={() => void saveReport(exported.path, exported.fileName)}>
              Guardar una copia…
            </button>
          </p>
        )}
        {result?.customersMatched === 0 && <p className="muted">Ningún cliente coincide con «{applied.customer}».</p>}
        {result === null ? (
          !error && <p className="muted">Cargando…</p>
        ) : result.entries.length === 0 ? (
          <p className="muted">No hay entradas con estos filtros.</p>
        ) : (
          <table className="table compact">
            <caption className="sr-only">Registro de auditoría, de la entrada más reciente a la más antigua</caption>
            <thead>
              <tr>
                <th scope="col">Fecha y hora local</th>
                <th scope="col">Usuario</th>
                <th scope="col">Perfil</th>
                <th scope="col">Estación</th>
                <th scope="col">Acción</th>
                <th scope="col">Descripción</th>
              </tr>
            </thead>
            <tbody>
              {result.entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>{who(e)}</td>
                  <td>{profile(e.role)}</td>
                  <td className="nowrap">
                    {e.stationCode} <span className="muted">N.º {e.stationSeq}</span>
                  </td>
                  <td>{e.actionLabel}</td>
                  <td>
                    {e.description}
                    {e.detail && (
                      // Folded: the description says what happened; the detail is what the entry recorded of it (hashes, counts, files).
                      <details className="audit-detail">
                        <summary>Detalle</summary>
                        <p>{auditDetailText(e.detail)}</p>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {result && (result.page > 1 || result.hasMore) && (
          <nav className="row" aria-label="Páginas del registro">
            <button type="button" className="btn btn-small" disabled={result.page <= 1} onClick={() => setPage((p) => Math.max(1, p - 1))}>
              Anterior
            </button>
            <span>
              Página {result.page}
              {applied.from || applied.to ? ` · ${applied.from ? formatDate(applied.from) : '…'} – ${applied.to ? formatDate(applied.to) : '…'}` : ''}
            </span>
            <button type="button" className="btn btn-small" disabled={!result.hasMore} onClick={() => setPage((p) => p + 1)}>
              Siguiente
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
