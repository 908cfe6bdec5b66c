import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { OutputOf } from '../../shared/contracts/contract';
import type { SavedIdentity, stationsIdentity, stationsList } from '../../shared/contracts/stations';
import { AppFailure } from '../../shared/result';
import type { StationKey } from '../auth/keyFile';
import type { ReadDb } from '../db/open';
import { centralStation, getLocalStationKey, listKeyEvents, listStations, type StationKeyRow } from '../db/stations';
import { writeFileAtomic } from '../files/atomicFile';
import { identityFileName, signedIdentity } from './identityFile';

/** This station as the screens and the CLI show it, the stations known here, and the key history. */

/** How many key events the list shows: a campaign has a few per station. */
const EVENTS_SHOWN = 500;

function requireLocal(db: ReadDb): StationKeyRow {
  const local = getLocalStationKey(db);
  if (!local) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
  return local;
}

/** This station and the central it trusts. A key that cannot sign is told, not thrown: the screen must still show who we are. */
export async function localIdentity(db: ReadDb, stationKey: () => Promise<StationKey>): Promise<OutputOf<typeof stationsIdentity>> {
  let keyProblem: string | null = null;
  let fingerprint: string | null = null;
  try {
    fingerprint = (await stationKey()).fingerprint;
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    keyProblem = e.message;
  }
  // Read after the key: a station from before keys existed has just been given one.
  const local = requireLocal(db);
  const central = centralStation(db);
  return {
    local: { code: local.code, office: local.office, regional: local.regional, city: local.city, role: local.role, fingerprint: fingerprint ?? local.fingerprint, keyProblem },
    central:
      central && central.fingerprint && central.enrolled_at
        ? { code: central.code, office: central.office, regional: central.regional, city: central.city, role: central.role, fingerprint: central.fingerprint, trustedAt: central.enrolled_at }
        : null,
  };
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/**
 * Writes this station's signed identity, whole or not at all: to `path` (a folder gets the usual
 * file name inside it), or into `folder` (the data folder's, for the screen to offer a copy).
 */
export async function saveIdentity(db: ReadDb, key: StationKey, dest: { path?: string | undefined; folder: string }): Promise<SavedIdentity> {
  const local = requireLocal(db);
  const name = identityFileName(local.code);
  const target = !dest.path ? join(dest.folder, name) : (await isFolder(dest.path)) ? join(dest.path, name) : dest.path;
  await writeFileAtomic(target, `${JSON.stringify(signedIdentity(local, key), null, 2)}\n`);
  return { code: local.code, office: local.office, regional: local.regional, city: local.city, role: local.role, fingerprint: key.fingerprint, path: target, fileName: basename(target) };
}

export function stationList(db: ReadDb): OutputOf<typeof stationsList> {
  const local = requireLocal(db);
  return {
    role: local.role,
    stations: listStations(db).map((s) => ({
      code: s.code,
      office: s.office,
      regional: s.regional,
      city: s.city,
      role: s.role,
      local: s.is_local === 1,
      fingerprint: s.fingerprint,
      trustedAt: s.enrolled_at,
    })),
    events: listKeyEvents(db, EVENTS_SHOWN).map((e) => ({
      id: e.id,
      stationCode: e.station_code,
      event: e.event,
      fingerprint: e.fingerprint,
      previousFingerprint: e.previous_fingerprint,
      reason: e.reason,
      userName: e.user_name,
      at: e.created_at,
    })),
  };
}
