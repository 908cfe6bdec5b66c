import {
  stationsEnrol,
  stationsIdentity,
  stationsList,
  stationsReadIdentityFile,
  stationsSaveIdentity,
  stationsTrustCentral,
} from '../../shared/contracts/stations';
import { identityDir } from '../app/services';
import type { Session } from '../app/services';
import { readIdentityFile } from '../stations/identityFile';
import { localIdentity, saveIdentity, stationList } from '../stations/stationDirectory';
import { enrolStation, planEnrol, planTrustCentral, trustCentral, type Actor } from '../stations/trust';
import { getLocalStationKey } from '../db/stations';
import { handle } from './define';
import { requireStation } from './station';

function actor(session: Session): Actor {
  return { userId: session.user?.id ?? null, userName: session.user?.fullName ?? null };
}

export const stationHandlers = [
  handle(stationsIdentity, 'user', (_i, { app }) => {
    requireStation(app.db);
    return localIdentity(app.db, app.stationKey);
  }),

  handle(stationsSaveIdentity, 'stations', async (input, { app }) => {
    requireStation(app.db);
    return saveIdentity(app.db, await app.stationKey(), { path: input.path, folder: identityDir(app) });
  }),

  // A preview: the file is checked and what trusting it would do is said, nothing is written.
  handle(stationsReadIdentityFile, 'stations', async (input, { app }) => {
    requireStation(app.db);
    const identity = await readIdentityFile(input.path);
    const plan = getLocalStationKey(app.db)?.role === 'CENTRAL' ? planEnrol(app.db, identity) : planTrustCentral(app.db, identity);
    const prev = plan.previous;
    return {
      stationId: identity.stationId,
      code: identity.code,
      office: identity.office,
      regional: identity.regional,
      city: identity.city,
      role: identity.role,
      fingerprint: identity.fingerprint,
      createdAt: identity.createdAt,
      action: plan.action,
      previous: prev && plan.action === 'REEMPLAZO' ? { code: prev.code, office: prev.office, fingerprint: prev.fingerprint } : null,
    };
  }),

  handle(stationsTrustCentral, 'stations', async (input, { app, session }) => {
    requireStation(app.db);
    const identity = await readIdentityFile(input.path);
    return trustCentral(app.db, { identity, confirmedFingerprint: input.fingerprint, reason: input.reason, actor: actor(session) });
  }),

  handle(stationsEnrol, 'stations', async (input, { app, session }) => {
    requireStation(app.db);
    const identity = await readIdentityFile(input.path);
    return enrolStation(app.db, { identity, confirmedFingerprint: input.fingerprint, reason: input.reason, actor: actor(session) });
  }),

  handle(stationsList, 'user', (_i, { app }) => {
    requireStation(app.db);
    return stationList(app.db);
  }),
];
