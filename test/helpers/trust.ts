import type { AppServices } from '../../electron/app/services';
import { getLocalStationKey, recordKeyEvent, upsertTrustedStation } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { rememberCentralKey } from './packages';

/** The local station of `app` as another station records it, with the key it signs with. */
async function identityOf(app: AppServices) {
  const key = await app.stationKey();
  const s = getLocalStationKey(app.db)!;
  return { id: s.id, code: s.code, office: s.office, regional: s.regional, city: s.city, role: s.role, publicKey: key.publicKey, fingerprint: key.fingerprint, encryptionKey: key.encryption?.publicKey ?? null };
}

/**
 * The trust a real campaign sets up by hand (identity files read aloud): the central enrols each
 * office's key and every office trusts the central's, with the central's encryption key (offices
 * encrypt their packages to it). Written straight through the repository, so
 * tests of packages and updates do not depend on the enrolment screens.
 */
export async function linkStations(central: AppServices, offices: AppServices[]): Promise<void> {
  const c = await identityOf(central);
  const centralKey = (await central.stationKey()).encryption;
  if (centralKey) rememberCentralKey(centralKey);
  for (const o of offices) {
    const s = await identityOf(o);
    runWrite(central.db, (tx) => {
      upsertTrustedStation(tx, s);
      recordKeyEvent(tx, { stationId: s.id, stationCode: s.code, event: 'REGISTRADA', publicKey: s.publicKey, fingerprint: s.fingerprint });
    });
    runWrite(o.db, (tx) => {
      upsertTrustedStation(tx, c);
      recordKeyEvent(tx, { stationId: c.id, stationCode: c.code, event: 'CENTRAL_CONFIADA', publicKey: c.publicKey, fingerprint: c.fingerprint });
    });
  }
}
