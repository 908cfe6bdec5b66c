import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { documentProblem } from '../backups/documentCheck';
import { MAX_BACKUP_BYTES } from '../backups/fileStore';
import { sha256File } from '../files/hash';
import { readZipDirectory, ZipDirectoryError } from '../files/zipDirectory';
import { FILES, isSafeEntryName, Manifest, ManifestHead, PACKAGE_FORMAT, PACKAGE_VERSION } from './packageFormat';
import { parseSignature, trustedFingerprint, verifyManifestSignature } from './packageSignature';

/** A package that cannot be consolidated; the reason is what the user reads. */
export class PackageRefused extends Error {
  /**
   * The station the package's manifest names, when the manifest was read before the refusal, and
   * whether its signature was checked against the key enrolled here (`signed`; if not, the station
   * is only what the package claims): for the audit entry of the refusal to say whose it is.
   */
  station: { code: string; office: string; signed: boolean } | null = null;
}

export interface VerifiedPackage {
  manifest: Manifest;
  /** SHA-256 of the signed manifest (OpenedPackage). */
  manifestSha256: string;
  sha256: string;
  dataPath: string;
  /** Name inside the package → extracted copy. */
  documents: Map<string, string>;
}

const MAX_ENTRIES = 100_000;
const MAX_TOTAL_BYTES = 16 * 1024 ** 3;
/**
 * A package inflates a few times over (its data compresses well, its documents hardly): many
 * times more than the file itself, beyond a floor no real package reaches, is a zip bomb refused
 * before anything is extracted.
 */
const MAX_INFLATION = 100;
const INFLATION_FLOOR = 1024 ** 3;

/** The most the zip at `path` may declare once inflated. */
export async function inflationAllowance(path: string, ceiling = MAX_TOTAL_BYTES): Promise<number> {
  const { size } = await stat(path);
  return Math.min(ceiling, Math.max(INFLATION_FLOOR, size * MAX_INFLATION));
}

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
        `La estación ${code} no está registrada en esta central, así que su firma no se puede comprobar. Registre primero su archivo de identidad (Configuración → Identidad y confianza → Registrar estación) y consolide el paquete de nuevo.`,
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

/** An acta PDF is a page or two with a QR code; anything near this is not one. */
const MAX_ACTA_PDF_BYTES = 20 * 1024 * 1024;
/** The office's audit chain (JSON read whole): hundreds of thousands of entries fit. */
const MAX_AUDIT_BYTES = 256 * 1024 * 1024;

/** The most a file of the package may weigh, by what it is. */
function ceilingOf(name: string): number {
  if (name === FILES.data || name === FILES.workbook) return MAX_TOTAL_BYTES;
  if (name === FILES.audit) return MAX_AUDIT_BYTES;
  // The same limit a respaldo document has when it is registered at the desk.
  if (name.startsWith('respaldos/')) return MAX_BACKUP_BYTES;
  return MAX_ACTA_PDF_BYTES;
}

const mb = (bytes: number) => `${(bytes / 1048576).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;

/** Refuses a declared file that is missing, not the size its zip entry says, too big for its kind, or (a respaldo document) not named by its hash. */
function checkDeclared(f: Manifest['files'][number], e: yauzl.Entry | undefined): void {
  if (!e || !isSafeEntryName(f.name)) throw new PackageRefused(`Falta en el paquete el archivo «${f.name}» que declara su manifiesto.`);
  if (e.uncompressedSize !== f.size) {
    throw new PackageRefused(`«${f.name}» no tiene el tamaño que declara el manifiesto: el paquete fue modificado o se dañó en el camino. No se guardó nada de él.`);
  }
  const max = ceilingOf(f.name);
  if (f.size > max) {
    throw new PackageRefused(`«${f.name}» pesa más de ${mb(max)}, el máximo para un archivo así: el paquete no se acepta. No se guardó nada de él.`);
  }
  if (f.name.startsWith('respaldos/') && f.name.match(RESPALDO_NAME)?.[1] !== f.sha256) {
    throw new PackageRefused(`El documento de respaldo «${f.name}» no tiene el contenido que su nombre declara: el paquete fue alterado. No se acepta.`);
  }
}

/** A package whose directory, manifest and signature were checked, its files not yet read. */
export interface OpenedPackage {
  manifest: Manifest;
  /** SHA-256 of the signed manifest as it is: the package's content, since it lists every file's hash. */
  manifestSha256: string;
  sha256: string;
  zip: yauzl.ZipFile;
  byName: Map<string, yauzl.Entry>;
}

/**
 * Opens a package and checks what can be checked without reading its files: it is a zip, its
 * manifest is of a known format and signed by the key trusted here for its station, and every
 * file is there, listed, of the declared size and within its kind's limit. The caller closes
 * `zip` (readPackage does, after extractPackage).
 */
export async function openPackage(
  path: string,
  trustedKey: (code: string) => string | null,
  /** The SHA-256 the package is known by, when `path` is the zip opened from its envelope. */
  receivedSha256?: string,
): Promise<OpenedPackage> {
  const sha256 = receivedSha256 ?? await sha256File(path).catch(() => {
    throw new PackageRefused('No se pudo leer el archivo del paquete.');
  });
  const maxUncompressedBytes = await inflationAllowance(path).catch(() => {
    throw new PackageRefused('No se pudo leer el archivo del paquete.');
  });
  const { zip, entries } = await readZipDirectory(path, { maxEntries: MAX_ENTRIES, maxUncompressedBytes, strictFileNames: true }).catch((e: unknown) => {
    throw new PackageRefused(
      e instanceof ZipDirectoryError && e.problem === 'too_large' ? 'El paquete es demasiado grande una vez descomprimido.' : DAMAGED,
    );
  });
  let station: PackageRefused['station'] = null;
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
    station = { code: manifest.station.code, office: manifest.station.office, signed: false };
    await checkSignature(zip, byName.get(FILES.signature), manifest, manifestBytes, trustedKey);
    station = { ...station, signed: true };

    const listed = new Set(manifest.files.map((f) => f.name));
    for (const name of byName.keys()) {
      if (name !== FILES.manifest && name !== FILES.signature && !listed.has(name)) throw new PackageRefused(`El paquete contiene «${name}», que su manifiesto no declara: pudo ser modificado.`);
    }
    if (!listed.has(FILES.data)) throw new PackageRefused(`El manifiesto no declara ${FILES.data}.`);
    if (listed.size !== manifest.files.length) throw new PackageRefused('El manifiesto declara un mismo archivo dos veces: el paquete fue alterado. No se acepta.');
    // Every file is measured against what the manifest declares, and against what its kind may
    // weigh, before a byte of any is extracted: a hostile package costs neither disk nor time.
    for (const f of manifest.files) checkDeclared(f, byName.get(f.name));
    const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
    return { manifest, manifestSha256, sha256, zip, byName };
  } catch (e) {
    zip.close();
    if (e instanceof PackageRefused) e.station ??= station;
    throw e;
  }
}

/**
 * Reads every file of an opened package and checks it against its SHA-256 in the manifest (a
 * respaldo document also against the desk's own check of its content). Files are extracted to
 * `workDir`; with null they are only hashed (a package already applied is proved the same one
 * without writing it to disk).
 */
export async function extractPackage(o: OpenedPackage, workDir: string | null): Promise<VerifiedPackage> {
  const { manifest, zip, byName } = o;
  const documents = new Map<string, string>();
  let dataPath = '';
  for (const f of manifest.files) {
    const e = byName.get(f.name)!;
    // The workbook is for people at the office; the central only checks that it is the one signed.
    const target = f.name === FILES.workbook || workDir === null ? null : join(workDir, f.name);
    if (target) await mkdir(dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const tooLong = new PackageRefused(`«${f.name}» trae más datos de los que declara el manifiesto: el paquete fue modificado o se dañó en el camino.`);
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        // Never more than the manifest declares reaches the disk.
        if (size > f.size) return cb(tooLong);
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(await readStream(zip, e), tap, target ? createWriteStream(target) : new Writable({ write: (_c, _e, cb) => cb() }));
    } catch (err) {
      throw err instanceof PackageRefused ? err : new PackageRefused(DAMAGED);
    }
    if (size !== f.size || hash.digest('hex') !== f.sha256) {
      throw new PackageRefused(`«${f.name}» no coincide con su huella SHA-256 del manifiesto: el paquete fue modificado o se dañó en el camino.`);
    }
    if (f.name === FILES.data) dataPath = target ?? '';
    else if (target) documents.set(f.name, target);
    // A respaldo document is held to the desk's own check of its content (a PDF's structure, an
    // image's segments): a compromised office cannot bring what the desk would have refused.
    if (target && RESPALDO_NAME.test(f.name)) {
      const { problem } = documentProblem(await readFile(target));
      if (problem) throw new PackageRefused(`El documento de respaldo «${f.name}» ${problem}: el paquete no se acepta.`);
    }
  }
  return { manifest, manifestSha256: o.manifestSha256, sha256: o.sha256, dataPath, documents };
}

/**
 * Opens a package and checks it whole before anything is written (openPackage, then
 * extractPackage): files are extracted to `workDir` as they are hashed, only once the signature holds.
 */
export async function readPackage(
  path: string,
  workDir: string,
  trustedKey: (code: string) => string | null,
  /** The SHA-256 the package is known by, when `path` is the zip opened from its envelope. */
  receivedSha256?: string,
): Promise<VerifiedPackage> {
  const opened = await openPackage(path, trustedKey, receivedSha256);
  try {
    return await extractPackage(opened, workDir);
  } finally {
    opened.zip.close();
  }
}
