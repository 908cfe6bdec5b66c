import { usersCreate, usersList } from '../../shared/contracts/app';
import { AppFailure } from '../../shared/result';
import { createUser } from '../app/setup';
import { listUsers } from '../db/users';
import { handle } from './define';
import { requireStation } from './station';

/** The station's users: who may attend, import, review; managed by coordinators and administrators. */
export const userHandlers = [
  handle(usersList, 'users', (_i, { app }) => listUsers(app.db)),

  handle(usersCreate, 'users', (input, { app, session }) => {
    if (input.role === 'ADMIN' && session.user?.role !== 'ADMIN') {
      throw new AppFailure('refused', 'Solo un administrador puede crear otro administrador.');
    }
    const station = requireStation(app.db);
    const u = createUser(app.db, input, station.code);
    return { id: u.id, username: u.username, fullName: u.fullName, role: u.role };
  }),

];
