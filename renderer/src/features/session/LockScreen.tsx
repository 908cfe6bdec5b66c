import { useState, type FormEvent } from 'react';
import { authUnlock } from '../../../../shared/contracts/auth';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useApp } from '../../store/app';
import { unlocked, unsavedHandoverFor } from './session';
import { SignIn } from './SignIn';

/**
 * Covers the window while the session is locked: only who is signed in and the password field.
 * Another person may sign in instead; a handover in progress is then lost, so that is asked first
 * (naming whose work it is, never the customer: the screen is locked).
 */
export function LockScreen() {
  const user = useApp((s) => s.info?.user);
  const refresh = useApp((s) => s.refresh);
  const [mode, setMode] = useState<'unlock' | 'ask' | 'other'>('unlock');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  if (mode === 'other') return <SignIn onCancel={() => setMode('unlock')} />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await invoke(authUnlock, { password });
    setBusy(false);
    setPassword('');
    if (r.ok) return unlocked(r.value);
    setError(r.error);
    // The session may have ended meanwhile (the browser-mode server restarted): then it is the sign-in page.
    await refresh();
  }

  function otherUser() {
    setMode(unsavedHandoverFor() ? 'ask' : 'other');
  }

  return (
    <main className="center-page lock-screen">
      <form noValidate className="panel narrow" onSubmit={submit} aria-labelledby="lock-title">
        <h1 id="lock-title">Pantalla bloqueada</h1>
        <p>
          Sesión de <strong>{user?.fullName}</strong> ({user?.username}). Escriba su contraseña para continuar donde estaba.
        </p>
        <ErrorBox error={error} />
        <Field label="Contraseña">
          {(id) => <input id={id} type="password" value={password} autoFocus autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || password.length === 0}>
            {busy ? 'Verificando…' : 'Desbloquear'}
          </button>
          <button type="button" className="btn" onClick={otherUser}>
            Ingresar con otro usuario
          </button>
        </div>
      </form>
      {mode === 'ask' && (
        <ConfirmDialog
          role="alertdialog"
          title="¿Ingresar con otro usuario?"
          confirmLabel="Sí, ingresar con otro usuario"
          cancelLabel="Volver (Enter o Esc)"
          // Confirming throws the handover away: Enter keeps it.
          enter="cancel"
          onConfirm={() => setMode('other')}
          onCancel={() => setMode('unlock')}
        >
          <p>Hay una entrega sin guardar de {user?.fullName}. Si ingresa otra persona, se descartará.</p>
        </ConfirmDialog>
      )}
    </main>
  );
}
