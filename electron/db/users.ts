import type { Role } from '../../shared/roles';
import type { ReadDb, Tx } from './open';
import { newId, nowIso } from './ids';
import { stmt } from './stmt';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  active: boolean;
}

interface UserRecord {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  active: number;
  password_hash: string;
}

function toUser(r: UserRecord): UserRow {
  return { id: r.id, username: r.username, fullName: r.full_name, role: r.role, active: r.active === 1 };
}

export function countUsers(db: ReadDb): number {
  return (stmt(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function findUserForLogin(db: ReadDb, username: string): (UserRow & { passwordHash: string }) | null {
  const r = stmt(db, 'SELECT * FROM users WHERE username = ?').get(username.trim()) as UserRecord | undefined;
  return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
}

export function listUsers(db: ReadDb): UserRow[] {
  return (stmt(db, 'SELECT * FROM users ORDER BY full_name').all() as UserRecord[]).map(toUser);
}

export function insertUser(
  tx: Tx,
  u: { username: string; fullName: string; role: Role; passwordHash: string; originStation: string },
): UserRow {
  const id = newId();
  const now = nowIso();
  stmt(
    tx,
    `INSERT INTO users (id, origin_station, username, full_name, role, password_hash, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  ).run(id, u.originStation, u.username.trim(), u.fullName.trim(), u.role, u.passwordHash, now, now);
  return { id, username: u.username.trim(), fullName: u.fullName.trim(), role: u.role, active: true };
}
