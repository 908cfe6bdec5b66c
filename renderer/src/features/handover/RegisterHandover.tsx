import type { KeyboardEvent } from 'react';
import { FIELD_LIMITS } from '../../../../shared/fieldLimits';
import { ErrorBox, Field, Kbd } from '../../components/common';
import { DeliveredBy } from './DeliveredBy';
import { HandoverItems } from './HandoverItems';
import { OutOfBaseHolder } from './OutOfBaseHolder';
import { SaveHandoverDialog } from './SaveHandoverDialog';
import { ScanPanel } from './ScanPanel';
import { useAttend } from './store';
import { useHandoverForm } from './useHandoverForm';
import { useLeave } from './useLeave';

/** Registrar entrega: tick what came back (a scanned serial ticks its item), who delivered, save. */
export function RegisterHandover() {
  const customer = useAttend((s) => s.customer);
  const outOfBase = useAttend((s) => s.outOfBase);
  const leave = useLeave();
  const form = useHandoverForm(customer);
  const { state, dispatch } = form;
  const listed = customer?.services.flatMap((sv) => sv.items) ?? [];
  const allReturned = listed.length > 0 && listed.every((i) => i.returnedIn);

  function onFormKey(e: KeyboardEvent) {
    if (e.key === 'Escape' && state.confirming) {
      // The dialog answers Esc itself; this is for a key pressed while it had lost the focus.
      e.preventDefault();
      dispatch({ type: 'confirmClosed' });
      form.focusScan();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!state.confirming) form.requestConfirm();
    } else if (e.key === 'Escape' && state.pendingSerial !== null) {
      // Esc closes the inner form first, never the whole handover.
      e.preventDefault();
      dispatch({ type: 'unexpectedClosed' });
      form.focusScan();
    } else if (e.key === 'Escape') {
      leave('search');
    }
  }

  return (
    <div className="page" onKeyDown={onFormKey}>
      <h1>Registrar entrega{customer ? ` · ${customer.name ?? ''}` : ' · cliente fuera de base'}</h1>
      <ErrorBox error={state.error} />
      {outOfBase && <OutOfBaseHolder form={form} />}
      <ScanPanel form={form} customer={customer} outOfBase={outOfBase} />
      <HandoverItems form={form} allReturned={allReturned} />
      <section className="panel">
        <DeliveredBy form={form} />
        {/* The limit is the contract's: past it the main process refused the whole acta with a message that named no field. */}
        <Field label="Observaciones" error={state.error?.fields?.observations}>
          {(id, describedBy) => (
            <textarea
              id={id}
              rows={3}
              maxLength={FIELD_LIMITS.observations}
              aria-describedby={describedBy}
              value={state.observations}
              onChange={(e) => dispatch({ type: 'observationsChanged', text: e.target.value })}
            />
          )}
        </Field>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={form.requestConfirm}>
            Guardar y generar acta <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>
          </button>
          <button type="button" className="btn" onClick={() => leave('search')}>
            Cancelar (Esc)
          </button>
        </div>
      </section>
      {state.confirming && <SaveHandoverDialog form={form} customer={customer} />}
    </div>
  );
}
