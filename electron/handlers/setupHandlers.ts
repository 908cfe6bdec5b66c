import { appInfo, setupAdmin, setupInit } from '../../shared/contracts/app';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { AppFailure } from '../../shared/result';
import { normalizeStationCode, stationCodeProblem } from '../../shared/station';
import { createFirstAdmin, initStation, saveCampaign } from '../app/setup';
import { createStationKey } from '../auth/keyFile';
import { baseCounts } from '../db/customers';
import { newId } from '../db/ids';
import { campaignOf } from '../db/settings';
import { getLocalStation } from '../db/stations';
import { countUsers } from '../db/users';
import { handle } from './define';

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

  handle(settingsGet, 'user', (_i, { app }) => campaignOf(app.db)),

  handle(settingsUpdate, 'settings', (input, { app }) => saveCampaign(app.db, input)),
];
