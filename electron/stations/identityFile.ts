import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { IDENTITY_FORMAT, IDENTITY_VERSION, identityPayload, StationIdentity, type StationIdentityBody } from '../../shared/identity';
import { AppFailure } from '../../shared/result';
import { normalizeStationCode, stationCodeProblem } from '../../shared/station';
import type { StationKey } from '../auth/keyFile';
import { isEncryptionKey } from '../auth/encryptionKeys';
import { fingerprintOf, isPublicKey, verifySignature } from '../auth/stationKeys';
import { nowIso } from '../db/ids';
import type { StationKeyRow } from '../db/stations';

/**
 * A station's public identity file (shared/identity.ts): written signed by the station's own key,
 * and read as hostile input — it comes on a USB stick or by e-mail from someone who says they are
 * an office or Posventa. Reading proves only that whoever made the file holds the key it carries;
 * that the key belongs to the office it names is what people confirm by reading the fingerprint.
 */

/** Far above a real identity (about 600 bytes); anything larger is not one. */
export const MAX_IDENTITY_BYTES = 64 * 1024;

const SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

export function identityFileName(code: string): string {
  return `identidad_${code}.json`;
}

/** This station's identity, signed by its key; with its encryption key once it has one. */
export function signedIdentity(station: StationKeyRow, key: StationKey): StationIdentity {
  const body: StationIdentityBody = {
    format: IDENTITY_FORMAT,
    version: key.encryption ? IDENTITY_VERSION : 1,
    stationId: station.id,
    code: station.code,
    office: station.office,
    regional: station.regional,
    city: station.city,
    role: station.role,
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    createdAt: nowIso(),
    ...(key.encryption ? { encryptionKey: key.encryption.publicKey } : {}),
  };
  return { ...body, signature: key.sign(identityPayload(body)).toString('base64') };
}

function refused(name: string, why: string): AppFailure {
  return new AppFailure('refused', `El archivo «${name}» ${why}`);
}

async function readBounded(path: string, name: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppFailure('not_found', `No se encontró el archivo ${path}. Revise la ruta e intente de nuevo.`);
    if (code === 'EISDIR') throw refused(name, 'es una carpeta, no un archivo de identidad de Recupera.');
    throw new AppFailure('refused', `No se pudo abrir el archivo ${path}: no hay permiso o la unidad no está disponible.`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw refused(name, 'es una carpeta, no un archivo de identidad de Recupera.');
    if (!info.isFile()) throw refused(name, 'no es un archivo de identidad de Recupera.');
    if (info.size > MAX_IDENTITY_BYTES) throw refused(name, 'es demasiado grande para ser un archivo de identidad de Recupera.');
    // Read at most one byte past the limit: a file growing while read is still refused.
    const buffer = Buffer.alloc(MAX_IDENTITY_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_IDENTITY_BYTES) throw refused(name, 'es demasiado grande para ser un archivo de identidad de Recupera.');
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure('refused', `No se pudo leer el archivo ${path}. Revise la unidad e intente de nuevo.`);
  } finally {
    await handle.close();
  }
}

/**
 * Parses and checks an identity file: size, JSON, its shape, the station code, that the
 * fingerprint is its key's and that the key signed it. Every refusal says why in Spanish.
 */
export async function readIdentityFile(path: string, shownName?: string): Promise<StationIdentity> {
  const name = shownName ?? basename(path);
  return checkIdentityText(await readBounded(path, name), name);
}

export function checkIdentityText(text: string, name: string): StationIdentity {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw refused(name, 'no es un archivo de identidad de Recupera (no se puede leer su contenido).');
  }
  const head = raw && typeof raw === 'object' ? (raw as { format?: unknown; version?: unknown }) : {};
  if (head.format !== IDENTITY_FORMAT) throw refused(name, 'no es un archivo de identidad de Recupera.');
  if (head.version !== 1 && head.version !== IDENTITY_VERSION) throw refused(name, 'es de una versión de Recupera que esta no reconoce. Actualice Recupera en esta computadora.');
  const parsed = StationIdentity.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'contenido';
    throw refused(name, `está incompleto o dañado (campo «${field}»). Pida a la estación que lo genere de nuevo.`);
  }
  const identity = parsed.data;
  if (normalizeStationCode(identity.code) !== identity.code || stationCodeProblem(identity.code)) {
    throw refused(name, `tiene un código de estación no válido («${identity.code}»).`);
  }
  if (!isPublicKey(identity.publicKey)) throw refused(name, 'tiene una clave pública no válida. Pida a la estación que lo genere de nuevo.');
  // Version 1 signed no encryption key: one found in such a file was added by someone else.
  if (identity.version === 1 ? identity.encryptionKey !== undefined : !isEncryptionKey(identity.encryptionKey)) {
    throw refused(name, 'fue alterado o está dañado: su llave de cifrado no es válida. No lo use; pida a la estación un archivo nuevo.');
  }
  if (fingerprintOf(identity.publicKey) !== identity.fingerprint) {
    throw refused(name, 'fue alterado: su huella no corresponde a su clave pública. No lo use; pida a la estación un archivo nuevo.');
  }
  if (!SIGNATURE.test(identity.signature) || !verifySignature(identity.publicKey, identityPayload(identity), Buffer.from(identity.signature, 'base64'))) {
    throw refused(name, 'fue alterado o está dañado: su firma no es válida. No lo use; pida a la estación un archivo nuevo.');
  }
  return identity;
}
