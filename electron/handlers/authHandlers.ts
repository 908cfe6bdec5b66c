import { authIdleLock, authLock, authSetIdleLock, authSignIn, authSignOut, authUnlock, mayChangeIdleLock } from '../../shared/contracts/auth';
import { AppFailure } from '../../shared/result';
import { idleLockMinutes, lockSession, setIdleLockMinutes, signIn, signOut, unlockSession } from '../app/sessions';
import { handle } from './define';

/** Signing in and out of a desk, and the idle lock. */
export const authHandlers = [
  handle(authSignIn, 'public', (input, { app, session }) => signIn(app, session, input.username, input.password)),

  handle(authSignOut, 'public', (_i, { app, session }) => {
    signOut(app, session);
    return {};
  }),

  handle(authLock, 'user', (input, { app, session }) => {
    lockSession(app, session, input.manual === true);
    return {};
  }),

  handle(authUnlock, 'user', (input, { app, session }) => unlockSession(app, session, input.password)),

  handle(authIdleLock, 'user', (_i, { app }) => ({ minutes: idleLockMinutes(app.db) })),

  handle(authSetIdleLock, 'user', (input, { app, session }) => {
    if (!session.user || !mayChangeIdleLock(session.user.role)) {
      throw new AppFailure('refused', 'Solo un coordinador o un administrador cambia el bloqueo por inactividad.');
    }
    return { minutes: setIdleLockMinutes(app, session, input.minutes) };
  }),
];
