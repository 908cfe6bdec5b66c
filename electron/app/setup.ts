import { DEFAULT_CAMPAIGN, type CampaignSettings } from '../../shared/campaign';
import type { StationRole } from '../../shared/identity';
import type { Role } from '../../shared/roles';
import { AppFailure } from '../../shared/result';
import type { StationKey } from '../auth/keyFile';
import { hashPassword } from '../auth/password';
import type { Db } from '../db/open';
import { campaignOf, readSetting, writeSetting } from '../db/settings';
import { getLocalStation, insertLocalStation, recordKeyEvent, type StationRow } from '../db/stations';
import { countUsers, findUserForLogin, insertUser, type UserRow } from '../db/users';
import { runWrite } from '../db/writeSession';

interface NewUser {
  username: string;
  fullName: string;
  password: string;
}

/**
 * First run: the station this PC is (an office, or the central at Posventa) with the key made for
 * it, the campaign's default settings and, when given, the first administrator, together or not
 * at all (two windows finishing the wizard at once: one wins; the loser's key file is replaced by
 * the next key made for that station id, which never happens as ids are new).
 */
export function initStation(
  db: Db,
  s: { code: string; office: string; regional: string | null; city: string | null; admin?: NewUser; role?: StationRole; key?: StationKey },
): { station: StationRow; user: UserRow | null } {
  // scrypt takes ~50 ms: hashed before the session, so the write lock is not held for it.
  const passwordHash = s.admin ? hashPassword(s.admin.password) : null;
  return runWrite(db, (tx) => {
    if (getLocalStation(tx)) throw new AppFailure('conflict', 'Esta computadora ya tiene una estación configurada.');
    const key = s.key;
    const station = insertLocalStation(tx, {
      id: key?.stationId,
      code: s.code,
      office: s.office,
      regional: s.regional,
      city: s.city,
      role: s.role ?? 'OFICINA',
      publicKey: key?.publicKey,
      fingerprint: key?.fingerprint,
    });
    if (key) recordKeyEvent(tx, { stationId: station.id, stationCode: station.code, event: 'CREADA', publicKey: key.publicKey, fingerprint: key.fingerprint });
    if (!readSetting(tx, 'campaign')) writeSetting(tx, 'campaign', DEFAULT_CAMPAIGN);
    const user = s.admin && passwordHash ? insertUser(tx, { ...s.admin, role: 'ADMIN', passwordHash, originStation: s.code }) : null;
    return { station, user };
  });
}

/** The first administrator of a station configured without one; refused once anyone exists. */
export function createFirstAdmin(db: Db, u: NewUser): UserRow {
  const passwordHash = hashPassword(u.password);
  return runWrite(db, (tx) => {
    const station = getLocalStation(tx);
    if (!station) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
    if (countUsers(tx) > 0) throw new AppFailure('conflict', 'Ya existe un administrador. Ingrese con su usuario.');
    return insertUser(tx, { ...u, role: 'ADMIN', passwordHash, originStation: station.code });
  });
}

/** A new user of this station; the name is checked inside the session, so two admins cannot both take it. */
export function createUser(db: Db, u: NewUser & { role: Role }, stationCode: string): UserRow {
  const passwordHash = hashPassword(u.password);
  return runWrite(db, (tx) => {
    if (findUserForLogin(tx, u.username)) {
      throw new AppFailure('conflict', `El usuario «${u.username}» ya existe.`, { username: 'Ya existe.' });
    }
    return insertUser(tx, { ...u, passwordHash, originStation: stationCode });
  });
}

export function saveCampaign(db: Db, settings: CampaignSettings): CampaignSettings {
  if (settings.deadline < settings.startDate) {
    throw new AppFailure('validation', 'La fecha límite no puede ser anterior al inicio de la campaña.', { deadline: 'Antes del inicio.' });
  }
  return runWrite(db, (tx) => {
    writeSetting(tx, 'campaign', settings);
    return campaignOf(tx);
  });
}
