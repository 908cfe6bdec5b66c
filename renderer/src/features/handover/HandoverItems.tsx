import { useState } from 'react';
import { accessoriesFor, accessoryLabel, CONDITIONS, conditionLabel, type Condition } from '../../../../shared/handover';
import { FIELD_LIMITS } from '../../../../shared/fieldLimits';
import type { Line } from './handoverForm';
import type { HandoverForm } from './useHandoverForm';

/** What a row's closed accessories-and-note part holds, said beside its button. */
function extrasSummary(l: Line): string {
  const parts = l.accessories.map(accessoryLabel);
  if (l.note.trim()) parts.push(`nota: ${l.note.trim()}`);
  return parts.join(' · ');
}

/**
 * One item: ticked, its condition, then a button that opens its accessories and note. Three stops
 * per row, so the keyboard reaches the next item's condition in four Tabs; only the accessories
 * that make sense for the item's type are offered.
 */
function ItemRow({ form, l }: { form: HandoverForm; l: Line }) {
  const { state, dispatch } = form;
  const [open, setOpen] = useState(false);
  const what = `${l.type} ${l.serial || 'sin serie'}`;
  const extrasId = `extras-${l.key}`;
  const summary = extrasSummary(l);
  return (
    <tr className={l.checked ? 'checked' : ''}>
      <td>
        <input
          type="checkbox"
          checked={l.checked}
          aria-label={`Recibido ${what}`}
          aria-describedby={state.itemsError ? 'items-error' : undefined}
          onChange={(e) => dispatch({ type: 'lineChanged', key: l.key, patch: { checked: e.target.checked } })}
        />
      </td>
      <td>
        {l.type} {l.brand} {l.model}
        <div className="muted">
          Servicio {l.serviceNumber}
          {l.unexpected ? ' · no listado en la base' : ''}
        </div>
      </td>
      <td className="mono">{l.serial || 'S/N'}</td>
      <td>
        <select
          aria-label={`Estado de ${l.type} ${l.serial}`}
          value={l.condition}
          onChange={(e) => dispatch({ type: 'lineChanged', key: l.key, patch: { condition: e.target.value as Condition } })}
        >
          {CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {conditionLabel(c)}
            </option>
          ))}
        </select>
      </td>
      <td className="accessories">
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={open}
          aria-controls={open ? extrasId : undefined}
          aria-label={`Accesorios y nota de ${what}`}
          onClick={() => setOpen((o) => !o)}
        >
          Accesorios y nota
        </button>
        {!open && summary && <div className="muted">{summary}</div>}
        {open && (
          <div id={extrasId} className="extras">
            {accessoriesFor(l.type).map((a) => (
              <label key={a}>
                <input
                  type="checkbox"
                  checked={l.accessories.includes(a)}
                  onChange={(e) =>
                    dispatch({
                      type: 'lineChanged',
                      key: l.key,
                      patch: { accessories: e.target.checked ? [...l.accessories, a] : l.accessories.filter((x) => x !== a) },
                    })
                  }
                />{' '}
                {accessoryLabel(a)}
              </label>
            ))}
            <input aria-label={`Nota de ${l.type} ${l.serial}`} placeholder="Nota" maxLength={FIELD_LIMITS.itemNote} value={l.note} onChange={(e) => dispatch({ type: 'lineChanged', key: l.key, patch: { note: e.target.value } })} />
          </div>
        )}
      </td>
    </tr>
  );
}

/**
 * Every item the customer may return: ticked or not, its condition, accessories and a note.
 * `allReturned`: the base listed items for this customer and every one already came back, so an
 * empty list is not taken for a fault.
 */
export function HandoverItems({ form, allReturned }: { form: HandoverForm; allReturned: boolean }) {
  const { state, chosen, itemsRef } = form;
  return (
    <section className="panel">
      <h2>Equipos ({chosen.length} {chosen.length === 1 ? 'marcado' : 'marcados'})</h2>
      {state.lines.length === 0 &&
        (allReturned ? (
          <p className="alert alert-warn">
            Este cliente ya entregó todos los equipos que lista la base: no queda ninguno por recibir. Si trae otro equipo, escanee su serie o agréguelo como no listado.
          </p>
        ) : (
          <p className="muted">Escanee o agregue los equipos que entrega el cliente.</p>
        ))}
      {state.itemsError && (
        <p id="items-error" className="field-error">
          {state.itemsError}
        </p>
      )}
      <table className="table items" ref={itemsRef}>
        <thead>
          <tr>
            <th scope="col">Recibido</th>
            <th scope="col">Equipo</th>
            <th scope="col">Serie</th>
            <th scope="col">Estado</th>
            <th scope="col">Accesorios y nota</th>
          </tr>
        </thead>
        <tbody>
          {state.lines.map((l) => (
            <ItemRow key={l.key} form={form} l={l} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
