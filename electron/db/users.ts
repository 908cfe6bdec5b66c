import type { Role } from '../../shared/roles';
import type { ReadDb, Tx } from './open';
import { newId, nowIso } from './ids';
import { stmt } from './stmt';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  /** The user's cédula, printed under the clerk's signature on the actas; null until recorded. */
  identification: string | null;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  originStation: string;
  createdAt: string;
  updatedAt: string;
  passwordChangedAt: string | null;
  deactivatedAt: string | null;
}

interface UserRecord {
  id: string;
  origin_station: string;
  username: string;
  full_name: string;
  identification: string | null;
  role: Role;
  active: number;
  password_hash: string;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string | null;
  deactivated_at: string | null;
}

function toUser(r: UserRecord): UserRow {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    identification: r.identification,
    role: r.role,
    active: r.active === 1,
    mustChangePassword: r.must_change_password === 1,
    originStation: r.origin_station,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    passwordChangedAt: r.password_changed_at,
    deactivatedAt: r.deactivated_at,
  };
}

export function countUsers(db: ReadDb): number {
  return (stmt(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** Active administrators left: the last one cannot be deactivated or demoted. */
export function countActiveAdmins(db: ReadDb): number {
  return (stmt(db, "SELECT count(*) AS n FROM users WHERE role = 'ADMIN' AND active = 1").get() as { n: number }).n;
}

export function findUserForLogin(db: ReadDb, username: string): (UserRow & { passwordHash: string }) | null {
  const r = stmt(db, 'SELECT * FROM users WHERE username = ?').get(username.trim()) as UserRecord | undefined;
  return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
}

export function findUserById(db: ReadDb, id: string): UserRow | null {
  const r = stmt(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRecord | undefined;
  return r ? toUser(r) : null;
}

/** The stored hash, for checking a user's current password before they change it. */
export function passwordHashOf(db: ReadDb, id: string): string | null {
  const r = stmt(db, 'SELECT password_hash FROM users WHERE id = ?').get(id) as { password_hash: string } | undefined;
  return r?.password_hash ?? null;
}

export function listUsers(db: ReadDb): UserRow[] {
  return (stmt(db, 'SELECT * FROM users ORDER BY full_name').all() as UserRecord[]).map(toUser);
}

export function insertUser(
  tx: Tx,
  u: { username: string; fullName: string; role: Role; passwordHash: string; originStation: string; createdBy?: string | null; identification?: string | null },
): UserRow {
  const id = newId();
  const now = nowIso();
  stmt(
    tx,
    `INSERT INTO users (id, origin_station, username, full_name, identification, role, password_hash, active, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  ).run(id, u.originStation, u.username.trim(), u.fullName.trim(), u.identification || null, u.role, u.passwordHash, now, now, u.createdBy ?? null);
  return findUserById(tx, id)!;
}

export function updateUserProfile(tx: Tx, id: string, p: { fullName: string; role: Role; identification: string | null }, by: string | null): UserRow {
  stmt(tx, 'UPDATE users SET full_name = ?, role = ?, identification = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
    p.fullName.trim(),
    p.role,
    p.identification,
    nowIso(),
    by,
    id,
  );
  return findUserById(tx, id)!;
}

export function setUserActive(tx: Tx, id: string, active: boolean, by: string | null): UserRow {
  const now = nowIso();
  stmt(tx, 'UPDATE users SET active = ?, deactivated_at = ?, deactivated_by = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
    active ? 1 : 0,
    active ? null : now,
    active ? null : by,
    now,
    by,
    id,
  );
  return findUserById(tx, id)!;
}

/**
 * A new password hash. `mustChange`: a temporary one someone else set (the user chooses their own
 * at the next sign-in); otherwise the user chose it, and the time is kept as when they last did.
 */
export function setUserPassword(tx: Tx, id: string, passwordHash: string, o: { mustChange: boolean; by: string | null }): UserRow {
  const now = nowIso();
  stmt(
    tx,
    `UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = CASE WHEN ? = 1 THEN password_changed_at ELSE ? END,
       updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(passwordHash, o.mustChange ? 1 : 0, o.mustChange ? 1 : 0, now, now, o.by, id);
  return findUserById(tx, id)!;
}
