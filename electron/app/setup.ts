import { DEFAULT_CAMPAIGN, type CampaignSettings } from '../../shared/campaign';
import type { StationRole } from '../../shared/identity';
import { AppFailure } from '../../shared/result';
import type { StationKey } from '../auth/keyFile';
import { hashPassword } from '../auth/password';
import type { Db } from '../db/open';
import { campaignOf, readSetting, writeSetting } from '../db/settings';
import { keepOpenCampaignInStep } from '../db/campaigns';
import { getLocalStation, insertLocalStation, recordKeyEvent, type StationRow } from '../db/stations';
import { recordAudit } from '../db/audit';
import { countUsers, insertUser, type UserRow } from '../db/users';
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
      encryptionKey: key?.encryption?.publicKey ?? null,
    });
    if (key) recordKeyEvent(tx, { stationId: station.id, stationCode: station.code, event: 'CREADA', publicKey: key.publicKey, fingerprint: key.fingerprint });
    if (!readSetting(tx, 'campaign')) writeSetting(tx, 'campaign', DEFAULT_CAMPAIGN);
    const user = s.admin && passwordHash ? insertUser(tx, { ...s.admin, role: 'ADMIN', passwordHash, originStation: s.code }) : null;
    if (user) recordAudit(tx, null, { action: 'USUARIO_CREADO', description: `Creó el primer administrador «${user.username}» (${user.fullName}).`, targetKind: 'usuario', targetId: user.id, detail: { username: user.username, fullName: user.fullName, role: user.role } });
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
    const admin = insertUser(tx, { ...u, role: 'ADMIN', passwordHash, originStation: station.code });
    recordAudit(tx, null, { action: 'USUARIO_CREADO', description: `Creó el primer administrador «${admin.username}» (${admin.fullName}).`, targetKind: 'usuario', targetId: admin.id, detail: { username: admin.username, fullName: admin.fullName, role: admin.role } });
    return admin;
  });
}

export function saveCampaign(db: Db, settings: CampaignSettings): CampaignSettings {
  if (settings.deadline < settings.startDate) {
    throw new AppFailure('validation', 'La fecha límite no puede ser anterior al inicio de la campaña.', { deadline: 'Antes del inicio.' });
  }
  return runWrite(db, (tx) => {
    writeSetting(tx, 'campaign', settings);
    keepOpenCampaignInStep(tx);
    return campaignOf(tx);
  });
}
