import type { CustomerCard } from '../../../../shared/contracts/customers';
import { conditionLabel } from '../../../../shared/handover';
import { printedText as asPrinted } from '../../../../shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { HandoverForm } from './useHandoverForm';

/** The one confirmation before an acta is issued: what is being received, from whom, and that it cannot be edited later. */
export function SaveHandoverDialog({ form, customer }: { form: HandoverForm; customer: CustomerCard | null }) {
  const { state, chosen } = form;
  return (
    <ConfirmDialog
      title="¿Guardar el acta?"
      busy={state.busy}
      confirmLabel={state.busy ? 'Guardando…' : 'Sí, guardar (Enter)'}
      cancelLabel="Volver (Esc)"
      onConfirm={() => void form.save()}
      onCancel={() => {
        form.dispatch({ type: 'confirmClosed' });
        form.focusScan();
      }}
    >
      <p>
        {chosen.length} equipo{chosen.length === 1 ? '' : 's'} de {customer?.name ?? asPrinted(state.holder.name)}. Entrega:{' '}
        {state.deliveredBy === 'TITULAR' ? 'el titular' : `tercero ${asPrinted(state.third.name)} (${state.third.identification.trim()})`}. Un acta guardada no se edita: solo un coordinador puede anularla.
      </p>
      <ul>
        {chosen.map((l) => (
          <li key={l.key}>
            {asPrinted(`${l.type} ${l.brand} ${l.model}`)} · serie {l.serial || 'S/N'} · {conditionLabel(l.condition)}
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
