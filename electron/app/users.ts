import { randomInt } from 'node:crypto';
import type { AuditActor } from '../../shared/audit';
import { assignableRoles, canManage, roleLabel, type Role } from '../../shared/roles';
import { AppFailure } from '../../shared/result';
import { hashPassword, verifyPassword } from '../auth/password';
import { recordAudit } from '../db/audit';
import type { Db, Tx } from '../db/open';
import {
  countActiveAdmins,
  findUserById,
  findUserForLogin,
  insertUser,
  passwordHashOf,
  setUserActive,
  setUserPassword,
  updateUserProfile,
  type UserRow,
} from '../db/users';
import { runWrite } from '../db/writeSession';

/**
 * The life of a station's users: create, edit, deactivate, reactivate, a temporary password, one's
 * own password. Every rule is checked here, inside the write session that makes the change, and
 * every change writes its audit entry in that same session: the handlers only pass the caller.
 * Passwords are hashed before the session (scrypt is slow) and never reach a log or an entry.
 */

/** The caller as the rules see them: the signed-in user (or the command line's administrator). */
export type Caller = AuditActor & { role: Role };

// No 0/O, 1/I/L: read aloud over a counter or copied from paper without doubt.
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random temporary password, three groups of four (`K7RM-2QXH-9TPW`): about 70 bits. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

function who(u: UserRow): string {
  return `«${u.username}» (${u.fullName})`;
}

function requireUser(tx: Tx, id: string): UserRow {
  const u = findUserById(tx, id);
  if (!u) throw new AppFailure('not_found', 'Ese usuario no existe en esta estación.');
  return u;
}

function requireAssignable(caller: Caller, role: Role): void {
  const allowed = assignableRoles(caller.role);
  if (allowed.length === 0) throw new AppFailure('refused', 'Su perfil no puede administrar usuarios.');
  if (!allowed.includes(role)) {
    throw new AppFailure('refused', `Solo un administrador puede dar el perfil «${roleLabel(role)}».`, { role: 'Perfil no permitido para usted.' });
  }
}

function requireManageable(caller: Caller, target: UserRow, localStation: string): void {
  if (canManage(caller.role, target, localStation)) return;
  if (caller.role === 'COORDINADOR') {
    throw new AppFailure('refused', 'Un coordinador solo administra a los asesores de su propia estación.');
  }
  throw new AppFailure('refused', 'Su perfil no puede administrar usuarios.');
}

/** The last active administrator stays: otherwise nobody could manage users or settings again. */
function requireAnotherAdmin(tx: Tx, target: UserRow, what: string): void {
  if (target.role === 'ADMIN' && target.active && countActiveAdmins(tx) <= 1) {
    throw new AppFailure('refused', `No se puede ${what} al único administrador activo. Cree o reactive otro administrador primero.`);
  }
}

/** A new user of this station; the name is checked inside the session, so two admins cannot both take it. */
export function createUser(db: Db, caller: Caller, u: { username: string; fullName: string; password: string; role: Role; identification?: string | undefined }, localStation: string): UserRow {
  requireAssignable(caller, u.role);
  const passwordHash = hashPassword(u.password);
  return runWrite(db, (tx) => {
    if (findUserForLogin(tx, u.username)) {
      throw new AppFailure('conflict', `El usuario «${u.username.trim()}» ya existe.`, { username: 'Ya existe.' });
    }
    const created = insertUser(tx, { ...u, passwordHash, originStation: localStation, createdBy: caller.id });
    recordAudit(tx, caller, {
      action: 'USUARIO_CREADO',
      description: `Creó el usuario ${who(created)} con perfil ${roleLabel(created.role)}.`,
      targetKind: 'usuario',
      targetId: created.id,
      detail: { username: created.username, fullName: created.fullName, role: created.role, identification: created.identification },
    });
    return created;
  });
}

/** A new name or role; nothing is written (nor recorded) when both stay as they were. */
export function updateUser(db: Db, caller: Caller, p: { userId: string; fullName: string; role: Role; identification?: string | undefined }, localStation: string): UserRow {
  return runWrite(db, (tx) => {
    const before = requireUser(tx, p.userId);
    requireManageable(caller, before, localStation);
    const fullName = p.fullName.trim();
    // Absent: unchanged (a caller that does not know the field keeps it); empty: removed.
    const identification = p.identification === undefined ? before.identification : p.identification || null;
    if (fullName === before.fullName && p.role === before.role && identification === before.identification) return before;
    if (p.role !== before.role) {
      requireAssignable(caller, p.role);
      if (before.role === 'ADMIN') requireAnotherAdmin(tx, before, 'quitar el perfil de administrador');
    }
    const after = updateUserProfile(tx, before.id, { fullName, role: p.role, identification }, caller.id);
    const changes: string[] = [];
    const detail: Record<string, unknown> = { username: after.username };
    if (after.fullName !== before.fullName) {
      changes.push(`nombre «${before.fullName}» → «${after.fullName}»`);
      detail.fullName = { from: before.fullName, to: after.fullName };
    }
    if (after.role !== before.role) {
      changes.push(`perfil ${roleLabel(before.role)} → ${roleLabel(after.role)}`);
      detail.role = { from: before.role, to: after.role };
    }
    if (after.identification !== before.identification) {
      changes.push(`cédula ${before.identification ?? '(sin registrar)'} → ${after.identification ?? '(sin registrar)'}`);
      detail.identification = { from: before.identification, to: after.identification };
    }
    recordAudit(tx, caller, {
      action: 'USUARIO_EDITADO',
      description: `Modificó el usuario «${after.username}»: ${changes.join('; ')}.`,
      targetKind: 'usuario',
      targetId: after.id,
      detail,
    });
    return after;
  });
}

/** Deactivated: cannot sign in; their actas and entries keep their name. Reactivated: can again. */
export function setUserActiveState(db: Db, caller: Caller, userId: string, active: boolean, localStation: string): UserRow {
  return runWrite(db, (tx) => {
    const before = requireUser(tx, userId);
    requireManageable(caller, before, localStation);
    if (before.active === active) return before;
    if (!active) {
      if (before.id === caller.id) throw new AppFailure('refused', 'No puede desactivar su propio usuario.');
      requireAnotherAdmin(tx, before, 'desactivar');
    }
    const after = setUserActive(tx, before.id, active, caller.id);
    recordAudit(tx, caller, {
      action: active ? 'USUARIO_REACTIVADO' : 'USUARIO_DESACTIVADO',
      description: `${active ? 'Reactivó' : 'Desactivó'} el usuario ${who(after)}.`,
      targetKind: 'usuario',
      targetId: after.id,
      detail: { username: after.username },
    });
    return after;
  });
}

/**
 * A temporary password (the one given, or a readable random one) the user must replace at their
 * next sign-in. One's own password is changed knowing the current one instead.
 */
export function resetPassword(db: Db, caller: Caller, p: { userId: string; password?: string }, localStation: string): { user: UserRow; temporaryPassword: string } {
  if (p.userId === caller.id) {
    throw new AppFailure('refused', 'Para cambiar su propia contraseña use «Cambiar mi contraseña».');
  }
  // Checked before the slow hash, and again inside the session below.
  const target = findUserById(db, p.userId);
  if (!target) throw new AppFailure('not_found', 'Ese usuario no existe en esta estación.');
  requireManageable(caller, target, localStation);
  const password = p.password ?? temporaryPassword();
  const passwordHash = hashPassword(password);
  const user = runWrite(db, (tx) => {
    const before = requireUser(tx, p.userId);
    requireManageable(caller, before, localStation);
    const after = setUserPassword(tx, before.id, passwordHash, { mustChange: true, by: caller.id });
    recordAudit(tx, caller, {
      action: 'CLAVE_RESTABLECIDA',
      description: `Restableció la contraseña del usuario ${who(after)}: deberá cambiarla al ingresar.`,
      targetKind: 'usuario',
      targetId: after.id,
      detail: { username: after.username, generated: p.password === undefined },
    });
    return after;
  });
  return { user, temporaryPassword: password };
}

/** The signed-in user's own password, proven by the current one; clears a temporary password's mark. */
export function changeOwnPassword(db: Db, caller: Caller, p: { currentPassword: string; newPassword: string }): UserRow {
  const stored = passwordHashOf(db, caller.id);
  if (!stored) throw new AppFailure('not_found', 'Su usuario no existe en esta estación.');
  if (!verifyPassword(p.currentPassword, stored)) {
    throw new AppFailure('refused', 'La contraseña actual no es correcta.', { currentPassword: 'No es correcta.' });
  }
  if (p.newPassword === p.currentPassword) {
    throw new AppFailure('validation', 'La nueva contraseña debe ser distinta de la actual.', { newPassword: 'Igual a la actual.' });
  }
  const passwordHash = hashPassword(p.newPassword);
  return runWrite(db, (tx) => {
    const before = requireUser(tx, caller.id);
    if (!before.active) throw new AppFailure('refused', 'Su usuario está desactivado. Pida ayuda a su coordinador.');
    const after = setUserPassword(tx, before.id, passwordHash, { mustChange: false, by: caller.id });
    recordAudit(tx, caller, {
      action: 'CLAVE_CAMBIADA',
      description: before.mustChangePassword ? 'Cambió su contraseña temporal por una propia.' : 'Cambió su contraseña.',
      targetKind: 'usuario',
      targetId: after.id,
      detail: { username: after.username },
    });
    return after;
  });
}
