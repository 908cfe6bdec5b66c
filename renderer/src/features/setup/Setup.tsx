import { useState, type FormEvent } from 'react';
import { setupAdmin, setupInit, type SessionUser } from '../../../../shared/contracts/app';
import type { AppError } from '../../../../shared/result';
import { normalizeStationCode } from '../../../../shared/station';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { useApp } from '../../store/app';
import { RecoveryKeyStep } from './RecoveryKey';

function AdminFields(props: {
  v: { fullName: string; username: string; password: string; confirm: string };
  set: (k: 'fullName' | 'username' | 'password' | 'confirm', value: string) => void;
  errors: Record<string, string>;
}) {
  const { v, set, errors } = props;
  return (
    <fieldset>
      <legend>Primer usuario (Administrador)</legend>
      <Field label="Nombre completo" error={errors['admin.fullName'] ?? errors.fullName}>
        {(id, d) => <input id={id} aria-describedby={d} value={v.fullName} onChange={(e) => set('fullName', e.target.value)} autoComplete="name" />}
      </Field>
      <Field label="Usuario" error={errors['admin.username'] ?? errors.username} hint="Sin espacios ni tildes, por ejemplo mlopez.">
        {(id, d) => <input id={id} aria-describedby={d} value={v.username} onChange={(e) => set('username', e.target.value)} autoComplete="username" />}
      </Field>
      <div className="row">
        <Field label="Contraseña" error={errors['admin.password'] ?? errors.password} hint="Al menos 8 caracteres.">
          {(id, d) => (
            <input id={id} aria-describedby={d} type="password" value={v.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" />
          )}
        </Field>
        <Field label="Repita la contraseña" error={errors.confirm}>
          {(id, d) => (
            <input id={id} aria-describedby={d} type="password" value={v.confirm} onChange={(e) => set('confirm', e.target.value)} autoComplete="new-password" />
          )}
        </Field>
      </div>
    </fieldset>
  );
}

/** First run: station, office and the first administrator. The CLI twin is `iniciar`. */
export function Setup({ adminOnly }: { adminOnly: boolean }) {
  const { setUser } = useApp();
  const [station, setStation] = useState({ stationCode: '', office: '', regional: '', city: '' });
  const [central, setCentral] = useState(false);
  const [admin, setAdmin] = useState({ fullName: '', username: '', password: '', confirm: '' });
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // Once the station exists: its recovery key is shown before the app opens.
  const [made, setMade] = useState<{ recoveryKey: string; user: SessionUser | null } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (admin.password !== admin.confirm) {
      setError({ kind: 'validation', message: 'Las contraseñas no coinciden.', fields: { confirm: 'No coincide.' } });
      return;
    }
    setBusy(true);
    const adminInput = { fullName: admin.fullName, username: admin.username, password: admin.password };
    const r = adminOnly
      ? await invoke(setupAdmin, adminInput)
      : await invoke(setupInit, { ...station, admin: adminInput, ...(central ? { central: true } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if ('recoveryKey' in r.value) setMade({ recoveryKey: r.value.recoveryKey, user: r.value.user });
    else setUser(r.value);
  }

  if (made) return <RecoveryKeyStep recoveryKey={made.recoveryKey} onDone={() => setUser(made.user)} />;

  const code = normalizeStationCode(station.stationCode);
  return (
    <main className="center-page">
      <form noValidate className="panel narrow" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">Configuración inicial de Recupera</h1>
        <p>Esta computadora se registra una sola vez. El código de estación identifica a este puesto en todo el país y encabeza cada número de acta.</p>
        <ErrorBox error={error} />
        {!adminOnly && (
          <fieldset>
            <legend>Estación</legend>
            <Field
              label="Código de estación"
              error={error?.fields?.stationCode}
              hint={code ? `Se guardará como ${code}` : 'Por ejemplo UIO-INAQUITO-01 (ciudad, oficina, número de puesto).'}
            >
              {(id, d) => (
                <input id={id} aria-describedby={d} value={station.stationCode} autoFocus onChange={(e) => setStation({ ...station, stationCode: e.target.value })} />
              )}
            </Field>
            <Field label="Oficina" error={error?.fields?.office} hint="Nombre del CAC u oficina, por ejemplo CAC Iñaquito.">
              {(id, d) => <input id={id} aria-describedby={d} value={station.office} onChange={(e) => setStation({ ...station, office: e.target.value })} />}
            </Field>
            <div className="row">
              <Field label="Regional">
                {(id) => <input id={id} value={station.regional} onChange={(e) => setStation({ ...station, regional: e.target.value })} />}
              </Field>
              <Field label="Ciudad">
                {(id) => <input id={id} value={station.city} onChange={(e) => setStation({ ...station, city: e.target.value })} />}
              </Field>
            </div>
            <label className="radio">
              <input type="checkbox" checked={central} onChange={(e) => setCentral(e.target.checked)} /> Esta computadora es la central de Posventa (registra a
              las oficinas y firma las actualizaciones nacionales)
            </label>
          </fieldset>
        )}
        <AdminFields v={admin} set={(k, value) => setAdmin({ ...admin, [k]: value })} errors={error?.fields ?? {}} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Guardando…' : 'Comenzar'}
        </button>
      </form>
    </main>
  );
}
