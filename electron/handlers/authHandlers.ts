import { authSignIn, authSignOut } from '../../shared/contracts/app';
import { AppFailure } from '../../shared/result';
import { verifyPassword } from '../auth/password';
import { findUserForLogin } from '../db/users';
import { handle } from './define';

// Failed sign-ins per user name; a short lock slows down guessing at a shared desk.
const failures = new Map<string, { count: number; until: number }>();

/** Signing in and out of a desk. */
export const authHandlers = [
  handle(authSignIn, 'public', (input, { app, session }) => {
    const key = input.username.toLowerCase();
    const f = failures.get(key);
    if (f && f.until > Date.now()) {
      throw new AppFailure('refused', 'Demasiados intentos fallidos. Espere un minuto e intente de nuevo.');
    }
    const user = findUserForLogin(app.db, input.username);
    if (!user || !user.active || !verifyPassword(input.password, user.passwordHash)) {
      const count = (f?.count ?? 0) + 1;
      failures.set(key, { count, until: count >= 5 ? Date.now() + 60_000 : 0 });
      throw new AppFailure('refused', 'Usuario o contraseña incorrectos.');
    }
    failures.delete(key);
    session.user = { id: user.id, username: user.username, fullName: user.fullName, role: user.role };
    return session.user;
  }),

  handle(authSignOut, 'public', (_i, { session }) => {
    session.user = null;
    return {};
  }),

];
