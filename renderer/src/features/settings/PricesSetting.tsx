import { useEffect, useState, type FormEvent } from 'react';
import { pricesGet, pricesSave } from '../../../../shared/contracts/settings';
import { formatUsd } from '../../../../shared/money';
import { dollarsText, readPriceDraft, type PriceDraftErrors, type PriceDraftRow, type PriceList } from '../../../../shared/prices';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox } from '../../components/common';
import { useApp } from '../../store/app';

const toRows = (prices: PriceList): PriceDraftRow[] =>
  Object.entries(prices)
    .sort(([a], [b]) => a.localeCompare(b, 'es'))
    .map(([type, cents]) => ({ type, dollars: dollarsText(cents) }));

const BLANK: PriceDraftRow = { type: '', dollars: '' };

/**
 * "Precios por tipo de equipo": what an item is worth when the base gives no usable VALOR, and for
 * items returned that the base did not list. The administrator edits them in dollars; everyone else
 * reads them. At an office, the central's next update replaces them with Posventa's.
 */
export function PricesSetting() {
  const user = useApp((s) => s.info?.user);
  const editable = user ? can(user.role, 'settings') : false;
  const [prices, setPrices] = useState<PriceList | null>(null);
  const [rows, setRows] = useState<PriceDraftRow[]>([]);
  const [errors, setErrors] = useState<PriceDraftErrors>({});
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void invoke(pricesGet, {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setPrices(r.value.prices);
      setRows([...toRows(r.value.prices), BLANK]);
    });
  }, []);

  const edit = (i: number, patch: Partial<PriceDraftRow>) => {
    setSaved(null);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    setError(null);
    const draft = readPriceDraft(rows);
    if (!draft.ok) {
      setErrors(draft.errors);
      // The first field with a problem takes the focus, so the keyboard lands where the fix goes.
      const [first] = Object.entries(draft.errors);
      if (first) document.getElementById(`precio-${first[0]}-${first[1].type ? 'tipo' : 'valor'}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await invoke(pricesSave, { prices: draft.prices });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPrices(r.value.prices);
    setRows([...toRows(r.value.prices), BLANK]);
    const n = Object.keys(r.value.prices).length;
    setSaved(n === 0 ? 'Precios guardados: ningún tipo tiene precio.' : `Precios guardados: ${n === 1 ? '1 tipo de equipo' : `${n} tipos de equipo`}.`);
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="prices-title" noValidate>
      <h2 id="prices-title">Precios por tipo de equipo</h2>
      <p className="muted">
        El valor de un equipo es el VALOR de la base; si la base no trae un valor usable (en blanco, no es un número o es negativo) o el equipo no
        estaba en la base, se usa el precio de su tipo. La carga de valores no se genera mientras un equipo por cobrar no tenga ni valor ni precio.
      </p>
      <ErrorBox error={error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      {errorCount > 0 && (
        <p className="alert alert-error" role="alert">
          {errorCount === 1 ? 'Revise la fila marcada.' : `Revise las ${errorCount} filas marcadas.`}
        </p>
      )}
      {prices && !editable && (
        <>
          {Object.keys(prices).length === 0 ? (
            <p>Ningún tipo de equipo tiene precio todavía.</p>
          ) : (
            <table className="table">
              <caption className="sr-only">Precios por tipo de equipo</caption>
              <thead>
                <tr>
                  <th scope="col">Tipo de equipo</th>
                  <th scope="col" className="num">
                    Precio
                  </th>
                </tr>
              </thead>
              <tbody>
                {toRows(prices).map((r) => (
                  <tr key={r.type}>
                    <td>{r.type}</td>
                    <td className="num">{formatUsd(prices[r.type])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">Solo un administrador puede cambiarlos.</p>
        </>
      )}
      {prices && editable && (
        <fieldset disabled={busy}>
          <legend className="sr-only">Precios por tipo de equipo</legend>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Tipo de equipo</th>
                <th scope="col">Precio (USD)</th>
                <th scope="col">
                  <span className="sr-only">Acciones</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const e = errors[i];
                const n = i + 1;
                return (
                  <tr key={i}>
                    <td>
                      <input
                        id={`precio-${i}-tipo`}
                        aria-label={`Tipo de equipo, fila ${n}`}
                        aria-invalid={e?.type ? true : undefined}
                        aria-describedby={e?.type ? `precio-${i}-tipo-error` : undefined}
                        value={r.type}
                        maxLength={90}
                        autoComplete="off"
                        onChange={(ev) => edit(i, { type: ev.target.value })}
                      />
                      {e?.type && (
                        <div id={`precio-${i}-tipo-error`} className="field-error">
                          {e.type}
                        </div>
                      )}
                    </td>
                    <td>
                      <input
                        id={`precio-${i}-valor`}
                        aria-label={`Precio en dólares, fila ${n}`}
                        aria-invalid={e?.dollars ? true : undefined}
                        aria-describedby={e?.dollars ? `precio-${i}-valor-error` : undefined}
                        inputMode="decimal"
                        placeholder="0,00"
                        value={r.dollars}
                        autoComplete="off"
                        onChange={(ev) => edit(i, { dollars: ev.target.value })}
                      />
                      {e?.dollars && (
                        <div id={`precio-${i}-valor-error`} className="field-error">
                          {e.dollars}
                        </div>
                      )}
                    </td>
                    <td>
                      <button type="button" className="btn" aria-label={`Quitar la fila ${n}${r.type ? ` (${r.type})` : ''}`} onClick={() => { setErrors({}); setSaved(null); setRows((rs) => rs.filter((_, j) => j !== i)); }}>
                        Quitar
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" className="btn" onClick={() => setRows((rs) => [...rs, BLANK])}>
              Agregar tipo de equipo
            </button>
            <button type="submit" className="btn btn-primary">
              Guardar precios
            </button>
          </div>
        </fieldset>
      )}
    </form>
  );
}
