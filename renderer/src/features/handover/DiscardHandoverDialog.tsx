import { useApp } from '../../store/app';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAttend } from './store';

/** Asks before a handover in progress is thrown away (Esc, F2, or another screen while items are ticked). */
export function DiscardHandoverDialog() {
  const discardTo = useAttend((s) => s.discardTo);
  const keepEditing = useAttend((s) => s.keepEditing);
  const clear = useAttend((s) => s.clear);
  const go = useApp((s) => s.go);
  if (discardTo === null) return null;
  return (
    <ConfirmDialog
      role="alertdialog"
      title="¿Descartar la entrega que está registrando?"
      confirmLabel="Sí, descartar"
      cancelLabel="Seguir registrando (Enter o Esc)"
      enter="cancel"
      onConfirm={() => {
        clear();
        go(discardTo);
      }}
      onCancel={keepEditing}
    >
      <p>Lo marcado se perderá.</p>
    </ConfirmDialog>
  );
}
