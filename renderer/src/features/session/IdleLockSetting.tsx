import { useEffect, useState, type FormEvent } from 'react';
import { authIdleLock, authSetIdleLock, mayChangeIdleLock } from '../../../../shared/contracts/auth';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { useApp } from '../../store/app';
import { useIdleMinutes } from './useIdleLock';

/** Configuración: minutes without activity before the screen locks (a coordinator or an administrator sets them). */
export function IdleLockSetting() {
  const role = useApp((s) => s.info?.user?.role);
  const editable = role ? mayChangeIdleLock(role) : false;
  const [minutes, setMinutes] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void invoke(authIdleLock, {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setMinutes(r.value.minutes);
      setTyped(String(r.value.minutes));
    });
  }, []);

  // «Bloqueo guardado: 1 minuto.» under a box that now says 61 would claim what is not saved.
  function edit(value: string) {
    setTyped(value);
    setSaved(false);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const r = await invoke(authSetIdleLock, { minutes: Number(typed) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setMinutes(r.value.minutes);
    setTyped(String(r.value.minutes));
    useIdleMinutes.getState().set(r.value.minutes);
    setSaved(true);
  }

  return (
    <section className="panel" aria-labelledby="idle-lock-title">
      <h2 id="idle-lock-title">Bloqueo por inactividad</h2>
      <p className="muted">
        Tras este tiempo sin usar el teclado ni el ratón, la pantalla se bloquea y oculta los datos de los clientes; la misma persona vuelve con su
        contraseña, o ingresa otra.
      </p>
      <ErrorBox error={error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          Bloqueo guardado: {minutes} {minutes === 1 ? 'minuto' : 'minutos'}.
        </p>
      )}
      {editable ? (
        <form noValidate onSubmit={submit}>
          <Field label="Minutos sin actividad" hint="Entre 1 y 60." error={error?.fields?.minutes}>
            {(id, d) => <input id={id} aria-describedby={d} type="number" min={1} max={60} step={1} value={typed} onChange={(e) => edit(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn-primary">
            Guardar bloqueo
          </button>
        </form>
      ) : (
        minutes !== null && (
          <p>
            La pantalla se bloquea tras {minutes} {minutes === 1 ? 'minuto' : 'minutos'} sin actividad. Solo un coordinador o un administrador lo cambia.
          </p>
        )
      )}
    </section>
  );
}
