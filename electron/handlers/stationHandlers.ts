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
import { resolveFileToken } from '../app/fileTokens';
import { readIdentityFile } from '../stations/identityFile';
import { localIdentity, saveIdentity, stationList } from '../stations/stationDirectory';
import { enrolStation, planEnrol, planTrustCentral, trustCentral, type Actor } from '../stations/trust';
import { getLocalStationKey } from '../db/stations';
import type { AuditEvent } from '../../shared/audit';
import type { TrustOutcome } from '../../shared/contracts/stations';
import { audited } from './audited';
import { handle } from './define';
import { namedDestination } from './destination';
import { requireStation } from './station';

/** A station key trusted, enrolled or replaced; nothing is recorded when the file changed nothing. */
function keyEvent(o: TrustOutcome, reason: string | undefined): AuditEvent | null {
  const who = `${o.code} (${o.office})`;
  const description =
    o.status === 'CONFIADA'
      ? `Confió en la central ${who}`
      : o.status === 'REGISTRADA'
        ? `Registró la estación ${who}`
        : o.status === 'REEMPLAZADA'
          ? `${o.role === 'CENTRAL' ? 'Reemplazó la clave de la central' : 'Registró con una clave nueva la estación'} ${who}${reason?.trim() ? `. Motivo: ${reason.trim()}` : ''}`
          : null;
  if (!description) return null;
  return {
    action: 'CLAVE_ESTACION',
    description,
    targetKind: 'estacion',
    targetId: o.code,
    detail: { status: o.status, fingerprint: o.fingerprint, previousFingerprint: o.previousFingerprint, reason: reason?.trim() || null },
  };
}

function actor(session: Session): Actor {
  return { userId: session.user?.id ?? null, userName: session.user?.fullName ?? null };
}


/** The chosen identity file, refusals naming it as the person saw it (in browser mode the upload is kept under a generated name). */
function readChosenIdentity(session: Parameters<typeof resolveFileToken>[0], token: string) {
  const chosen = resolveFileToken(session, token);
  return readIdentityFile(chosen.path, chosen.name);
}

export const stationHandlers = [
  handle(stationsIdentity, 'user', (_i, { app }) => {
    requireStation(app.db);
    return localIdentity(app.db, app.stationKey);
  }),

  handle(stationsSaveIdentity, 'stations', async (input, { app, session }) => {
    requireStation(app.db);
    return saveIdentity(app.db, await app.stationKey(), { path: namedDestination(session, input.path), folder: identityDir(app) });
  }),

  // A preview: the file is checked and what trusting it would do is said, nothing is written.
  handle(stationsReadIdentityFile, 'stations', async (input, { app, session }) => {
    requireStation(app.db);
    const identity = await readChosenIdentity(session, input.file.token);
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

  handle(stationsTrustCentral, 'stations', async (input, ctx) => {
    const { app, session } = ctx;
    requireStation(app.db);
    const identity = await readChosenIdentity(session, input.file.token);
    return audited(
      ctx,
      () => trustCentral(app.db, { identity, confirmedFingerprint: input.fingerprint, reason: input.reason, actor: actor(session) }),
      (o) => keyEvent(o, input.reason),
    );
  }),

  handle(stationsEnrol, 'stations', async (input, ctx) => {
    const { app, session } = ctx;
    requireStation(app.db);
    const identity = await readChosenIdentity(session, input.file.token);
    return audited(
      ctx,
      () => enrolStation(app.db, { identity, confirmedFingerprint: input.fingerprint, reason: input.reason, actor: actor(session) }),
      (o) => keyEvent(o, input.reason),
    );
  }),

  handle(stationsList, 'user', (_i, { app }) => {
    requireStation(app.db);
    return stationList(app.db);
  }),
];
