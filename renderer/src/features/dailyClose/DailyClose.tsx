import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { dailyCloseExport, dailyCloseGet, dailyClosePdf, dailyCloseSave, dailyCloseSign, type CountInput, type DailyCloseView } from '../../../../shared/contracts/dailyClose';
import { closeTotals, lineKey } from '../../../../shared/dailyClose';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke, saveReport } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { CloseLines, countOf } from './CloseLines';
import './dailyClose.css';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function stateText(v: DailyCloseView): string {
  switch (v.status) {
    case 'NUEVO':
      return 'Sin conteo guardado';
    case 'BORRADOR':
      return `Borrador guardado${v.countedBy ? ` por ${v.countedBy}` : ''}${v.countedAt ? ` el ${formatDateTime(v.countedAt)}` : ''}`;
    case 'FIRMADO':
      return `Firmó ${v.signedBy ?? ''} el ${v.signedAt ? formatDateTime(v.signedAt) : ''}`;
    default:
      return v.status satisfies never;
  }
}

/** Cierre del día: the coordinator counts what is at the desk against the day's actas and signs. */
export function DailyClose() {
  const [day, setDay] = useState(today());
  const [view, setView] = useState<DailyCloseView | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ html: string; path: string | null; fileName: string } | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  function show(v: DailyCloseView) {
    setView(v);
    setTyped({});
    setNote(v.note ?? '');
    setPreview(null);
  }

  useEffect(() => {
    if (!day) return;
    void invoke(dailyCloseGet, { day }).then((r) => {
      if (r.ok) {
        setError(null);
        show(r.value);
      } else setError(r.error);
    });
  }, [day]);

  const lines = (view?.lines ?? []).map((l) => {
    const t = typed[lineKey(l)];
    const c = t === undefined ? l.counted : countOf(t);
    return { ...l, counted: c === 'invalid' ? null : c };
  });
  const invalid = view?.lines.some((l) => countOf(typed[lineKey(l)] ?? '') === 'invalid') ?? false;

  function counts(): CountInput[] {
    return lines.map((l) => ({ clerkId: l.clerkId, kind: l.kind, type: l.type, counted: l.counted }));
  }

  async function store(sign: boolean) {
    if (!view) return;
    if (invalid) return setError({ kind: 'validation', message: 'Revise los conteos: cada uno es un número entero, o se deja vacío si aún no se cuenta.' });
    setBusy(true);
    const r = await invoke(sign ? dailyCloseSign : dailyCloseSave, { day: view.day, counts: counts(), note });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    show(r.value);
    setSaved(sign ? `Cierre del ${formatDate(view.day)} firmado.` : 'Borrador guardado. Puede continuar el conteo más tarde.');
  }

  async function printable() {
    const r = await invoke(dailyClosePdf, { day });
    if (!r.ok) return setError(r.error);
    setError(r.value.warning ? { kind: 'internal', message: r.value.warning } : null);
    setPreview({ html: r.value.html, path: r.value.path, fileName: r.value.fileName });
  }

  async function exportXlsx() {
    const r = await invoke(dailyCloseExport, { day });
    if (!r.ok) return setError(r.error);
    await saveReport(r.value.path, r.value.fileName);
  }

  const signed = view?.status === 'FIRMADO';
  const totals = closeTotals(lines);

  const actions = useRef<HTMLDivElement>(null);
  // A save disables its button, which drops the focus (and signing takes the buttons away): once
  // done, the first button still there takes it, so Tab and Enter go on from the close, not the menu.
  useLayoutEffect(() => {
    if (busy) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    actions.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [busy, signed]);
  return (
    <div className="page close-page">
      <h1>Cierre del día</h1>
      <div className="row panel">
        <DateField
          label="Día"
          value={day}
          max={today()}
          onChange={(d) => {
            setSaved(null);
            setDay(d);
          }}
        />
        {view && (
          <p>
            <strong className={signed ? 'badge tone-done' : 'badge tone-review'}>{signed ? 'Firmado' : 'Sin firmar'}</strong> {stateText(view)}
          </p>
        )}
      </div>
      <ErrorBox error={error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      {view && (
        <section className="panel" aria-labelledby="close-lines">
          <h2 id="close-lines">
            {view.office} · {formatDate(view.day)}
          </h2>
          <p className="muted">
            Actas del día: {view.clerks.reduce((n, c) => n + c.actas, 0)}
            {view.clerks.length > 0 && ` (${view.clerks.map((c) => `${c.clerkName}: ${c.actas}`).join('; ')})`}
            {view.voidedActas > 0 && ` · anuladas, no cuentan: ${view.voidedActas}`}
          </p>
          {signed && view.totals.changedSinceSigned > 0 && (
            <p className="alert alert-warn">
              Después de firmar cambiaron {view.totals.changedSinceSigned} {view.totals.changedSinceSigned === 1 ? 'línea' : 'líneas'} (un acta anulada o registrada tarde): las cifras firmadas no cambian; la diferencia se muestra en cada línea.
            </p>
          )}
          <CloseLines lines={view.lines} totals={totals} signed={signed} editable={view.editable} typed={typed} onType={(k, t) => setTyped((m) => ({ ...m, [k]: t }))} />
          {view.editable ? (
            <Field label="Observaciones del cierre">{(id) => <textarea id={id} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />}</Field>
          ) : (
            view.note && <p>Observaciones: {view.note}</p>
          )}
          <div className="actions" ref={actions}>
            {view.editable && (
              <>
                <button type="button" className="btn" disabled={busy} onClick={() => void store(false)}>
                  Guardar borrador
                </button>
                <button type="button" className="btn btn-primary" disabled={busy} onClick={() => (invalid ? void store(true) : setConfirming(true))}>
                  Firmar cierre
                </button>
              </>
            )}
            <button type="button" className="btn" onClick={() => void printable()}>
              Vista para imprimir
            </button>
            <button type="button" className="btn" onClick={() => void exportXlsx()}>
              Exportar a Excel
            </button>
          </div>
        </section>
      )}
      {confirming && view && (
        <ConfirmDialog
          title={`¿Firmar el cierre del ${formatDate(view.day)}?`}
          confirmLabel="Firmar cierre"
          cancelLabel="Volver"
          busy={busy}
          onConfirm={() => void store(true)}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Se guardan las cifras de las actas de este momento ({totals.recorded} según actas, {totals.counted} contados
            {totals.discrepancies > 0 ? `, ${totals.discrepancies} ${totals.discrepancies === 1 ? 'línea con diferencia' : 'líneas con diferencia'}` : ', sin diferencias'}
            {totals.uncounted > 0 ? `, ${totals.uncounted} sin contar` : ''}). Una vez firmado, el cierre ya no se puede cambiar.
          </p>
        </ConfirmDialog>
      )}
      {preview && (
        <section className="panel" aria-label="Vista para imprimir">
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => frame.current?.contentWindow?.print()}>
              Imprimir
            </button>
            {preview.path && (
              <button type="button" className="btn" onClick={() => void saveReport(preview.path!, preview.fileName)}>
                Guardar PDF
              </button>
            )}
          </div>
          <iframe ref={frame} title={`Cierre del día ${formatDate(day)} para imprimir`} className="close-frame" srcDoc={preview.html} sandbox="allow-modals allow-same-origin" />
        </section>
      )}
    </div>
  );
}
