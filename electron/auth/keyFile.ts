import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { produceFileAtomic } from '../files/atomicFile';
import { fingerprintOf, generateStationKeys, publicKeyOf, signerFor } from './stationKeys';

/**
 * The station's private key on disk: one file beside the database (`recupera.clave` for
 * `recupera.sqlite`), never inside it, so a copy of the database (a backup, a diagnostic) never
 * carries it. In the desktop app the key is sealed with Electron's safeStorage (the operating
 * system's user keychain); where that does not exist (the CLI, the browser mode, tests) it is kept
 * as it is, readable only by its owner, and the file says which.
 */

/** How the private key is sealed on disk. The shell supplies safeStorage's; elsewhere PLAIN_KEYS. */
export interface KeyProtector {
  readonly kind: 'safeStorage' | 'ninguna';
  protect(plain: Buffer): Buffer;
  unprotect(sealed: Buffer): Buffer;
}

export const PLAIN_KEYS: KeyProtector = { kind: 'ninguna', protect: (b) => b, unprotect: (b) => b };

const KeyFile = z.object({
  format: z.literal('recupera-clave'),
  version: z.literal(1),
  stationId: z.string().min(1),
  publicKey: z.string(),
  protection: z.enum(['safeStorage', 'ninguna']),
  privateKey: z.string().min(1),
});

/** The station's key, ready to sign. */
export interface StationKey {
  stationId: string;
  publicKey: string;
  fingerprint: string;
  /** PKCS#8 DER: handed to a job's worker thread of this process, never written anywhere else. */
  privateKey: Buffer;
  sign(data: string | Uint8Array): Buffer;
}

export function keyFilePath(dbPath: string): string {
  const ext = extname(dbPath);
  return join(dirname(dbPath), `${basename(dbPath, ext)}.clave`);
}

export function stationKeyFrom(stationId: string, privateKey: Buffer): StationKey {
  const publicKey = publicKeyOf(privateKey);
  return { stationId, publicKey, fingerprint: fingerprintOf(publicKey), privateKey, sign: signerFor(privateKey) };
}

/**
 * The key of station `stationId`, or null when there is no key file. A file that is damaged, of
 * another station, or sealed in a way this process cannot open is refused in Spanish.
 */
export function readStationKey(dbPath: string, stationId: string, protector: KeyProtector): StationKey | null {
  const path = keyFilePath(dbPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppFailure('refused', `No se pudo leer la clave de la estación (${path}).`);
  }
  let parsed: z.infer<typeof KeyFile>;
  try {
    parsed = KeyFile.parse(JSON.parse(text));
  } catch {
    throw new AppFailure('refused', `El archivo de clave de la estación está dañado (${path}).`);
  }
  if (parsed.stationId !== stationId) return null;
  if (parsed.protection !== protector.kind) {
    throw new AppFailure(
      'refused',
      parsed.protection === 'safeStorage'
        ? 'La clave de esta estación está protegida por la aplicación de escritorio: firme y publique desde la aplicación.'
        : 'La clave de esta estación no está protegida; ábrala primero con la línea de comandos o vuelva a registrar la estación.',
    );
  }
  let key: StationKey;
  try {
    key = stationKeyFrom(stationId, protector.unprotect(Buffer.from(parsed.privateKey, 'base64')));
  } catch {
    throw new AppFailure('refused', 'No se pudo abrir la clave de la estación con la protección de este usuario del sistema.');
  }
  if (key.publicKey !== parsed.publicKey) throw new AppFailure('refused', `El archivo de clave de la estación está dañado (${path}).`);
  return key;
}

/** A new key pair for station `stationId`, on disk (whole or not at all) before it is returned. */
export async function createStationKey(dbPath: string, stationId: string, protector: KeyProtector): Promise<StationKey> {
  const pair = generateStationKeys();
  const file = {
    format: 'recupera-clave',
    version: 1,
    stationId,
    publicKey: pair.publicKey,
    protection: protector.kind,
    privateKey: protector.protect(pair.privateKey).toString('base64'),
  };
  await produceFileAtomic(keyFilePath(dbPath), async (temporary) => {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(file, null, 2));
    } finally {
      await handle.close();
    }
  });
  return stationKeyFrom(stationId, pair.privateKey);
}
