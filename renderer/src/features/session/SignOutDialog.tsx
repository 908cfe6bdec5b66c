import { ConfirmDialog } from '../../components/ConfirmDialog';
import { signOutNow, useSignOutAsk } from './session';

/** Asks before signing out throws away a handover in progress. */
export function SignOutDialog() {
  const customer = useSignOutAsk((s) => s.customer);
  const close = useSignOutAsk((s) => s.close);
  if (customer === null) return null;
  return (
    <ConfirmDialog
      role="alertdialog"
      title="¿Cerrar sesión?"
      confirmLabel="Sí, cerrar sesión"
      cancelLabel="Seguir registrando (Enter o Esc)"
      // Confirming throws the handover away: Enter keeps it, as the desk's own discard question does.
      enter="cancel"
      onConfirm={() => void signOutNow()}
      onCancel={close}
    >
      <p>
        Hay una entrega sin guardar para {customer}. ¿Cerrar sesión y descartarla?
      </p>
    </ConfirmDialog>
  );
}
