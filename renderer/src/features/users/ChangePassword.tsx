import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../../shared/contracts/app';
import { usersChangeOwnPassword } from '../../../../shared/contracts/users';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox, Field } from '../../components/common';
import { useApp } from '../../store/app';

/** Current, new and repeated password; the repetition is compared here, the rest in the main process. */
function usePasswordForm(onDone: (user: SessionUser) => void) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  async function submit() {
    if (next !== repeat) {
      return setError({ kind: 'validation', message: 'La nueva contraseña y su repetición no coinciden.', fields: { repeat: 'No coincide.' } });
    }
    setBusy(true);
    const r = await invoke(usersChangeOwnPassword, { currentPassword: current, newPassword: next });
    setBusy(false);
    if (!r.ok) {
      setCurrent('');
      return setError(r.error);
    }
    setError(null);
    onDone(r.value);
  }

  const fields = (
    <>
      <ErrorBox error={error} />
      <Field label="Contraseña actual" error={error?.fields?.currentPassword}>
        {(id) => <input id={id} ref={first} type="password" autoComplete="current-password" autoFocus value={current} onChange={(e) => setCurrent(e.target.value)} />}
      </Field>
      <Field label="Nueva contraseña" error={error?.fields?.newPassword} hint="Al menos 8 caracteres, distinta de la actual.">
        {(id, d) => <input id={id} aria-describedby={d} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
      </Field>
      <Field label="Repita la nueva contraseña" error={error?.fields?.repeat}>
        {(id) => <input id={id} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
      </Field>
    </>
  );
  return { fields, submit, busy, first };
}

/**
 * After signing in with a temporary password: the only screen until the user chooses their own
 * (the main process refuses every other call meanwhile). They may also leave.
 */
export function ForcedPasswordChange() {
  const user = useApp((s) => s.info?.user);
  const setUser = useApp((s) => s.setUser);
  const signOut = useApp((s) => s.signOut);
  const form = usePasswordForm(setUser);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit();
  }

  return (
    <main className="center-page">
      <form noValidate className="panel narrow" onSubmit={onSubmit} aria-labelledby="forced-password-title">
        <h1 id="forced-password-title">Cambie su contraseña</h1>
        <p>
          {user?.fullName}, su contraseña es temporal. Escriba la que le entregaron y elija una propia que solo usted conozca.
        </p>
        {form.fields}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            {form.busy ? 'Guardando…' : 'Guardar contraseña'}
          </button>
          <button type="button" className="btn" onClick={() => void signOut()}>
            Salir
          </button>
        </div>
      </form>
    </main>
  );
}

/** The dialog's own component: each opening starts with empty fields. */
function ChangeOwnPasswordDialog({ onClose }: { onClose: () => void }) {
  const [done, setDone] = useState(false);
  const setUser = useApp((s) => s.setUser);
  const form = usePasswordForm((u) => {
    setUser(u);
    setDone(true);
  });
  // After the dialog's own focus (its confirm button): the user starts by typing.
  useEffect(() => form.first.current?.focus(), [form.first]);
  if (done) {
    return (
      <ConfirmDialog title="Contraseña cambiada" confirmLabel="Aceptar" cancelLabel="Cerrar" onConfirm={onClose} onCancel={onClose}>
        <p role="status">Desde ahora ingrese con su nueva contraseña.</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title="Cambiar mi contraseña"
      confirmLabel={form.busy ? 'Guardando…' : 'Guardar contraseña'}
      cancelLabel="Cancelar"
      busy={form.busy}
      onConfirm={() => void form.submit()}
      onCancel={onClose}
    >
      {form.fields}
    </ConfirmDialog>
  );
}

/** «Cambiar mi contraseña» in the header, for every user. */
export function ChangeOwnPasswordButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Cambiar mi contraseña
      </button>
      {open && <ChangeOwnPasswordDialog onClose={() => setOpen(false)} />}
    </>
  );
}
