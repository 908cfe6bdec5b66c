import { useState } from 'react';
import { usersDeactivate, usersReactivate, usersResetPassword, usersUpdate, type UserSummary } from '../../../../shared/contracts/users';
import type { AppError } from '../../../../shared/result';
import { roleLabel, type Role } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox, Field } from '../../components/common';

interface DialogProps {
  user: UserSummary;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** Name, cédula and role; the role list holds only what the caller may give (plus the current one, shown as is). */
export function EditUserDialog({ user, roles, onDone, onCancel }: DialogProps & { roles: Role[] }) {
  const [fullName, setFullName] = useState(user.fullName);
  const [role, setRole] = useState<Role>(user.role);
  const [identification, setIdentification] = useState(user.identification ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const offered = roles.includes(user.role) ? roles : [user.role, ...roles];

  async function save() {
    setBusy(true);
    const r = await invoke(usersUpdate, { userId: user.id, fullName, role, identification });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(`Cambios de ${r.value.username} guardados.`);
  }

  return (
    <ConfirmDialog title={`Editar a ${user.fullName}`} confirmLabel={busy ? 'Guardando…' : 'Guardar cambios'} cancelLabel="Cancelar" busy={busy} onConfirm={() => void save()} onCancel={onCancel}>
      <ErrorBox error={error} />
      <p className="muted">
        Usuario <span className="mono">{user.username}</span> (no se cambia).
      </p>
      <Field label="Nombre completo" error={error?.fields?.fullName}>
        {(id) => <input id={id} value={fullName} onChange={(e) => setFullName(e.target.value)} />}
      </Field>
      <Field label="Cédula" error={error?.fields?.identification} hint="Se imprime bajo la firma de quien recibe en las actas. Déjela vacía si no la tiene.">
        {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" maxLength={13} value={identification} onChange={(e) => setIdentification(e.target.value)} />}
      </Field>
      <Field label="Perfil" error={error?.fields?.role}>
        {(id) => (
          <select id={id} value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={roles.length <= 1 && roles[0] === user.role}>
            {offered.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </ConfirmDialog>
  );
}

/** Deactivate or reactivate, asked first: a deactivated user cannot sign in, their records keep their name. */
export function ToggleActiveDialog({ user, onDone, onCancel }: DialogProps) {
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const deactivating = user.active;

  async function confirm() {
    setBusy(true);
    const r = await invoke(deactivating ? usersDeactivate : usersReactivate, { userId: user.id });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(`Se ${deactivating ? 'desactivó' : 'reactivó'} el usuario ${r.value.username} (${r.value.fullName}).`);
  }

  return (
    <ConfirmDialog
      role="alertdialog"
      title={deactivating ? `¿Desactivar a ${user.fullName}?` : `¿Reactivar a ${user.fullName}?`}
      confirmLabel={deactivating ? 'Sí, desactivar' : 'Sí, reactivar'}
      cancelLabel="Cancelar"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <ErrorBox error={error} />
      <p>
        {deactivating
          ? 'No podrá ingresar a Recupera. Las actas y registros que hizo conservan su nombre. Puede reactivarlo después.'
          : 'Podrá ingresar de nuevo con su contraseña de siempre.'}
      </p>
    </ConfirmDialog>
  );
}

/**
 * A temporary password: generated (readable, three groups of four) or typed by the coordinator.
 * Shown once, large, to hand over; the user must change it at their next sign-in.
 */
export function ResetPasswordDialog({ user, onDone, onCancel }: DialogProps) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function reset() {
    setBusy(true);
    const r = await invoke(usersResetPassword, typed ? { userId: user.id, password: typed } : { userId: user.id });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    // A refusal of an earlier typed password is over: left here it would sit above the new password.
    setError(null);
    setTemporary(r.value.temporaryPassword);
  }

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setError({ kind: 'internal', message: 'No se pudo copiar. Anote la contraseña a mano.' });
    }
  }

  if (temporary !== null) {
    const done = () => onDone(`Contraseña temporal de ${user.username} lista: deberá cambiarla al ingresar.`);
    return (
      // A key of its own: React would otherwise reuse the question's dialog, whose focus was set once
      // (and lost when its button was disabled while waiting), leaving the focus outside the modal.
      <ConfirmDialog
        key="temporary"
        title={`Contraseña temporal de ${user.fullName}`}
        confirmLabel="Listo, ya la anoté"
        cancelLabel="Cerrar"
        onConfirm={done}
        onCancel={done}
      >
        <ErrorBox error={error} />
        <p>Entréguela a {user.fullName}. No se volverá a mostrar; al ingresar deberá elegir una propia.</p>
        <output className="mono" style={{ display: 'block', fontSize: '2rem', fontWeight: 700, textAlign: 'center', margin: '1rem 0' }} aria-label="Contraseña temporal">
          {temporary}
        </output>
        <div className="actions center">
          <button type="button" className="btn" onClick={() => void copy(temporary)}>
            {copied ? 'Copiada' : 'Copiar'}
          </button>
        </div>
      </ConfirmDialog>
    );
  }

  return (
    <ConfirmDialog
      role="alertdialog"
      title={`¿Restablecer la contraseña de ${user.fullName}?`}
      confirmLabel={busy ? 'Restableciendo…' : 'Restablecer'}
      cancelLabel="Cancelar"
      busy={busy}
      onConfirm={() => void reset()}
      onCancel={onCancel}
    >
      <ErrorBox error={error} />
      <p>Su contraseña actual dejará de servir. Recupera genera una temporal, o escriba usted una.</p>
      <Field label="Contraseña temporal (opcional)" error={error?.fields?.password} hint="Déjela vacía para que Recupera genere una.">
        {(id, d) => <input id={id} aria-describedby={d} type="text" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />}
      </Field>
    </ConfirmDialog>
  );
}
