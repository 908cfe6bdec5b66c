import { AppFailure } from '../../shared/result';
import { addEncryptionKey, createStationKey, keyFilePath, readStationKey, type KeyProtector, type StationKey } from '../auth/keyFile';
import type { Db } from '../db/open';
import type { JobRequest } from '../jobs/protocol';
import { getLocalStationKey, recordKeyEvent, setLocalEncryptionKey, setLocalStationKey } from '../db/stations';
import { runWrite } from '../db/writeSession';

/**
 * The local station's signing key, loaded once per process. A station configured before keys
 * existed gets its first key here (and the event is recorded); a station whose key file is gone
 * or does not match the key it registered cannot sign, and says so: its packages would be refused.
 * A key file from before encryption keys is given its X25519 pair here, and the station's row its
 * public half (its next identity file carries it).
 */
export function stationKeyLoader(o: { db: Db; dbPath: string; protector: KeyProtector }): () => Promise<StationKey> {
  let cached: StationKey | null = null;
  let pending: Promise<StationKey> | null = null;
  const withEncryption = async (key: StationKey): Promise<StationKey> => {
    const full = await addEncryptionKey(o.dbPath, key, o.protector);
    const publicKey = full.encryption!.publicKey;
    if (getLocalStationKey(o.db)?.encryption_key !== publicKey) runWrite(o.db, (tx) => setLocalEncryptionKey(tx, publicKey));
    return full;
  };
  const load = async (): Promise<StationKey> => withEncryption(await loadSigning());
  const loadSigning = async (): Promise<StationKey> => {
    const station = getLocalStationKey(o.db);
    if (!station) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
    const key = readStationKey(o.dbPath, station.id, o.protector);
    if (key) {
      if (station.public_key && station.public_key !== key.publicKey) {
        throw new AppFailure(
          'refused',
          `La clave de esta estación (${keyFilePath(o.dbPath)}) no es la que tiene registrada: no puede firmar. Restaure el archivo de clave original o pida a Posventa registrar la estación de nuevo.`,
        );
      }
      if (!station.public_key) runWrite(o.db, (tx) => setLocalStationKey(tx, key.publicKey, key.fingerprint));
      return key;
    }
    if (station.public_key) {
      throw new AppFailure(
        'refused',
        `Falta el archivo de clave de esta estación (${keyFilePath(o.dbPath)}): no puede firmar. Restáurelo desde su respaldo o pida a Posventa registrar la estación de nuevo.`,
      );
    }
    const created = await createStationKey(o.dbPath, station.id, o.protector);
    runWrite(o.db, (tx) => {
      setLocalStationKey(tx, created.publicKey, created.fingerprint);
      recordKeyEvent(tx, { stationId: station.id, stationCode: station.code, event: 'CREADA', publicKey: created.publicKey, fingerprint: created.fingerprint });
    });
    return created;
  };
  return async () => {
    if (cached) return cached;
    pending ??= load().finally(() => {
      pending = null;
    });
    cached = await pending;
    return cached;
  };
}

/**
 * The station's keys as a job that opens what arrives encrypted to it takes them (in memory only),
 * or null when this process cannot open the key file (sealed by the desktop app): plain files still go through.
 */
export async function openingKeys(stationKey: () => Promise<StationKey>): Promise<JobRequest['signingKey'] | null> {
  const key = await stationKey().catch((e: unknown) => {
    if (e instanceof AppFailure) return null;
    throw e;
  });
  return key ? { stationId: key.stationId, privateKey: key.privateKey, encryptionPrivateKey: key.encryption?.privateKey ?? null } : null;
}
