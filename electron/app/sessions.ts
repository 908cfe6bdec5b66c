import type { AuditActor } from '../../shared/audit';
import type { SessionUser } from '../../shared/contracts/app';
import { IDLE_LOCK_DEFAULT_MINUTES, IdleLockMinutes } from '../../shared/contracts/auth';
import { AppFailure } from '../../shared/result';
import { hashPasswordAsync, needsRehash, unmatchableHash, verifyPasswordAsync } from '../auth/password';
import { recordAudit } from '../db/audit';
import { nowIso } from '../db/ids';
import type { ReadDb, Tx } from '../db/open';
import { readSetting, writeSetting } from '../db/settings';
import { clearSignInAttempts, readSignInAttempts, replacePasswordHash, writeSignInAttempts } from '../db/signInAttempts';
import { findUserForLogin } from '../db/users';
import { runWrite } from '../db/writeSession';
import { actorOf } from './audit';
import { forgetFileTokens } from './fileTokens';
import type { AppServices, Session } from './services';

/** Failures of one name allowed before it waits; then 30 s, doubling with each further failure, up to 15 min. */
const FREE_FAILURES = 3;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;
/** A name that failed once, long ago, starts counting again. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

const WRONG_CREDENTIALS = 'Usuario o contraseña incorrectos.';
const WRONG_PASSWORD = 'Contraseña incorrecta.';

/** How long a name waits after its `failures`-th failure in a row. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES));
}

/** In whole minutes, or «menos de 1 minuto» (the first wait is 30 s): seconds would tell a known name from an unknown one by timing. */
function waitMessage(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  const wait = ms < 60_000 ? 'menos de 1 minuto' : `${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}`;
  return `Demasiados intentos fallidos. Espere ${wait} e intente de nuevo.`;
}

function sessionUserOf(u: { id: string; username: string; fullName: string; role: SessionUser['role']; mustChangePassword?: boolean }): SessionUser {
  // A temporary password (users.ts): define.ts then lets through only the call that replaces it.
  return { id: u.id, username: u.username, fullName: u.fullName, role: u.role, ...(u.mustChangePassword ? { mustChangePassword: true } : {}) };
}

function actor(u: SessionUser): AuditActor {
  return { id: u.id, username: u.username, fullName: u.fullName, role: u.role };
}

/** Why a name was refused: kept in the audit entry for a controller, never told to the person typing. */
type Refusal = 'desconocido' | 'inactivo' | 'en espera' | 'contraseña';

function recordFailure(tx: Tx, typed: string, now: number, o: { counts: boolean; reason: Refusal; userId: string | null; unlock: boolean }): void {
  if (o.counts) {
    const before = readSignInAttempts(tx, typed);
    const stale = before !== null && now - Date.parse(before.lastFailureAt) > FORGET_AFTER_MS;
    const failures = (before && !stale ? before.failures : 0) + 1;
    const wait = waitAfterFailures(failures);
    writeSignInAttempts(tx, {
      username: typed,
      failures,
      lastFailureAt: nowIso(new Date(now)),
      lockedUntil: wait > 0 ? nowIso(new Date(now + wait)) : null,
    });
  }
  recordAudit(tx, null, {
    action: 'SESION_FALLIDA',
    description: o.unlock
      ? `Contraseña incorrecta al desbloquear la pantalla de «${typed}».`
      : `Intento fallido de inicio de sesión con el usuario «${typed.slice(0, 60)}».`,
    ...(o.userId ? { targetKind: 'usuario' as const, targetId: o.userId } : {}),
    // The name as typed (it may be nobody's); the password never.
    detail: { usuarioEscrito: typed, motivo: o.reason, ...(o.unlock ? { desbloqueo: true } : {}) },
  });
}

interface Checked {
  user: SessionUser;
  /** A hash at today's cost, when the stored one was weaker. */
  upgradedHash: string | null;
}

/**
 * One check of a typed name and password. Whatever the name (unknown, inactive, waiting after
 * failures or real), exactly one full scrypt verification is done, so the time to answer says
 * nothing about which names exist. A failure is recorded with its audit entry and thrown.
 */
async function checkCredentials(app: AppServices, typedName: string, password: string, unlock: boolean): Promise<Checked> {
  const typed = typedName.trim();
  const now = Date.now();
  const user = findUserForLogin(app.db, typed);
  const attempts = readSignInAttempts(app.db, typed);
  const waitLeft = attempts?.lockedUntil ? Date.parse(attempts.lockedUntil) - now : 0;
  const usable = user !== null && user.active && waitLeft <= 0;
  const matches = await verifyPasswordAsync(password, usable ? user.passwordHash : unmatchableHash());
  if (usable && matches) {
    const upgradedHash = needsRehash(user.passwordHash) ? await hashPasswordAsync(password) : null;
    return { user: sessionUserOf(user), upgradedHash };
  }
  const reason: Refusal = waitLeft > 0 ? 'en espera' : !user ? 'desconocido' : !user.active ? 'inactivo' : 'contraseña';
  // While a name waits its failures do not count: the wait cannot be pushed further by someone else's guesses.
  runWrite(app.db, (tx) => recordFailure(tx, typed, now, { counts: waitLeft <= 0, reason, userId: user?.id ?? null, unlock }));
  if (waitLeft > 0) throw new AppFailure('refused', waitMessage(waitLeft));
  if (unlock) {
    const after = readSignInAttempts(app.db, typed);
    const wait = after?.lockedUntil ? Date.parse(after.lockedUntil) - now : 0;
    throw new AppFailure('refused', wait > 0 ? `${WRONG_PASSWORD} ${waitMessage(wait)}` : WRONG_PASSWORD);
  }
  throw new AppFailure('refused', WRONG_CREDENTIALS);
}

/** Forgets the name's failures and stores the stronger hash, inside the caller's write session. */
function settle(tx: Tx, typedName: string, checked: Checked): void {
  clearSignInAttempts(tx, typedName);
  if (checked.upgradedHash) replacePasswordHash(tx, checked.user.id, checked.upgradedHash);
}

/**
 * Signs a person in at this session. Someone else signed in or locked here is signed out by it
 * (switching user at a locked screen): their session ends with its own entry.
 */
export async function signIn(app: AppServices, session: Session, username: string, password: string): Promise<SessionUser> {
  const checked = await checkCredentials(app, username, password, false);
  const previous = session.user;
  runWrite(app.db, (tx) => {
    settle(tx, username, checked);
    if (previous && previous.id !== checked.user.id) {
      recordAudit(tx, actor(previous), {
        action: 'SESION_CERRADA',
        description: `Sesión cerrada: ${checked.user.username} ingresó en esta estación.`,
        targetKind: 'usuario',
        targetId: previous.id,
        detail: { motivo: 'cambio de usuario', siguiente: checked.user.username },
      });
    }
    recordAudit(tx, actor(checked.user), {
      action: 'SESION_INICIADA',
      description: `Inició sesión como ${checked.user.username}.`,
      targetKind: 'usuario',
      targetId: checked.user.id,
      detail: checked.upgradedHash ? { claveReforzada: true } : null,
    });
  });
  // Another person at this window (a switch, or a sign-in over someone's locked screen): the files the previous one chose are not theirs.
  if (previous && previous.id !== checked.user.id) forgetFileTokens(session);
  session.user = checked.user;
  session.locked = false;
  return checked.user;
}

export function signOut(app: AppServices, session: Session): void {
  const who = actorOf(session);
  if (who) {
    runWrite(app.db, (tx) => {
      recordAudit(tx, who, { action: 'SESION_CERRADA', description: 'Cerró sesión.', targetKind: 'usuario', targetId: who.id });
    });
  }
  session.user = null;
  session.locked = false;
  forgetFileTokens(session);
}

/** Locks the session (idle or on request); locking a locked session records nothing new. */
export function lockSession(app: AppServices, session: Session, manual: boolean): void {
  const who = actorOf(session);
  if (!who) throw new AppFailure('refused', 'Su sesión terminó. Ingrese de nuevo con su usuario y contraseña.');
  if (session.locked) return;
  runWrite(app.db, (tx) => {
    recordAudit(tx, who, {
      action: 'SESION_BLOQUEADA',
      description: manual ? 'Bloqueó la pantalla.' : 'La pantalla se bloqueó por inactividad.',
      targetKind: 'usuario',
      targetId: who.id,
      detail: { motivo: manual ? 'manual' : 'inactividad' },
    });
  });
  session.locked = true;
}

/** The same person, by password, opens their locked session; a wrong password counts as a failed sign-in. */
export async function unlockSession(app: AppServices, session: Session, password: string): Promise<SessionUser> {
  const current = session.user;
  if (!current) throw new AppFailure('refused', 'Su sesión terminó. Ingrese de nuevo con su usuario y contraseña.');
  // The password is checked even when this session is not locked here: the window's lock screen answers only to it.
  const checked = await checkCredentials(app, current.username, password, true);
  if (checked.user.id !== current.id) throw new AppFailure('refused', WRONG_PASSWORD);
  runWrite(app.db, (tx) => {
    settle(tx, current.username, checked);
    if (!session.locked) return;
    recordAudit(tx, actor(checked.user), {
      action: 'SESION_DESBLOQUEADA',
      description: 'Desbloqueó la pantalla.',
      targetKind: 'usuario',
      targetId: current.id,
      detail: checked.upgradedHash ? { claveReforzada: true } : null,
    });
  });
  // The name or role may have changed while the screen was locked.
  session.user = checked.user;
  session.locked = false;
  return checked.user;
}

const IDLE_LOCK_KEY = 'idleLockMinutes';

export function idleLockMinutes(db: ReadDb): number {
  const parsed = IdleLockMinutes.safeParse(readSetting<unknown>(db, IDLE_LOCK_KEY));
  return parsed.success ? parsed.data : IDLE_LOCK_DEFAULT_MINUTES;
}

export function setIdleLockMinutes(app: AppServices, session: Session, minutes: number): number {
  runWrite(app.db, (tx) => {
    const before = idleLockMinutes(tx);
    if (before === minutes) return;
    writeSetting(tx, IDLE_LOCK_KEY, minutes);
    recordAudit(tx, actorOf(session), {
      action: 'CONFIGURACION_CAMBIADA',
      description: `Cambió el bloqueo por inactividad de ${before} a ${minutes} minutos.`,
      targetKind: 'configuracion',
      targetId: IDLE_LOCK_KEY,
      detail: { ajuste: IDLE_LOCK_KEY, anterior: before, nuevo: minutes },
    });
  });
  return idleLockMinutes(app.db);
}
