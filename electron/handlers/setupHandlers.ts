import { DEFAULT_CAMPAIGN } from '../../shared/campaign';
import { appInfo, authSignIn, authSignOut, setupAdmin, setupInit, usersCreate, usersList } from '../../shared/contracts/app';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { AppFailure } from '../../shared/result';
import { normalizeStationCode, stationCodeProblem } from '../../shared/station';
import { hashPassword, verifyPassword } from '../auth/password';
import { campaignOf, readSetting, writeSetting } from '../db/settings';
import { getLocalStation, insertLocalStation } from '../db/stations';
import { countUsers, findUserForLogin, insertUser, listUsers } from '../db/users';
import type { Db } from '../db/open';
import { handle } from './define';

function requireStation(db: Db) {
  const station = getLocalStation(db);
  if (!station) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
  return station;
}

// Failed sign-ins per user name; a short lock slows down guessing at a shared desk.
const failures = new Map<string, { count: number; until: number }>();

export const setupHandlers = [
  handle(appInfo, 'public', (_i, { app, session }) => {
    const station = getLocalStation(app.db);
    const users = countUsers(app.db);
    const n = (sql: string) => app.db.prepare(sql).pluck().get() as number;
    return {
      version: app.version,
      station: station ? { code: station.code, office: station.office, regional: station.regional, city: station.city } : null,
      initialized: station !== null && users > 0,
      needsAdmin: station !== null && users === 0,
      user: session.user,
      counts: {
        customers: n('SELECT count(*) FROM customers'),
        services: n('SELECT count(*) FROM services'),
        items: n('SELECT count(*) FROM expected_items'),
      },
    };
  }),

  handle(setupInit, 'public', (input, { app, session }) => {
    const code = normalizeStationCode(input.stationCode);
    const problem = stationCodeProblem(code);
    if (problem) throw new AppFailure('validation', problem, { stationCode: problem });
    const result = app.db.transaction(() => {
      if (getLocalStation(app.db)) throw new AppFailure('conflict', 'Esta computadora ya tiene una estación configurada.');
      const station = insertLocalStation(app.db, {
        code,
        office: input.office,
        regional: input.regional?.trim() || null,
        city: input.city?.trim() || null,
      });
      if (!readSetting(app.db, 'campaign')) writeSetting(app.db, 'campaign', DEFAULT_CAMPAIGN);
      const user = input.admin
        ? insertUser(app.db, {
            username: input.admin.username,
            fullName: input.admin.fullName,
            role: 'ADMIN',
            passwordHash: hashPassword(input.admin.password),
            originStation: code,
          })
        : null;
      return { station, user };
    })();
    const user = result.user ? { id: result.user.id, username: result.user.username, fullName: result.user.fullName, role: result.user.role } : null;
    if (user) session.user = user;
    const { station } = result;
    return { station: { code: station.code, office: station.office, regional: station.regional, city: station.city }, user };
  }),

  handle(setupAdmin, 'public', (input, { app, session }) => {
    const user = app.db.transaction(() => {
      const station = requireStation(app.db);
      if (countUsers(app.db) > 0) throw new AppFailure('conflict', 'Ya existe un administrador. Ingrese con su usuario.');
      return insertUser(app.db, { ...input, role: 'ADMIN', passwordHash: hashPassword(input.password), originStation: station.code });
    })();
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
    if (findUserForLogin(app.db, input.username)) {
      throw new AppFailure('conflict', `El usuario «${input.username}» ya existe.`, { username: 'Ya existe.' });
    }
    const u = insertUser(app.db, { ...input, passwordHash: hashPassword(input.password), originStation: station.code });
    return { id: u.id, username: u.username, fullName: u.fullName, role: u.role };
  }),

  handle(settingsGet, 'user', (_i, { app }) => campaignOf(app.db)),

  handle(settingsUpdate, 'settings', (input, { app }) => {
    if (input.deadline < input.startDate) {
      throw new AppFailure('validation', 'La fecha límite no puede ser anterior al inicio de la campaña.', { deadline: 'Antes del inicio.' });
    }
    writeSetting(app.db, 'campaign', input);
    return campaignOf(app.db);
  }),
];

export { requireStation };
