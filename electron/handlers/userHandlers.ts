import type { SessionUser } from '../../shared/contracts/app';
import {
  usersChangeOwnPassword,
  usersCreate,
  usersDeactivate,
  usersList,
  usersReactivate,
  usersResetPassword,
  usersUpdate,
} from '../../shared/contracts/users';
import { AppFailure } from '../../shared/result';
import type { Session } from '../app/services';
import { changeOwnPassword, createUser, resetPassword, setUserActiveState, updateUser, type Caller } from '../app/users';
import { listUsers, type UserRow } from '../db/users';
import { handle } from './define';
import { requireStation } from './station';

function caller(session: Session): Caller {
  const u = session.user;
  if (!u) throw new AppFailure('refused', 'Su sesión terminó. Ingrese de nuevo con su usuario y contraseña.');
  return { id: u.id, username: u.username, fullName: u.fullName, role: u.role };
}

/** Editing oneself (name, role) shows at once in the header and in what the session may do. */
function refreshSelf(session: Session, u: UserRow): UserRow {
  if (session.user?.id === u.id) {
    session.user = { id: u.id, username: u.username, fullName: u.fullName, role: u.role, ...(u.mustChangePassword ? { mustChangePassword: true } : {}) };
  }
  return u;
}

/**
 * The station's users. Who may manage whom (shared/roles.ts) is checked in the use cases
 * (app/users.ts), inside the write session of each change, whatever the screen offered.
 */
export const userHandlers = [
  handle(usersList, 'users', (_i, { app }) => listUsers(app.db)),

  handle(usersCreate, 'users', (input, { app, session }) => createUser(app.db, caller(session), input, requireStation(app.db).code)),

  handle(usersUpdate, 'users', (input, { app, session }) => refreshSelf(session, updateUser(app.db, caller(session), input, requireStation(app.db).code))),

  handle(usersDeactivate, 'users', (input, { app, session }) => setUserActiveState(app.db, caller(session), input.userId, false, requireStation(app.db).code)),

  handle(usersReactivate, 'users', (input, { app, session }) => setUserActiveState(app.db, caller(session), input.userId, true, requireStation(app.db).code)),

  handle(usersResetPassword, 'users', (input, { app, session }) => resetPassword(app.db, caller(session), input, requireStation(app.db).code)),

  // Every signed-in user, including one who must replace a temporary password (define.ts lets this one through).
  handle(usersChangeOwnPassword, 'user', (input, { app, session }): SessionUser => {
    const u = changeOwnPassword(app.db, caller(session), input);
    session.user = { id: u.id, username: u.username, fullName: u.fullName, role: u.role };
    return session.user;
  }),
];
