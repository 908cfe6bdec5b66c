import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/** Failed sign-ins of one typed user name (known or not): kept in the database so a restart does not reset them. */
export interface SignInAttempts {
  username: string;
  failures: number;
  lastFailureAt: string;
  /** ISO time until which the name is refused without looking at the password; null when not locked. */
  lockedUntil: string | null;
}

interface AttemptRecord {
  username: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export function readSignInAttempts(db: ReadDb, username: string): SignInAttempts | null {
  const r = stmt(db, 'SELECT * FROM sign_in_attempts WHERE username = ?').get(username.trim()) as AttemptRecord | undefined;
  return r ? { username: r.username, failures: r.failures, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until } : null;
}

export function writeSignInAttempts(tx: Tx, a: SignInAttempts): void {
  stmt(
    tx,
    `INSERT INTO sign_in_attempts (username, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
  ).run(a.username.trim(), a.failures, a.lastFailureAt, a.lockedUntil);
}

/** A successful sign-in forgets the name's failures. */
export function clearSignInAttempts(tx: Tx, username: string): void {
  stmt(tx, 'DELETE FROM sign_in_attempts WHERE username = ?').run(username.trim());
}

/**
 * A hash of the same password at today's cost, stored at a successful sign-in. Not a password
 * change: when the password was last chosen and whether it must be changed stay as they were.
 */
export function replacePasswordHash(tx: Tx, userId: string, passwordHash: string): void {
  stmt(tx, 'UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
}
