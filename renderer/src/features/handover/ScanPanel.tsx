import type { FormEvent, KeyboardEvent } from 'react';
import type { CustomerCard } from '../../../../shared/contracts/customers';
import { FIELD_LIMITS } from '../../../../shared/fieldLimits';
import { Field } from '../../components/common';
import type { HandoverForm } from './useHandoverForm';

/** The scanner's box, what the last scan found, and the form for an item the base did not list. */
export function ScanPanel({ form, customer, outOfBase }: { form: HandoverForm; customer: CustomerCard | null; outOfBase: boolean }) {
  const { state, dispatch, scanRef } = form;
  const { notice, pendingSerial, extra } = state;

  function onScanKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void form.scanSerial();
  }

  function onAdd(e: FormEvent) {
    e.preventDefault();
    form.addUnexpected();
  }

  const setExtra = (patch: Partial<typeof extra>) => dispatch({ type: 'extraChanged', patch });
  return (
    <section className="panel">
      <label htmlFor="scan" className="search-label">
        Escanee o escriba la serie y pulse Enter
      </label>
      <input
        id="scan"
        ref={scanRef}
        className="search-box"
        value={state.scan}
        autoFocus={!outOfBase}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => dispatch({ type: 'scanTyped', text: e.target.value })}
        onKeyDown={onScanKey}
      />
      {notice && (
        <p className={`alert alert-${notice.tone === 'ok' ? 'ok' : notice.tone === 'warn' ? 'warn' : 'error'}`} role="status">
          {notice.text}
        </p>
      )}
      {pendingSerial !== null && (
        <form noValidate className="extra" onSubmit={onAdd} aria-label="Equipo no listado en la base">
          <div className="row">
            <Field label="Tipo de equipo">{(id) => <input id={id} value={extra.type} maxLength={FIELD_LIMITS.equipmentType} autoFocus onChange={(e) => setExtra({ type: e.target.value })} />}</Field>
            <Field label="Marca">{(id) => <input id={id} value={extra.brand} maxLength={FIELD_LIMITS.brand} onChange={(e) => setExtra({ brand: e.target.value })} />}</Field>
            <Field label="Modelo">{(id) => <input id={id} value={extra.model} maxLength={FIELD_LIMITS.model} onChange={(e) => setExtra({ model: e.target.value })} />}</Field>
          </div>
          <div className="row">
            {customer && (
              <Field label="Servicio">
                {(id) => (
                  <select id={id} value={extra.serviceId} onChange={(e) => setExtra({ serviceId: e.target.value })}>
                    {customer.services.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.serviceNumber} · {s.businessLine ?? ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label="Nota (obligatoria)">{(id) => <input id={id} value={extra.note} maxLength={FIELD_LIMITS.itemNote} onChange={(e) => setExtra({ note: e.target.value })} />}</Field>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              Agregar equipo no listado
            </button>
            <button type="button" className="btn" onClick={() => dispatch({ type: 'unexpectedClosed' })}>
              No agregar
            </button>
          </div>
        </form>
      )}
      {pendingSerial === null && (
        <button type="button" className="btn btn-small" onClick={() => dispatch({ type: 'unexpectedAsked', serial: '' })}>
          Agregar equipo sin serie o no listado
        </button>
      )}
    </section>
  );
}
