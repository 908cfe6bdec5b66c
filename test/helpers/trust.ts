import type { AppServices } from '../../electron/app/services';
import { getLocalStationKey, recordKeyEvent, upsertTrustedStation } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { generateEncryptionKeys } from '../../electron/auth/encryptionKeys';
import { fingerprintOf, generateStationKeys, publicKeyOf } from '../../electron/auth/stationKeys';
import { addressedTo, rememberCentralKey, rememberOfficeKey } from './packages';

/** The local station of `app` as another station records it, with the key it signs with. */
async function identityOf(app: AppServices) {
  const key = await app.stationKey();
  const s = getLocalStationKey(app.db)!;
  return { id: s.id, code: s.code, office: s.office, regional: s.regional, city: s.city, role: s.role, publicKey: key.publicKey, fingerprint: key.fingerprint, encryptionKey: key.encryption?.publicKey ?? null };
}

/**
 * The trust a real campaign sets up by hand (identity files read aloud): the central enrols each
 * office's key and every office trusts the central's, each with its encryption key (offices
 * encrypt their packages to the central, the central its national updates to the offices). Written straight through the repository, so
 * tests of packages and updates do not depend on the enrolment screens.
 */
export async function linkStations(central: AppServices, offices: AppServices[]): Promise<void> {
  const c = await identityOf(central);
  const centralKey = (await central.stationKey()).encryption;
  if (centralKey) rememberCentralKey(centralKey);
  for (const o of offices) {
    const s = await identityOf(o);
    // National updates are encrypted to each enrolled office: tests that look inside one open it with an office's key.
    const officeKey = (await o.stationKey()).encryption;
    if (officeKey) rememberOfficeKey(officeKey);
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

/** Enrols `office` at `central` alone, as registrar-estacion does; the office keeps trusting the central it trusts. */
export async function enrolAt(central: AppServices, office: AppServices): Promise<void> {
  const s = await identityOf(office);
  const officeKey = (await office.stationKey()).encryption;
  if (officeKey) rememberOfficeKey(officeKey);
  runWrite(central.db, (tx) => {
    upsertTrustedStation(tx, s);
    recordKeyEvent(tx, { stationId: s.id, stationCode: s.code, event: 'REGISTRADA', publicKey: s.publicKey, fingerprint: s.fingerprint });
  });
}

/** The code of the stand-in central `trustTestCentral` gives an office. */
export const TEST_CENTRAL = 'PV-PRUEBA';

/**
 * Has an office trust a stand-in central (keys made here, no app behind it), for tests that export
 * before any real central exists: an office never writes a package in the clear. Tests that then
 * consolidate at a real central pass the package through `forCentral`.
 */
export function trustTestCentral(office: AppServices): void {
  const signing = publicKeyOf(generateStationKeys().privateKey);
  const encryption = generateEncryptionKeys();
  rememberCentralKey(encryption);
  runWrite(office.db, (tx) =>
    upsertTrustedStation(tx, {
      id: `central-de-prueba-${signing.slice(0, 8)}`,
      code: TEST_CENTRAL,
      office: 'Posventa (prueba)',
      regional: null,
      city: null,
      role: 'CENTRAL',
      publicKey: signing,
      fingerprint: fingerprintOf(signing),
      encryptionKey: encryption.publicKey,
    }),
  );
}

/** The package at `path` addressed to `central` (see addressedTo), ready to consolidate there. */
export async function forCentral(central: AppServices, path: string): Promise<string> {
  const key = (await central.stationKey()).encryption!;
  return addressedTo(path, { code: getLocalStationKey(central.db)!.code, publicKey: key.publicKey });
}
