import { useState, type FormEvent } from 'react';
import { authSignIn } from '../../../../shared/contracts/auth';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { useApp } from '../../store/app';
import { signedIn } from './session';

/**
 * Every refusal reads the same whether or not the name exists (the main process sees to that), so the
 * next step is added to all of them alike.
 */
export const SIGN_IN_NEXT_STEP = 'Revise la contraseña (mayúsculas) o pida a un administrador que la restablezca.';

/** The sign-in form; from the lock screen (`onCancel`) it lets another person in instead of the one who locked it. */
export function SignIn({ onCancel }: { onCancel?: () => void } = {}) {
  const info = useApp((s) => s.info);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await invoke(authSignIn, { username, password });
    setBusy(false);
    if (!r.ok) {
      setPassword('');
      return setError(r.error.kind === 'refused' ? { ...r.error, message: `${r.error.message} ${SIGN_IN_NEXT_STEP}` } : r.error);
    }
    signedIn(r.value);
  }

  return (
    <main className="center-page">
      <form noValidate className="panel narrow" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">{onCancel ? 'Ingresar con otro usuario' : 'Recupera'}</h1>
        <p className="muted">
          Recuperación de equipos · {info?.station?.office} · estación <strong>{info?.station?.code}</strong>
        </p>
        <ErrorBox error={error} />
        <Field label="Usuario">
          {(id) => <input id={id} value={username} autoFocus autoComplete="username" onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label="Contraseña">
          {(id) => <input id={id} type="password" value={password} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Verificando…' : 'Ingresar'}
          </button>
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel}>
              Volver
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
