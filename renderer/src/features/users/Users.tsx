import { useEffect, useState, type FormEvent } from 'react';
import { usersCreate, usersList } from '../../../../shared/contracts/app';
import type { OutputOf } from '../../../../shared/contracts/contract';
import type { AppError } from '../../../../shared/result';
import { ROLES, roleLabel, type Role } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';

/** Usuarios de la oficina: who can sign in at this station. */
export function Users() {
  const [users, setUsers] = useState<OutputOf<typeof usersList>>([]);
  const [form, setForm] = useState({ username: '', fullName: '', password: '', role: 'ASESOR' as Role });
  const [error, setError] = useState<AppError | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const load = () => void invoke(usersList, {}).then((r) => (r.ok ? setUsers(r.value) : setError(r.error)));
  useEffect(load, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(usersCreate, form);
    if (!r.ok) return setError(r.error);
    setError(null);
    setCreated(r.value.username);
    setForm({ username: '', fullName: '', password: '', role: 'ASESOR' });
    load();
  }

  return (
    <div className="page">
      <h1>Usuarios de la oficina</h1>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Usuario</th>
            <th scope="col">Perfil</th>
            <th scope="col">Estado</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.fullName}</td>
              <td className="mono">{u.username}</td>
              <td>{roleLabel(u.role)}</td>
              <td>{u.active ? 'Activo' : 'Inactivo'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="panel" onSubmit={submit}>
        <h2>Nuevo usuario</h2>
        <ErrorBox error={error} />
        {created && (
          <p className="alert alert-ok" role="status">
            Usuario {created} creado.
          </p>
        )}
        <div className="row">
          <Field label="Nombre completo" error={error?.fields?.fullName}>
            {(id) => <input id={id} value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} />}
          </Field>
          <Field label="Usuario" error={error?.fields?.username}>
            {(id) => <input id={id} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />}
          </Field>
        </div>
        <div className="row">
          <Field label="Perfil">
            {(id) => (
              <select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Contraseña inicial" error={error?.fields?.password} hint="Al menos 8 caracteres.">
            {(id, d) => <input id={id} aria-describedby={d} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
          </Field>
        </div>
        <button type="submit" className="btn btn-primary">
          Crear usuario
        </button>
      </form>
    </div>
  );
}
