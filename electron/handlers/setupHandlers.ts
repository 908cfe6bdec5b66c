import { appInfo, setupAdmin, setupInit } from '../../shared/contracts/app';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { AppFailure } from '../../shared/result';
import { normalizeStationCode, stationCodeProblem } from '../../shared/station';
import { actorOf } from '../app/audit';
import { createFirstAdmin, initStation, saveCampaign } from '../app/setup';
import { recordAudit } from '../db/audit';
import { runWrite } from '../db/writeSession';
import { createStationKey } from '../auth/keyFile';
import { recoveryKeyText } from '../auth/dataKey';
import { baseCounts } from '../db/customers';
import { newId } from '../db/ids';
import { campaignOf } from '../db/settings';
import { getLocalStation, getLocalStationKey } from '../db/stations';
import { countUsers } from '../db/users';
import { CAMPAIGN_LABELS } from '../../shared/campaign';
import { countOf as plural } from '../../shared/auditText';
import { audited } from './audited';
import { handle } from './define';

/** Only the keys that changed, old and new: what a controller needs, without the texts that stayed. */
function changedKeys<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T>; keys: Array<keyof T> } {
  const keys = (Object.keys(after) as Array<keyof T>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const pick = (o: T) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;
  return { before: pick(before), after: pick(after), keys };
}

export const setupHandlers = [
  handle(appInfo, 'public', (_i, { app, session }) => {
    const station = getLocalStationKey(app.db);
    const users = countUsers(app.db);
    const locked = session.user !== null && session.locked === true;
    return {
      version: app.version,
      station: station ? { code: station.code, office: station.office, regional: station.regional, city: station.city, central: station.role === 'CENTRAL' } : null,
      initialized: station !== null && users > 0,
      needsAdmin: station !== null && users === 0,
      user: session.user,
      locked,
      // Only the search screen shows them: the sign-in and lock screens do not wait for three scans of the base.
      counts: session.user && !locked ? baseCounts(app.db) : null,
    };
  }),

  handle(setupInit, 'public', async (input, { app, session }) => {
    const code = normalizeStationCode(input.stationCode);
    const problem = stationCodeProblem(code);
    if (problem) throw new AppFailure('validation', problem, { stationCode: problem });
    if (getLocalStation(app.db)) throw new AppFailure('conflict', 'Esta computadora ya tiene una estación configurada.');
    // The key is on disk before the station that names it is recorded.
    const key = await createStationKey(app.dbPath, newId(), app.keyProtector);
    // The station and its entry commit together (the admin's password is hashed inside this session:
    // harmless, nothing else can write before the station exists).
    const result = runWrite(app.db, (tx) => {
      const made = initStation(app.db, {
        role: input.central ? 'CENTRAL' : 'OFICINA',
        key,
        code,
        office: input.office,
        regional: input.regional?.trim() || null,
        city: input.city?.trim() || null,
        admin: input.admin,
      });
      const s = made.station;
      // The first administrator set the station up; without one, whoever runs the assistant (the command line).
      const by = made.user ? { id: made.user.id, username: made.user.username, fullName: made.user.fullName, role: made.user.role } : actorOf(session);
      recordAudit(tx, by, {
        action: 'ESTACION_CONFIGURADA',
        description: `Configuró esta computadora como ${input.central ? 'la central' : 'la estación'} ${s.code} (${s.office})`,
        targetKind: 'estacion',
        targetId: s.code,
        detail: { role: input.central ? 'CENTRAL' : 'OFICINA', office: s.office, regional: s.regional, city: s.city, fingerprint: key.fingerprint, admin: made.user?.username ?? null },
      });
      return made;
    });
    const user = result.user ? { id: result.user.id, username: result.user.username, fullName: result.user.fullName, role: result.user.role } : null;
    if (user) session.user = user;
    const { station } = result;
    return {
      station: { code: station.code, office: station.office, regional: station.regional, city: station.city, central: input.central === true },
      user,
      recoveryKey: recoveryKeyText(app.dataKey),
    };
  }),

  handle(setupAdmin, 'public', (input, { app, session }) => {
    const user = createFirstAdmin(app.db, input);
    session.user = { id: user.id, username: user.username, fullName: user.fullName, role: user.role };
    return session.user;
  }),

  handle(settingsGet, 'user', (_i, { app }) => campaignOf(app.db)),

  handle(settingsUpdate, 'settings', (input, ctx) => {
    let before = campaignOf(ctx.app.db);
    return audited(
      ctx,
      (tx) => {
        before = campaignOf(tx);
        return saveCampaign(ctx.app.db, input);
      },
      (after) => {
        const diff = changedKeys(before, after);
        if (diff.keys.length === 0) return null;
        return {
          action: 'CONFIGURACION_CAMBIADA',
          description: `Cambió la configuración de la campaña (${plural(diff.keys.length, 'campo', 'campos')}: ${diff.keys.map((k) => CAMPAIGN_LABELS[k]).join(', ')})`,
          targetKind: 'configuracion',
          targetId: 'campaign',
          detail: { before: diff.before, after: diff.after },
        };
      },
    );
  }),
];
