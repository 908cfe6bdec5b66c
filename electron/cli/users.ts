import { usersCreate, usersDeactivate, usersList, usersReactivate, usersResetPassword, usersUpdate, type UserSummary } from '../../shared/contracts/users';
import { formatDate } from '../../shared/dates';
import type { Result } from '../../shared/result';
import { ROLES, roleLabel, type Role } from '../../shared/roles';
import type { CallContext } from '../app/services';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';

/**
 * `usuarios` lists the station's users; `usuario-nuevo`, `usuario-editar`, `usuario-desactivar`,
 * `usuario-reactivar` and `usuario-clave` manage one, through the same handlers (and rules, and
 * audit entries) as the Usuarios screen. Useful when nobody can sign in as an administrator.
 */

type Out = (s: string) => void;

function roleArg(value: unknown): Role | undefined {
  if (value === undefined) return undefined;
  const role = String(value).trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`Perfil desconocido: ${String(value)}. Use ${ROLES.join(', ')}.`);
  return role as Role;
}

function line(u: UserSummary): string {
  const state = u.active ? 'activo' : `inactivo desde ${formatDate(u.deactivatedAt?.slice(0, 10))}`;
  const change = u.mustChangePassword ? '  debe cambiar contraseña' : '';
  return `${u.username.padEnd(16)} ${u.fullName.padEnd(32)} ${roleLabel(u.role).padEnd(22)} ${state}${change}`;
}

function forJson(u: UserSummary) {
  return {
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    originStation: u.originStation,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    passwordChangedAt: u.passwordChangedAt,
    deactivatedAt: u.deactivatedAt,
  };
}

async function withContext(db: unknown, fn: (ctx: CallContext) => Promise<number>): Promise<number> {
  const ctx = context(need(db, 'db'));
  try {
    return await fn(ctx);
  } finally {
    await closeServices(ctx.app);
  }
}

async function findByName(ctx: CallContext, username: string, err: Out): Promise<UserSummary | null> {
  const r = await call(ctx, usersList, {});
  if (!r.ok) {
    err(r.error.message);
    return null;
  }
  const u = r.value.find((x) => x.username.toLowerCase() === username.trim().toLowerCase());
  if (!u) err(`No existe el usuario «${username}» en esta estación.`);
  return u ?? null;
}

export async function usersCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  return withContext(a.values.db, async (ctx) => {
    const r = await call(ctx, usersList, {});
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (a.values.json) out(JSON.stringify(r.value.map(forJson)));
    else if (r.value.length === 0) out('Esta estación todavía no tiene usuarios.');
    else for (const u of r.value) out(line(u));
    return EXIT.ok;
  });
}

/** One user changed: prints it (or its JSON); refusals go to stderr with exit 2, bad input 64. */
function answer(r: Result<UserSummary>, json: boolean | undefined, out: Out, err: Out, message: (u: UserSummary) => string): number {
  if (!r.ok) {
    err(r.error.message);
    return r.error.kind === 'validation' ? EXIT.usage : EXIT.refused;
  }
  out(json ? JSON.stringify(forJson(r.value)) : message(r.value));
  return EXIT.ok;
}

export async function userNewCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, nombre: { type: 'string' }, perfil: { type: 'string' }, clave: { type: 'string' }, cedula: { type: 'string' }, json: { type: 'boolean' } });
  const username = a.positionals[0];
  if (!username) throw new UsageError('Indique el usuario nuevo.');
  const role = roleArg(need(a.values.perfil, 'perfil'))!;
  return withContext(a.values.db, async (ctx) => {
    const cedula = a.values.cedula === undefined ? {} : { identification: a.values.cedula };
    const r = await call(ctx, usersCreate, { username, fullName: need(a.values.nombre, 'nombre'), password: need(a.values.clave, 'clave'), role, ...cedula });
    return answer(r, a.values.json, out, err, (u) => `Usuario ${u.username} creado (${roleLabel(u.role)}).`);
  });
}

export async function userEditCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, nombre: { type: 'string' }, perfil: { type: 'string' }, cedula: { type: 'string' }, json: { type: 'boolean' } });
  const username = a.positionals[0];
  if (!username) throw new UsageError('Indique el usuario.');
  if (a.values.nombre === undefined && a.values.perfil === undefined && a.values.cedula === undefined) throw new UsageError('Indique --nombre, --perfil, --cedula o varios.');
  const role = roleArg(a.values.perfil);
  return withContext(a.values.db, async (ctx) => {
    const u = await findByName(ctx, username, err);
    if (!u) return EXIT.refused;
    const cedula = a.values.cedula === undefined ? {} : { identification: a.values.cedula };
    const r = await call(ctx, usersUpdate, { userId: u.id, fullName: a.values.nombre ?? u.fullName, role: role ?? u.role, ...cedula });
    return answer(r, a.values.json, out, err, (x) => `Usuario ${x.username}: ${x.fullName}, ${roleLabel(x.role)}.`);
  });
}

export async function userActiveCmd(active: boolean, argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const username = a.positionals[0];
  if (!username) throw new UsageError('Indique el usuario.');
  return withContext(a.values.db, async (ctx) => {
    const u = await findByName(ctx, username, err);
    if (!u) return EXIT.refused;
    const r = await call(ctx, active ? usersReactivate : usersDeactivate, { userId: u.id });
    return answer(r, a.values.json, out, err, (x) => `Usuario ${x.username} ${active ? 'reactivado' : 'desactivado'}.`);
  });
}

/** Prints the temporary password once (the only place it appears); the user must change it at sign-in. */
export async function userPasswordCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, clave: { type: 'string' }, json: { type: 'boolean' } });
  const username = a.positionals[0];
  if (!username) throw new UsageError('Indique el usuario.');
  return withContext(a.values.db, async (ctx) => {
    const u = await findByName(ctx, username, err);
    if (!u) return EXIT.refused;
    const r = await call(ctx, usersResetPassword, a.values.clave === undefined ? { userId: u.id } : { userId: u.id, password: a.values.clave });
    if (!r.ok) {
      err(r.error.message);
      return r.error.kind === 'validation' ? EXIT.usage : EXIT.refused;
    }
    if (a.values.json) out(JSON.stringify({ user: forJson(r.value.user), temporaryPassword: r.value.temporaryPassword }));
    else out(`Contraseña temporal de ${u.username}: ${r.value.temporaryPassword}\nDeberá cambiarla al ingresar.`);
    return EXIT.ok;
  });
}
