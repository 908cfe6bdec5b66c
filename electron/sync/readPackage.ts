import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { sha256File } from '../files/hash';
import { readZipDirectory, ZipDirectoryError } from '../files/zipDirectory';
import { FILES, isSafeEntryName, Manifest, ManifestHead, PACKAGE_FORMAT, PACKAGE_VERSION } from './packageFormat';
import { parseSignature, trustedFingerprint, verifyManifestSignature } from './packageSignature';

/** A package that cannot be consolidated; the reason is what the user reads. */
export class PackageRefused extends Error {}

export interface VerifiedPackage {
  manifest: Manifest;
  sha256: string;
  dataPath: string;
  /** Name inside the package → extracted copy. */
  documents: Map<string, string>;
}

const MAX_ENTRIES = 100_000;
const MAX_TOTAL_BYTES = 16 * 1024 ** 3;
const DAMAGED = 'El paquete está dañado o incompleto (no se puede leer como archivo comprimido). Pida a la oficina que lo exporte y envíe de nuevo.';

function readStream(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(e, (err, s) => (err || !s ? reject(new PackageRefused(DAMAGED)) : resolve(s))));
}

/** A small entry's exact bytes (the manifest and its signature are hashed and verified as they are). */
export async function readSmallEntry(zip: yauzl.ZipFile, e: yauzl.Entry, what: string): Promise<Buffer> {
  if (e.uncompressedSize > 16 * 1024 * 1024) throw new PackageRefused(`${what} del paquete es demasiado grande.`);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await readStream(zip, e)) chunks.push(chunk as Buffer);
  } catch {
    throw new PackageRefused(DAMAGED);
  }
  return Buffer.concat(chunks);
}

function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PackageRefused('El manifiesto del paquete está dañado (no es JSON válido).');
  }
  const head = ManifestHead.safeParse(json);
  if (!head.success) throw new PackageRefused('El archivo no es un paquete de Recupera (su manifiesto no lo declara).');
  if (head.data.formatVersion > PACKAGE_VERSION) {
    throw new PackageRefused(
      `El paquete usa el formato ${head.data.formatVersion}, más reciente que el que conoce esta versión de Recupera (${PACKAGE_VERSION}). Actualice Recupera e intente de nuevo.`,
    );
  }
  if (head.data.formatVersion < PACKAGE_VERSION) {
    throw new PackageRefused(
      `El paquete usa el formato ${head.data.formatVersion}, sin firma de la estación, que ya no se acepta. Pida a la oficina que actualice Recupera y exporte el paquete de nuevo.`,
    );
  }
  const m = Manifest.safeParse(json);
  if (!m.success) throw new PackageRefused(`El manifiesto del paquete está incompleto: ${m.error.issues[0]?.path.join('.') ?? ''}.`);
  return m.data;
}

/**
 * Refuses a package whose manifest was not signed, as it is, by the key trusted here for the
 * station it names. `trustedKey` gives that key for a station code (null: not enrolled here).
 */
async function checkSignature(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry | undefined,
  manifest: Manifest,
  manifestBytes: Buffer,
  trustedKey: (code: string) => string | null,
): Promise<void> {
  const code = manifest.station.code;
  if (!entry) throw new PackageRefused(`El paquete de ${code} no está firmado por su estación: no se acepta. Pida a la oficina que lo exporte de nuevo con la versión actual de Recupera.`);
  const sig = parseSignature(await readSmallEntry(zip, entry, 'La firma'));
  if (!sig) throw new PackageRefused(`La firma del paquete de ${code} está dañada: no se acepta. Pida a la oficina que lo exporte de nuevo.`);
  if (sig.code !== code || sig.stationId !== manifest.station.id) {
    throw new PackageRefused(`La firma del paquete es de la estación ${sig.code}, pero el paquete dice ser de ${code}: no se acepta.`);
  }
  const key = trustedKey(code);
  switch (verifyManifestSignature(key, manifestBytes, sig)) {
    case 'ok':
      return;
    case 'unknown':
      throw new PackageRefused(
        `La estación ${code} no está registrada en esta central, así que su firma no se puede comprobar. Registre primero su identidad (registrar-estacion o Configuración) y consolide el paquete de nuevo.`,
      );
    case 'bad':
      throw new PackageRefused(
        sig.fingerprint === trustedFingerprint(key!)
          ? `La firma del paquete de ${code} no corresponde a su contenido: el paquete fue modificado después de firmado. No se acepta.`
          : `El paquete de ${code} fue firmado con la clave ${sig.fingerprint}, pero la registrada aquí para esa estación es ${trustedFingerprint(key!)}: no se acepta. Si la oficina cambió de equipo, registre de nuevo su identidad.`,
      );
  }
}

/** A respaldo document is stored under its content's SHA-256: its name must be its hash. */
const RESPALDO_NAME = /^respaldos\/([0-9a-f]{64})\.[a-z0-9]+$/;

/**
 * Opens a package and checks it whole before anything is written: it is a zip, its manifest is
 * of a known format and signed by the key trusted here for its station, and every file is there,
 * listed, and matches its SHA-256 (a respaldo document also the hash in its name). Files are
 * extracted to `workDir` as they are hashed, only once the signature holds.
 */
export async function readPackage(
  path: string,
  workDir: string,
  trustedKey: (code: string) => string | null,
  /** The SHA-256 the package is known by, when `path` is the zip opened from its envelope. */
  receivedSha256?: string,
): Promise<VerifiedPackage> {
  const sha256 = receivedSha256 ?? await sha256File(path).catch(() => {
    throw new PackageRefused('No se pudo leer el archivo del paquete.');
  });
  const { zip, entries } = await readZipDirectory(path, { maxEntries: MAX_ENTRIES, maxUncompressedBytes: MAX_TOTAL_BYTES, strictFileNames: true }).catch((e: unknown) => {
    throw new PackageRefused(
      e instanceof ZipDirectoryError && e.problem === 'too_large' ? 'El paquete es demasiado grande una vez descomprimido.' : DAMAGED,
    );
  });
  try {
    const byName = new Map<string, yauzl.Entry>();
    for (const e of entries) {
      if (e.fileName.endsWith('/')) continue;
      if (!isSafeEntryName(e.fileName) || byName.has(e.fileName)) throw new PackageRefused(`El paquete contiene un nombre de archivo no permitido: «${e.fileName}».`);
      byName.set(e.fileName, e);
    }
    const manifestEntry = byName.get(FILES.manifest);
    if (!manifestEntry) throw new PackageRefused(`El archivo no es un paquete de Recupera (le falta ${FILES.manifest}).`);
    const manifestBytes = await readSmallEntry(zip, manifestEntry, 'El manifiesto');
    const manifest = parseManifest(manifestBytes);
    if (manifest.format !== PACKAGE_FORMAT) throw new PackageRefused('El archivo no es un paquete de Recupera.');
    await checkSignature(zip, byName.get(FILES.signature), manifest, manifestBytes, trustedKey);

    const listed = new Set(manifest.files.map((f) => f.name));
    for (const name of byName.keys()) {
      if (name !== FILES.manifest && name !== FILES.signature && !listed.has(name)) throw new PackageRefused(`El paquete contiene «${name}», que su manifiesto no declara: pudo ser modificado.`);
    }
    if (!listed.has(FILES.data)) throw new PackageRefused(`El manifiesto no declara ${FILES.data}.`);
    const documents = new Map<string, string>();
    let dataPath = '';
    for (const f of manifest.files) {
      const e = byName.get(f.name);
      if (!e || !isSafeEntryName(f.name)) throw new PackageRefused(`Falta en el paquete el archivo «${f.name}» que declara su manifiesto.`);
      const target = join(workDir, f.name);
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      try {
        await pipeline(await readStream(zip, e), tap, createWriteStream(target));
      } catch (err) {
        throw err instanceof PackageRefused ? err : new PackageRefused(DAMAGED);
      }
      if (size !== f.size || hash.digest('hex') !== f.sha256) {
        throw new PackageRefused(`«${f.name}» no coincide con su huella SHA-256 del manifiesto: el paquete fue modificado o se dañó en el camino.`);
      }
      const named = f.name.match(RESPALDO_NAME)?.[1];
      if (f.name.startsWith('respaldos/') && named !== f.sha256) {
        throw new PackageRefused(`El documento de respaldo «${f.name}» no tiene el contenido que su nombre declara: el paquete fue alterado. No se acepta.`);
      }
      if (f.name === FILES.data) dataPath = target;
      else if (f.name !== FILES.workbook) documents.set(f.name, target);
    }
    return { manifest, sha256, dataPath, documents };
  } finally {
    zip.close();
  }
}
