import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { usersCreate, usersList, type UserSummary } from '../../../../shared/contracts/users';
import type { AppError } from '../../../../shared/result';
import { assignableRoles, canManage, roleLabel, type Role } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { useApp } from '../../store/app';
import { EditUserDialog, ResetPasswordDialog, ToggleActiveDialog } from './UserDialogs';

type Open = { kind: 'edit' | 'toggle' | 'reset'; user: UserSummary } | null;

/**
 * Usuarios de la oficina: who can sign in at this station. Buttons and roles follow the same rule
 * the main process enforces (shared/roles.ts): a coordinator manages only this station's clerks.
 */
export function Users() {
  const me = useApp((s) => s.info?.user);
  const stationCode = useApp((s) => s.info?.station?.code ?? '');
  const roles = me ? assignableRoles(me.role) : [];
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [form, setForm] = useState({ username: '', fullName: '', identification: '', password: '', role: 'ASESOR' as Role });
  const [error, setError] = useState<AppError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);

  const load = () => void invoke(usersList, {}).then((r) => (r.ok ? setUsers(r.value) : setError(r.error)));
  useEffect(load, []);

  const formRef = useRef<HTMLFormElement>(null);
  // A refusal that names fields is said beside each one; the first of them takes the focus (the button kept it, and Enter sent the same again).
  useLayoutEffect(() => {
    if (error?.fields) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const invalid = (field: keyof typeof form) => (error?.fields?.[field] ? true : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(usersCreate, form);
    if (!r.ok) return setError(r.error);
    setError(null);
    setNotice(null);
    setCreated(r.value.username);
    setForm({ username: '', fullName: '', identification: '', password: '', role: 'ASESOR' });
    load();
  }

  function done(message: string) {
    setOpen(null);
    setCreated(null);
    setNotice(message);
    load();
  }

  const manageable = (u: UserSummary) => me !== undefined && me !== null && canManage(me.role, u, stationCode);

  return (
    <div className="page">
      <h1>Usuarios de la oficina</h1>
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Usuario</th>
            <th scope="col">Cédula</th>
            <th scope="col">Perfil</th>
            <th scope="col">Estado</th>
            <th scope="col">Acciones</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.fullName}</th>
              <td className="mono">{u.username}</td>
              <td className="mono">{u.identification ?? <span className="muted">sin registrar</span>}</td>
              <td>{roleLabel(u.role)}</td>
              <td>
                <span className={`badge tone-${u.active ? 'done' : 'rejected'}`}>{u.active ? 'Activo' : 'Inactivo'}</span>
                {u.mustChangePassword && (
                  <>
                    {' '}
                    <span className="badge tone-partial">Debe cambiar contraseña</span>
                  </>
                )}
              </td>
              <td>
                {manageable(u) && (
                  <div className="row">
                    <button type="button" className="btn btn-small" aria-label={`Editar a ${u.fullName}`} onClick={() => setOpen({ kind: 'edit', user: u })}>
                      Editar
                    </button>
                    {u.id !== me?.id && (
                      <>
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`${u.active ? 'Desactivar' : 'Reactivar'} a ${u.fullName}`}
                          onClick={() => setOpen({ kind: 'toggle', user: u })}
                        >
                          {u.active ? 'Desactivar' : 'Reactivar'}
                        </button>
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`Restablecer contraseña de ${u.fullName}`}
                          onClick={() => setOpen({ kind: 'reset', user: u })}
                        >
                          Restablecer contraseña
                        </button>
                      </>
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {roles.length > 0 && (
        <form noValidate className="panel" onSubmit={submit} ref={formRef}>
          <h2>Nuevo usuario</h2>
          {/* Field by field when the refusal names them: a box on top repeated one of them. */}
          <ErrorBox error={error?.fields && Object.keys(error.fields).length > 0 ? null : error} />
          {created && (
            <p className="alert alert-ok" role="status">
              Usuario {created} creado.
            </p>
          )}
          <div className="row">
            <Field label="Nombre completo" error={error?.fields?.fullName}>
              {(id, d) => <input id={id} aria-describedby={d} aria-invalid={invalid('fullName')} value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} />}
            </Field>
            <Field label="Usuario" error={error?.fields?.username}>
              {(id, d) => <input id={id} aria-describedby={d} aria-invalid={invalid('username')} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />}
            </Field>
            <Field label="Cédula" error={error?.fields?.identification} hint="Se imprime bajo la firma de quien recibe en las actas. Opcional, pero recomendada.">
              {(id, d) => <input id={id} aria-describedby={d} aria-invalid={invalid('identification')} inputMode="numeric" maxLength={13} value={form.identification} onChange={(e) => setForm({ ...form, identification: e.target.value })} />}
            </Field>
          </div>
          <div className="row">
            <Field label="Perfil" error={error?.fields?.role} hint={roles.length === 1 ? `Usted puede crear usuarios con perfil ${roleLabel(roles[0]!)}.` : undefined}>
              {(id, d) => (
                <select id={id} aria-describedby={d} aria-invalid={invalid('role')} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel(r)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Contraseña inicial" error={error?.fields?.password} hint="Al menos 8 caracteres.">
              {(id, d) => <input id={id} aria-describedby={d} aria-invalid={invalid('password')} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
            </Field>
          </div>
          <button type="submit" className="btn btn-primary">
            Crear usuario
          </button>
        </form>
      )}
      {open?.kind === 'edit' && <EditUserDialog user={open.user} roles={roles} onDone={done} onCancel={() => setOpen(null)} />}
      {open?.kind === 'toggle' && <ToggleActiveDialog user={open.user} onDone={done} onCancel={() => setOpen(null)} />}
      {open?.kind === 'reset' && <ResetPasswordDialog user={open.user} onDone={done} onCancel={() => setOpen(null)} />}
    </div>
  );
}
