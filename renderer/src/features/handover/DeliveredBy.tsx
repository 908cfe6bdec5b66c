import { FIELD_LIMITS } from '../../../../shared/fieldLimits';
import { Field } from '../../components/common';
import { ThirdPartyDocuments } from './ThirdPartyDocuments';
import type { HandoverForm } from './useHandoverForm';

/** Who brings the items: the holder, or a third party with the holder's letter and cédula. */
export function DeliveredBy({ form }: { form: HandoverForm }) {
  const { state, dispatch, thirdIdRef, thirdNameRef, thirdDocsRef } = form;
  const { deliveredBy, third, error, thirdErrors } = state;
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
            <Field label="Identificación de quien entrega" error={thirdErrors.identification ?? error?.fields?.['thirdParty.identification']}>
              {(id, describedBy) => (
                <input
                  id={id}
                  ref={thirdIdRef}
                  maxLength={FIELD_LIMITS.identification}
                  value={third.identification}
                  aria-describedby={describedBy}
                  aria-invalid={thirdErrors.identification ? true : undefined}
                  onChange={(e) => setThird({ identification: e.target.value })}
                />
              )}
            </Field>
            <Field label="Nombre de quien entrega" error={thirdErrors.name ?? error?.fields?.['thirdParty.name']}>
              {(id, describedBy) => (
                <input
                  id={id}
                  ref={thirdNameRef}
                  value={third.name}
                  aria-describedby={describedBy}
                  aria-invalid={thirdErrors.name ? true : undefined}
                  onChange={(e) => setThird({ name: e.target.value })}
                />
              )}
            </Field>
          </div>
          <label className="radio">
            <input
              type="checkbox"
              ref={thirdDocsRef}
              checked={third.documentsReceived}
              aria-describedby={thirdErrors.documentsReceived ? 'third-docs-error' : undefined}
              aria-invalid={thirdErrors.documentsReceived ? true : undefined}
              onChange={(e) => setThird({ documentsReceived: e.target.checked })}
            />{' '}
            Recibí la carta de autorización y la copia de cédula del titular
          </label>
          {thirdErrors.documentsReceived && (
            <div id="third-docs-error" className="field-error">
              {thirdErrors.documentsReceived}
            </div>
          )}
          <ThirdPartyDocuments value={state.thirdDocuments} disabled={state.busy} onChange={(documents) => dispatch({ type: 'thirdDocumentsChanged', documents })} />
        </>
      )}
    </fieldset>
  );
}
