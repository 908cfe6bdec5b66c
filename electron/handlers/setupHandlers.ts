import { appInfo, authSignIn, authSignOut, setupAdmin, setupInit, usersCreate, usersList } from '../../shared/contracts/app';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { AppFailure } from '../../shared/result';
import { normalizeStationCode, stationCodeProblem } from '../../shared/station';
import { createFirstAdmin, createUser, initStation, saveCampaign } from '../app/setup';
import { createStationKey } from '../auth/keyFile';
import { verifyPassword } from '../auth/password';
import { baseCounts } from '../db/customers';
import { newId } from '../db/ids';
import { campaignOf } from '../db/settings';
import { getLocalStation } from '../db/stations';
import { countUsers, findUserForLogin, listUsers } from '../db/users';
import { handle } from './define';
import { requireStation } from './station';

// Failed sign-ins per user name; a short lock slows down guessing at a shared desk.
const failures = new Map<string, { count: number; until: number }>();

export const setupHandlers = [
  handle(appInfo, 'public', (_i, { app, session }) => {
    const station = getLocalStation(app.db);
    const users = countUsers(app.db);
    return {
      version: app.version,
      station: station ? { code: station.code, office: station.office, regional: station.regional, city: station.city } : null,
      initialized: station !== null && users > 0,
      needsAdmin: station !== null && users === 0,
      user: session.user,
      counts: baseCounts(app.db),
    };
  }),

  handle(setupInit, 'public', async (input, { app, session }) => {
    const code = normalizeStationCode(input.stationCode);
    const problem = stationCodeProblem(code);
    if (problem) throw new AppFailure('validation', problem, { stationCode: problem });
    if (getLocalStation(app.db)) throw new AppFailure('conflict', 'Esta computadora ya tiene una estación configurada.');
    // The key is on disk before the station that names it is recorded.
    const key = await createStationKey(app.dbPath, newId(), app.keyProtector);
    const result = initStation(app.db, {
      role: input.central ? 'CENTRAL' : 'OFICINA',
      key,
      code,
      office: input.office,
      regional: input.regional?.trim() || null,
      city: input.city?.trim() || null,
      admin: input.admin,
    });
    const user = result.user ? { id: result.user.id, username: result.user.username, fullName: result.user.fullName, role: result.user.role } : null;
    if (user) session.user = user;
    const { station } = result;
    return { station: { code: station.code, office: station.office, regional: station.regional, city: station.city }, user };
  }),

  handle(setupAdmin, 'public', (input, { app, session }) => {
    const user = createFirstAdmin(app.db, input);
    session.user = { id: user.id, username: user.username, fullName: user.fullName, role: user.role };
    return session.user;
  }),

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

  handle(usersList, 'users', (_i, { app }) => listUsers(app.db)),

  handle(usersCreate, 'users', (input, { app, session }) => {
    if (input.role === 'ADMIN' && session.user?.role !== 'ADMIN') {
      throw new AppFailure('refused', 'Solo un administrador puede crear otro administrador.');
    }
    const station = requireStation(app.db);
    const u = createUser(app.db, input, station.code);
    return { id: u.id, username: u.username, fullName: u.fullName, role: u.role };
  }),

  handle(settingsGet, 'user', (_i, { app }) => campaignOf(app.db)),

  handle(settingsUpdate, 'settings', (input, { app }) => saveCampaign(app.db, input)),
];
