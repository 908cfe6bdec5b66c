import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { customerGet, searchQuery, type CustomerCard as Card } from '../../../../shared/contracts/customers';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { statusLabel } from '../../../../shared/status';
import { invoke } from '../../api/client';
import { ErrorBox, Kbd } from '../../components/common';
import { useApp } from '../../store/app';
import { useAttend } from '../handover/store';
import { CustomerCard, matchLabel } from '../customer/CustomerCard';

/** How long a card stays shown before it counts as opened. */
const CARD_OPENED_MS = 1500;

/** Home: one box for cédula, RUC, service number, serial, phone or name; results as the clerk types. */
export function Search() {
  const focusTick = useApp((s) => s.focusTick);
  const counts = useApp((s) => s.info?.counts);
  const role = useApp((s) => s.info?.user?.role);
  const go = useApp((s) => s.go);
  const [text, setText] = useState('');
  const [results, setResults] = useState<Card[]>([]);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [searched, setSearched] = useState('');
  const [again, setAgain] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const lastQuery = useRef('');

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusTick]);

  useEffect(() => {
    const q = text.trim();
    if (q.length === 0) return;
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      const r = await invoke(searchQuery, { text: q, limit: 20 });
      if (mine !== seq.current) return; // a newer keystroke already asked
      if (!r.ok) return setError(r.error);
      setError(null);
      setResults(r.value.results);
      setTotal(r.value.total);
      // A refresh of the same query keeps the customer in view; a new query starts at the top.
      setSelected((i) => (q === lastQuery.current && i < r.value.results.length ? i : 0));
      lastQuery.current = q;
      setSearched(q);
    }, 120);
    return () => clearTimeout(t);
  }, [text, again]);

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSelected((i) => Math.min(results.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((i) => Math.max(0, i - 1));
    } else if (e.key === 'Escape') {
      seq.current++;
      setText('');
      setResults([]);
      setSearched('');
    }
  }

  const current = results[selected] ?? null;
  const shownId = current?.id ?? null;

  // Opening a customer's card is recorded in the audit log: once the card stays on screen, not for
  // every customer that flashes by while the clerk types or moves through the list.
  useEffect(() => {
    if (!shownId) return;
    const t = setTimeout(() => void invoke(customerGet, { id: shownId }), CARD_OPENED_MS);
    return () => clearTimeout(t);
  }, [shownId]);
  return (
    <div className="search-layout">
      <h1 className="sr-only">Buscar cliente</h1>
      <section className="search-side" aria-label="Búsqueda de clientes">
        <label htmlFor="search-box" className="search-label">
          Buscar cliente <span className="muted">(<Kbd>F2</Kbd> o <Kbd>Ctrl</Kbd>+<Kbd>K</Kbd>)</span>
        </label>
        <input
          id="search-box"
          ref={input}
          className="search-box"
          type="search"
          value={text}
          placeholder="Cédula, servicio, serie, teléfono o nombre"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === '') {
              seq.current++;
              setResults([]);
              setSearched('');
            }
          }}
          onKeyDown={onKey}
          aria-controls="search-results"
        />
        <ErrorBox error={error} />
        {searched && results.length === 0 && !error && (
          <div className="empty" role="status">
            <p>No hay clientes que coincidan con «{searched}». Revise el número o busque por apellido.</p>
            <button type="button" className="btn btn-small" onClick={() => useAttend.getState().startOutOfBase()}>
              Registrar entrega fuera de base
            </button>
          </div>
        )}
        {!searched && counts && counts.customers > 0 && (
          <p className="muted">
            La base tiene {counts.customers.toLocaleString('es-EC')} clientes y {counts.services.toLocaleString('es-EC')} servicios.
          </p>
        )}
        {!searched && counts?.customers === 0 && (
          <div className="alert alert-warn" role="status">
            La base de clientes está vacía.{' '}
            {role && can(role, 'import') ? (
              <button type="button" className="btn btn-small" onClick={() => go('import')}>
                Importar base
              </button>
            ) : (
              'Pida a su coordinador que importe la base de Posventa.'
            )}
          </div>
        )}
        <ul id="search-results" className="results" role="listbox" aria-label="Resultados">
          {results.map((c, i) => (
            <li
              key={c.id}
              role="option"
              aria-selected={i === selected}
              className={i === selected ? 'result selected' : 'result'}
              onClick={() => setSelected(i)}
            >
              <div className="result-name">{c.name ?? '(sin nombre)'}</div>
              <div className="result-meta">
                <span className="mono">{c.identification ?? '—'}</span> · {c.services.length} servicio{c.services.length === 1 ? '' : 's'} ·{' '}
                {[...new Set(c.services.map((s) => statusLabel(s.status)))].join(', ')}
              </div>
              <div className="result-why">{matchLabel(c.match)}</div>
            </li>
          ))}
        </ul>
        {total > results.length && <p className="muted">Se muestran {results.length} de {total}. Escriba más para afinar.</p>}
      </section>
      <section className="search-main" aria-label="Ficha del cliente">
        {current ? (
          <CustomerCard
            key={current.id}
            card={current}
            onChanged={() => setAgain((n) => n + 1)}
            matchedSerial={current.match === 'serial' ? searched : undefined}
          />
        ) : (
          <div className="placeholder">La ficha del cliente aparecerá aquí.</div>
        )}
      </section>
    </div>
  );
}
