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
      confirmLabel="Sí, cerrar sesión (Enter)"
      cancelLabel="Seguir registrando (Esc)"
      onConfirm={() => void signOutNow()}
      onCancel={close}
    >
      <p>
        Hay una entrega sin guardar para {customer}. ¿Cerrar sesión y descartarla?
      </p>
    </ConfirmDialog>
  );
}
