import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { sha256File } from '../files/hash';
import { readZipDirectory, ZipDirectoryError } from '../files/zipDirectory';
import { entryText } from '../files/zipEntryText';
import { FILES, isSafeEntryName, Manifest, ManifestHead, PACKAGE_FORMAT, PACKAGE_VERSION } from './packageFormat';

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

async function readManifestText(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<string> {
  if (e.uncompressedSize > 16 * 1024 * 1024) throw new PackageRefused('El manifiesto del paquete es demasiado grande.');
  let text = '';
  try {
    for await (const chunk of entryText(zip, e)) text += chunk;
  } catch {
    throw new PackageRefused(DAMAGED);
  }
  return text;
}

function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
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
  const m = Manifest.safeParse(json);
  if (!m.success) throw new PackageRefused(`El manifiesto del paquete está incompleto: ${m.error.issues[0]?.path.join('.') ?? ''}.`);
  return m.data;
}

/**
 * Opens a package and checks it whole before anything is written: it is a zip, its manifest is
 * of a known format, and every file is there, listed, and matches its SHA-256. Files are
 * extracted to `workDir` as they are hashed.
 */
export async function readPackage(path: string, workDir: string): Promise<VerifiedPackage> {
  const sha256 = await sha256File(path).catch(() => {
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
    const manifest = parseManifest(await readManifestText(zip, manifestEntry));
    if (manifest.format !== PACKAGE_FORMAT) throw new PackageRefused('El archivo no es un paquete de Recupera.');

    const listed = new Set(manifest.files.map((f) => f.name));
    for (const name of byName.keys()) {
      if (name !== FILES.manifest && !listed.has(name)) throw new PackageRefused(`El paquete contiene «${name}», que su manifiesto no declara: pudo ser modificado.`);
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
      if (f.name === FILES.data) dataPath = target;
      else if (f.name !== FILES.workbook) documents.set(f.name, target);
    }
    return { manifest, sha256, dataPath, documents };
  } finally {
    zip.close();
  }
}
