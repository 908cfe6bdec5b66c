import { ACCESSORIES, accessoryLabel, CONDITIONS, conditionLabel, type Condition } from '../../../../shared/handover';
import type { HandoverForm } from './useHandoverForm';

/** Every item the customer may return: ticked or not, its condition, accessories and a note. */
export function HandoverItems({ form }: { form: HandoverForm }) {
  const { state, dispatch, chosen, itemsRef } = form;
  return (
    <section className="panel">
      <h2>Equipos ({chosen.length} marcados)</h2>
      {state.lines.length === 0 && <p className="muted">Escanee o agregue los equipos que entrega el cliente.</p>}
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
            <th scope="col">Accesorios</th>
            <th scope="col">Nota</th>
          </tr>
        </thead>
        <tbody>
          {state.lines.map((l) => (
            <tr key={l.key} className={l.checked ? 'checked' : ''}>
              <td>
                <input
                  type="checkbox"
                  checked={l.checked}
                  aria-label={`Recibido ${l.type} ${l.serial || 'sin serie'}`}
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
                {ACCESSORIES.map((a) => (
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
              </td>
              <td>
                <input aria-label={`Nota de ${l.type} ${l.serial}`} value={l.note} onChange={(e) => dispatch({ type: 'lineChanged', key: l.key, patch: { note: e.target.value } })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
