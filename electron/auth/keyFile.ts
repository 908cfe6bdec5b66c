import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { produceFileAtomic } from '../files/atomicFile';
import { encryptionPublicKeyOf, generateEncryptionKeys, type EncryptionKeyPair } from './encryptionKeys';
import { fingerprintOf, generateStationKeys, publicKeyOf, signerFor } from './stationKeys';

/**
 * The station's private key on disk: one file beside the database (`recupera.clave` for
 * `recupera.sqlite`), never inside it, so a copy of the database (a backup, a diagnostic) never
 * carries it. In the desktop app the key is sealed with Electron's safeStorage (the operating
 * system's user keychain); where that does not exist (the CLI, the browser mode, tests) it is kept
 * as it is, readable only by its owner, and the file says which.
 *
 * Beside the Ed25519 signing key the file holds the station's X25519 key (encryptionKeys.ts), sealed
 * the same way. A file from before that key existed has no `encryption*` fields: it is still read,
 * and `addEncryptionKey` rewrites it with one on first use (an older app reading the new file
 * ignores the extra fields).
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
  encryptionPublicKey: z.string().optional(),
  encryptionPrivateKey: z.string().min(1).optional(),
});
type KeyFile = z.infer<typeof KeyFile>;

/** The station's key, ready to sign. */
export interface StationKey {
  stationId: string;
  publicKey: string;
  fingerprint: string;
  /** PKCS#8 DER: handed to a job's worker thread of this process, never written anywhere else. */
  privateKey: Buffer;
  sign(data: string | Uint8Array): Buffer;
  /** The X25519 pair packages are encrypted to; null only for a key file older than it, until addEncryptionKey. */
  encryption: EncryptionKeyPair | null;
}

export function keyFilePath(dbPath: string): string {
  const ext = extname(dbPath);
  return join(dirname(dbPath), `${basename(dbPath, ext)}.clave`);
}

export function stationKeyFrom(stationId: string, privateKey: Buffer, encryptionPrivateKey?: Buffer | null): StationKey {
  const publicKey = publicKeyOf(privateKey);
  const encryption = encryptionPrivateKey ? { publicKey: encryptionPublicKeyOf(encryptionPrivateKey), privateKey: encryptionPrivateKey } : null;
  return { stationId, publicKey, fingerprint: fingerprintOf(publicKey), privateKey, sign: signerFor(privateKey), encryption };
}

function damaged(path: string): AppFailure {
  return new AppFailure('refused', `El archivo de clave de la estación está dañado (${path}).`);
}

function parseKeyFile(path: string): KeyFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppFailure('refused', `No se pudo leer la clave de la estación (${path}).`);
  }
  try {
    return KeyFile.parse(JSON.parse(text));
  } catch {
    throw damaged(path);
  }
}

async function writeKeyFile(path: string, file: KeyFile): Promise<void> {
  await produceFileAtomic(path, async (temporary) => {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(file, null, 2));
    } finally {
      await handle.close();
    }
  });
}

/**
 * The key of station `stationId`, or null when there is no key file. A file that is damaged, of
 * another station, or sealed in a way this process cannot open is refused in Spanish.
 */
export function readStationKey(dbPath: string, stationId: string, protector: KeyProtector): StationKey | null {
  const path = keyFilePath(dbPath);
  const parsed = parseKeyFile(path);
  if (!parsed) return null;
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
    const encryption = parsed.encryptionPrivateKey ? protector.unprotect(Buffer.from(parsed.encryptionPrivateKey, 'base64')) : null;
    key = stationKeyFrom(stationId, protector.unprotect(Buffer.from(parsed.privateKey, 'base64')), encryption);
  } catch {
    throw new AppFailure('refused', 'No se pudo abrir la clave de la estación con la protección de este usuario del sistema.');
  }
  if (key.publicKey !== parsed.publicKey) throw damaged(path);
  if (key.encryption && key.encryption.publicKey !== parsed.encryptionPublicKey) throw damaged(path);
  return key;
}

/**
 * Gives a key file from before encryption keys its X25519 pair: the file is rewritten whole with
 * the new fields (the signing key untouched) and the key is returned with it. A key that has one
 * is returned as it is.
 */
export async function addEncryptionKey(dbPath: string, key: StationKey, protector: KeyProtector): Promise<StationKey> {
  if (key.encryption) return key;
  const path = keyFilePath(dbPath);
  const parsed = parseKeyFile(path);
  if (!parsed || parsed.stationId !== key.stationId || parsed.publicKey !== key.publicKey) throw damaged(path);
  const pair = generateEncryptionKeys();
  await writeKeyFile(path, { ...parsed, encryptionPublicKey: pair.publicKey, encryptionPrivateKey: protector.protect(pair.privateKey).toString('base64') });
  return { ...key, encryption: pair };
}

/** A new key pair for station `stationId`, on disk (whole or not at all) before it is returned. */
export async function createStationKey(dbPath: string, stationId: string, protector: KeyProtector): Promise<StationKey> {
  const pair = generateStationKeys();
  const encryption = generateEncryptionKeys();
  await writeKeyFile(keyFilePath(dbPath), {
    format: 'recupera-clave',
    version: 1,
    stationId,
    publicKey: pair.publicKey,
    protection: protector.kind,
    privateKey: protector.protect(pair.privateKey).toString('base64'),
    encryptionPublicKey: encryption.publicKey,
    encryptionPrivateKey: protector.protect(encryption.privateKey).toString('base64'),
  });
  return stationKeyFrom(stationId, pair.privateKey, encryption.privateKey);
}
