import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { handoversGet, handoversPdf, handoversVoid, type ActaView } from '../../../../shared/contracts/handovers';
import { formatVerificationCode } from '../../../../shared/handover';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { useApp } from '../../store/app';
import { useAttend } from '../handover/store';
import { ActaDocuments } from './ActaDocuments';

type Loaded = { view: ActaView; html: string; path: string | null; problem: AppError | null } | { error: AppError };

/**
 * The record first: the clerk sees the saved acta and its number as soon as it is read (`onView`),
 * before its PDF is made, and even if it cannot be.
 */
async function fetchActa(id: string, reprint: boolean, onView?: (v: ActaView) => void): Promise<Loaded> {
  const v = await invoke(handoversGet, { id });
  if (!v.ok) return { error: v.error };
  onView?.(v.value);
  const doc = await invoke(handoversPdf, { id, reprint });
  if (!doc.ok) return { view: v.value, html: '', path: null, problem: doc.error };
  const problem: AppError | null = doc.value.warning ? { kind: 'internal', message: doc.value.warning } : null;
  return { view: v.value, html: doc.value.html, path: doc.value.path, problem };
}

/** The acta as it will be printed (the same HTML as the stored PDF), with print, reprint and void. */
export function ActaScreen({ actaId }: { actaId: string }) {
  const role = useApp((s) => s.info?.user?.role);
  const focusSearch = useApp((s) => s.focusSearch);
  const clear = useAttend((s) => s.clear);
  const [view, setView] = useState<ActaView | null>(null);
  const [html, setHtml] = useState('');
  const [pdfPath, setPdfPath] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [making, setMaking] = useState(false);
  const [reason, setReason] = useState('');
  const frame = useRef<HTMLIFrameElement>(null);
  const voidButton = useRef<HTMLButtonElement>(null);
  // A reprint prints once its document is in the frame: each load gets a fresh iframe (even when
  // the HTML is unchanged), and its load event opens the same print dialog as "Imprimir".
  const [generation, setGeneration] = useState(0);
  const printWhenLoaded = useRef(false);

  const apply = (r: Loaded) => {
    setMaking(false);
    if ('error' in r) return setError(r.error);
    setView(r.view);
    setHtml(r.html);
    setPdfPath(r.path ?? '');
    setError(r.problem);
  };
  const printButton = useRef<HTMLButtonElement>(null);
  // Enter prints as soon as the document is ready.
  useLayoutEffect(() => {
    if (html) printButton.current?.focus();
  }, [html]);
  // Until then the focus is on the acta, not on the page's body (the form that saved it is gone):
  // Tab starts from here and a screen reader says which acta is open.
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    title.current?.focus();
  }, [actaId]);
  const shown = (v: ActaView) => {
    setView(v);
    // The document that was here no longer matches the record (a void, a reprint): nothing to print until the new one is made.
    setHtml('');
    setMaking(true);
  };
  // Only the last load asked for shows: an earlier one answering late would put back what it read.
  const latest = useRef(0);
  const fetchLatest = async (reprint: boolean): Promise<Loaded | null> => {
    const n = ++latest.current;
    const r = await fetchActa(actaId, reprint, (v) => n === latest.current && shown(v));
    if (n !== latest.current) return null;
    apply(r);
    return r;
  };
  // The effect below runs when the acta changes, with this render's loader.
  const opening = useRef(fetchLatest);
  useEffect(() => {
    opening.current = fetchLatest;
  });
  const printFrame = () => frame.current?.contentWindow?.print();

  async function reprint() {
    // A second click while the first reprint is made would archive and audit a second reprint:
    // the button waits from the click, not only once the record is read.
    if (making) return;
    setMaking(true);
    const r = await fetchLatest(true);
    if (!r || 'error' in r || !r.html) return;
    printWhenLoaded.current = true;
    setGeneration((g) => g + 1);
  }
  function frameLoaded() {
    if (!printWhenLoaded.current) return;
    printWhenLoaded.current = false;
    printFrame();
  }

  useEffect(() => {
    // Opening an acta (re)writes its archived PDF; "Reimprimir" makes a copy marked as such.
    void opening.current(false);
  }, [actaId]);

  const closeVoid = useCallback(() => {
    setVoiding(false);
    setError(null);
    voidButton.current?.focus();
  }, []);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'Escape') return;
      // Esc steps back one level: out of the void's reason first, out of the acta only after.
      if (voiding) return closeVoid();
      clear();
      focusSearch();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [voiding, clear, focusSearch, closeVoid]);

  async function doVoid(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(handoversVoid, { id: actaId, reason });
    if (!r.ok) return setError(r.error);
    setVoiding(false);
    setError(null);
    // The void archived the acta as it now stands (marked ANULADA): that copy is shown. Asking for a
    // reprint here archived a second PDF and recorded a reprint nobody asked for.
    await fetchLatest(false);
  }

  return (
    <div className="page acta-page">
      <div className="acta-bar">
        <div>
          <h1 ref={title} tabIndex={-1}>
            Acta {view?.number}
          </h1>
          {view && (
            <p className="muted">
              {view.voided ? <strong className="badge tone-rejected">Anulada</strong> : <strong className="badge tone-done">Vigente</strong>} · código de verificación{' '}
              <span className="mono">{formatVerificationCode(view.verificationCode)}</span>
              {pdfPath ? ` · PDF guardado` : ''}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="button" ref={printButton} className="btn btn-primary" onClick={printFrame} disabled={!html}>
            Imprimir
          </button>
          <button type="button" className="btn" onClick={() => void reprint()} disabled={making}>
            Reimprimir
          </button>
          {role && can(role, 'void') && !view?.voided && (
            <button type="button" ref={voidButton} className="btn" onClick={() => setVoiding(true)}>
              Anular acta
            </button>
          )}
          <button type="button" className="btn" onClick={() => { clear(); focusSearch(); }}>
            Siguiente cliente (Esc)
          </button>
        </div>
      </div>
      {making && (
        <p className="muted" role="status">
          Generando el PDF del acta…
        </p>
      )}
      {/* A refused reason is said beside its field, once. */}
      <ErrorBox error={error?.fields?.reason ? null : error} />
      {voiding && (
        <form noValidate className="panel" aria-label="Anular acta" onSubmit={(e) => void doVoid(e)}>
          <Field label="Motivo de la anulación" error={error?.fields?.reason} hint="Queda registrado con su nombre; el número no se vuelve a usar.">
            {(id, d) => <input id={id} aria-describedby={d} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              Confirmar anulación
            </button>
            <button type="button" className="btn" onClick={closeVoid}>
              Volver (Esc)
            </button>
          </div>
        </form>
      )}
      {view?.deliveredBy === 'TERCERO' && (
        <ActaDocuments view={view} canAttach={!!role && can(role, 'attend') && !view.voided} onAttached={(v) => { setView(v); void fetchLatest(false); }} />
      )}
      {html && (
        <iframe
          key={generation}
          ref={frame}
          title={`Vista previa del acta ${view?.number ?? ''}`}
          className="acta-frame"
          srcDoc={html}
          sandbox="allow-modals allow-same-origin"
          onLoad={frameLoaded}
        />
      )}
    </div>
  );
}
