import { Field } from '../../components/common';
import type { HandoverForm } from './useHandoverForm';

/** The holder and service of a customer the base does not have, typed by hand. */
export function OutOfBaseHolder({ form }: { form: HandoverForm }) {
  const { state, dispatch } = form;
  const { holder, error } = state;
  const set = (patch: Partial<typeof holder>) => dispatch({ type: 'holderChanged', patch });
  return (
    <fieldset className="panel">
      <legend>Titular y servicio (no están en la base)</legend>
      <div className="row">
        <Field label="Identificación del titular" error={error?.fields?.['outOfBase.identification']}>
          {(id) => <input id={id} value={holder.identification} autoFocus onChange={(e) => set({ identification: e.target.value })} />}
        </Field>
        <Field label="Apellidos y nombres del titular">{(id) => <input id={id} value={holder.name} onChange={(e) => set({ name: e.target.value })} />}</Field>
      </div>
      <div className="row">
        <Field label="Número de servicio">{(id) => <input id={id} value={holder.serviceNumber} onChange={(e) => set({ serviceNumber: e.target.value })} />}</Field>
        <Field label="Línea de negocio">
          {(id) => (
            <select id={id} value={holder.businessLine} onChange={(e) => set({ businessLine: e.target.value })}>
              <option value="">— Elegir —</option>
              <option>Internet Fijo</option>
              <option>Telefonía Fija</option>
              <option>Televisión</option>
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}
