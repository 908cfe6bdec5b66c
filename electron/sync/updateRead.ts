import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { AppFailure } from '../../shared/result';
import type { StationKeyRow } from '../db/stations';
import { sha256File } from '../files/hash';
import { readZipDirectory, ZipDirectoryError } from '../files/zipDirectory';
import { isSafeEntryName } from './packageFormat';
import { inflationAllowance } from './readPackage';
import { parseSignature, SIGNATURE_FILE, trustedFingerprint, verifyManifestSignature } from './packageSignature';
import { UPDATE_FILES, UPDATE_VERSION, UpdateManifest, UpdateManifestHead } from './updateFormat';

export interface VerifiedUpdate {
  manifest: UpdateManifest;
  /** Of the whole file: an office recognises an update it already applied by it. */
  sha256: string;
  dataPath: string;
}

const MAX_ENTRIES = 16;
const MAX_TOTAL_BYTES = 32 * 1024 ** 3;
const MAX_SMALL = 1024 * 1024;
const DAMAGED = 'La actualización está dañada o incompleta (no se puede leer como archivo comprimido). Pida a Posventa que la envíe de nuevo.';

const refused = (message: string) => new AppFailure('refused', message);

function readStream(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(e, (err, s) => (err || !s ? reject(refused(DAMAGED)) : resolve(s))));
}

/** A small entry's exact bytes: the manifest is verified as it was signed, byte for byte. */
async function readSmall(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<Buffer> {
  if (e.uncompressedSize > MAX_SMALL) throw refused(`«${e.fileName}» de la actualización es demasiado grande: no es una actualización de Recupera.`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of await readStream(zip, e)) {
      size += (chunk as Buffer).length;
      if (size > MAX_SMALL) throw refused(DAMAGED);
      chunks.push(chunk as Buffer);
    }
  } catch {
    throw refused(DAMAGED);
  }
  return Buffer.concat(chunks);
}

function parseManifest(bytes: Buffer): UpdateManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refused('El manifiesto de la actualización está dañado (no es JSON válido).');
  }
  const head = UpdateManifestHead.safeParse(json);
  if (!head.success) throw refused('El archivo no es una actualización nacional de Recupera (su manifiesto no lo declara).');
  if (head.data.formatVersion > UPDATE_VERSION) {
    throw refused(`La actualización usa el formato ${head.data.formatVersion}, más reciente que el que conoce esta versión de Recupera (${UPDATE_VERSION}). Actualice Recupera e intente de nuevo.`);
  }
  const m = UpdateManifest.safeParse(json);
  if (!m.success) throw refused(`El manifiesto de la actualización está incompleto: ${m.error.issues[0]?.path.join('.') ?? ''}.`);
  return m.data;
}

/** Refuses an update not signed, as it is, by the central this office trusts. */
function checkSignature(sigBytes: Buffer | null, manifest: UpdateManifest, manifestBytes: Buffer, central: StationKeyRow): void {
  const m = manifest.central;
  if (m.code !== central.code || m.id !== central.id) {
    throw refused(`La actualización dice venir de la central ${m.code}, pero esta oficina confía en la central ${central.code}: no se aplica.`);
  }
  if (!sigBytes) throw refused(`La actualización no está firmada por la central ${m.code}: no se aplica. Pida a Posventa que la publique de nuevo.`);
  const sig = parseSignature(sigBytes);
  if (!sig) throw refused('La firma de la actualización está dañada: no se aplica. Pida a Posventa que la envíe de nuevo.');
  if (sig.code !== central.code || sig.stationId !== central.id) {
    throw refused(`La actualización está firmada por la estación ${sig.code}, no por la central ${central.code} en la que confía esta oficina: no se aplica.`);
  }
  const key = central.public_key;
  switch (verifyManifestSignature(key, manifestBytes, sig)) {
    case 'ok':
      break;
    case 'unknown':
      throw refused('Esta oficina todavía no confía en ninguna central. Confíe primero en la identidad de Posventa (confiar-central o Configuración).');
    case 'bad':
      throw refused(
        sig.fingerprint === trustedFingerprint(key!)
          ? 'La firma de la actualización no corresponde a su contenido: fue modificada después de firmada. No se aplica.'
          : `La actualización fue firmada con la clave ${sig.fingerprint}, pero la de la central en que confía esta oficina es ${trustedFingerprint(key!)}: no se aplica.`,
      );
  }
  if (m.fingerprint !== central.fingerprint) {
    throw refused(`El manifiesto nombra la clave ${m.fingerprint}, pero la de la central en que confía esta oficina es ${central.fingerprint ?? '(ninguna)'}: no se aplica.`);
  }
}

/** The SHA-256 of the whole update file: an office recognises one it applied before by it. */
export function updateSha256(path: string): Promise<string> {
  return sha256File(path).catch(() => {
    throw refused('No se pudo leer el archivo de la actualización.');
  });
}

/**
 * Opens a national update and checks it whole before anything is written: a zip within limits,
 * a manifest of a known format, signed by the trusted central over its exact bytes, naming that
 * central, and every file there, listed and matching its SHA-256. The data file is extracted to
 * `workDir` as it is hashed, only once the signature holds.
 */
export async function readUpdate(path: string, workDir: string, central: StationKeyRow, knownSha256?: string): Promise<VerifiedUpdate> {
  const sha256 = knownSha256 ?? (await updateSha256(path));
  const maxUncompressedBytes = await inflationAllowance(path, MAX_TOTAL_BYTES).catch(() => {
    throw refused('No se pudo leer el archivo de la actualización.');
  });
  const { zip, entries } = await readZipDirectory(path, { maxEntries: MAX_ENTRIES, maxUncompressedBytes, strictFileNames: true }).catch((e: unknown) => {
    throw refused(e instanceof ZipDirectoryError && e.problem === 'too_large' ? 'La actualización es demasiado grande una vez descomprimida, o tiene demasiados archivos.' : DAMAGED);
  });
  try {
    const byName = new Map<string, yauzl.Entry>();
    for (const e of entries) {
      if (e.fileName.endsWith('/')) continue;
      if (!isSafeEntryName(e.fileName) || byName.has(e.fileName)) throw refused(`La actualización contiene un nombre de archivo no permitido: «${e.fileName}».`);
      byName.set(e.fileName, e);
    }
    const manifestEntry = byName.get(UPDATE_FILES.manifest);
    if (!manifestEntry) throw refused(`El archivo no es una actualización nacional de Recupera (le falta ${UPDATE_FILES.manifest}).`);
    const manifestBytes = await readSmall(zip, manifestEntry);
    const manifest = parseManifest(manifestBytes);
    const sigEntry = byName.get(SIGNATURE_FILE);
    checkSignature(sigEntry ? await readSmall(zip, sigEntry) : null, manifest, manifestBytes, central);

    const listed = new Set(manifest.files.map((f) => f.name));
    for (const name of byName.keys()) {
      if (name !== UPDATE_FILES.manifest && name !== SIGNATURE_FILE && !listed.has(name)) {
        throw refused(`La actualización contiene «${name}», que su manifiesto no declara: pudo ser modificada.`);
      }
    }
    const data = manifest.files.find((f) => f.name === UPDATE_FILES.data);
    if (!data || manifest.files.length !== 1) throw refused(`El manifiesto de la actualización debe declarar solo ${UPDATE_FILES.data}.`);
    const e = byName.get(data.name);
    if (!e) throw refused(`Falta en la actualización el archivo «${data.name}» que declara su manifiesto.`);
    // Measured before a byte is extracted: the zip's own size for the entry must be the one signed.
    if (e.uncompressedSize !== data.size) {
      throw refused(`«${data.name}» no tiene el tamaño que declara el manifiesto: la actualización fue modificada o se dañó en el camino. No se aplicó nada de ella.`);
    }
    const dataPath = join(workDir, UPDATE_FILES.data);
    const mismatch = refused(`«${data.name}» no coincide con su huella SHA-256 del manifiesto: la actualización fue modificada o se dañó en el camino.`);
    const hash = createHash('sha256');
    let size = 0;
    // Never more than the manifest declares is written to disk.
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(size > data.size ? mismatch : null, chunk);
      },
    });
    try {
      await pipeline(await readStream(zip, e), tap, createWriteStream(dataPath));
    } catch (err) {
      throw err instanceof AppFailure ? err : refused(DAMAGED);
    }
    if (size !== data.size || hash.digest('hex') !== data.sha256) throw mismatch;
    return { manifest, sha256, dataPath };
  } finally {
    zip.close();
  }
}
