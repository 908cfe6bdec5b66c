import { Field } from '../../components/common';
import type { HandoverForm } from './useHandoverForm';

/** Who brings the items: the holder, or a third party with the holder's letter and cédula. */
export function DeliveredBy({ form }: { form: HandoverForm }) {
  const { state, dispatch } = form;
  const { deliveredBy, third, error } = state;
  const setThird = (patch: Partial<typeof third>) => dispatch({ type: 'thirdChanged', patch });
  return (
    <fieldset>
      <legend>¿Quién entrega?</legend>
      <label className="radio">
        <input type="radio" name="deliveredBy" checked={deliveredBy === 'TITULAR'} onChange={() => dispatch({ type: 'deliveredByChosen', deliveredBy: 'TITULAR' })} /> El titular
      </label>
      <label className="radio">
        <input type="radio" name="deliveredBy" checked={deliveredBy === 'TERCERO'} onChange={() => dispatch({ type: 'deliveredByChosen', deliveredBy: 'TERCERO' })} /> Un tercero con autorización
      </label>
      {deliveredBy === 'TERCERO' && (
        <>
          <div className="row">
            <Field label="Identificación de quien entrega" error={error?.fields?.['thirdParty.identification']}>
              {(id) => <input id={id} value={third.identification} onChange={(e) => setThird({ identification: e.target.value })} />}
            </Field>
            <Field label="Nombre de quien entrega">{(id) => <input id={id} value={third.name} onChange={(e) => setThird({ name: e.target.value })} />}</Field>
          </div>
          <label className="radio">
            <input type="checkbox" checked={third.documentsReceived} onChange={(e) => setThird({ documentsReceived: e.target.checked })} /> Recibí la carta de autorización y la copia de cédula del titular
          </label>
        </>
      )}
    </fieldset>
  );
}
