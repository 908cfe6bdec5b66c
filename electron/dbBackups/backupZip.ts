import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import yazl from 'yazl';
import { AppFailure } from '../../shared/result';
import { produceFileAtomic } from '../files/atomicFile';
import { newWorkFolder } from '../files/workFolders';
import { readZipDirectory } from '../files/zipDirectory';
import { isArchivePath } from './archive';
import { ARCHIVE_FOLDER, manifestPathFor, parseManifest, readManifest } from './manifest';
import type { RestoreSource } from './restore';

/**
 * One file a person can carry (`respaldar-bd --salida ARCHIVO`): a zip holding the copy as
 * `recupera.sqlite`, its manifest as `manifiesto.json` and the archived documents the manifest
 * lists under `archivo/`. Everything in it is stored (not deflated): the database is encrypted,
 * PDFs and images are compressed already.
 */
const DB_ENTRY = 'recupera.sqlite';
const MANIFEST_ENTRY = 'manifiesto.json';

export async function writeBackupZip(backupPath: string, target: string): Promise<{ archiveFiles: number }> {
  const manifest = readManifest(backupPath);
  if (!manifest) throw new AppFailure('internal', 'La copia recién hecha no tiene manifiesto. Intente de nuevo.');
  const archiveRoot = join(dirname(backupPath), ARCHIVE_FOLDER);
  const archive = manifest.archive.filter((f) => isArchivePath(f.path) && existsSync(join(archiveRoot, ...f.path.split('/'))));
  await produceFileAtomic(target, async (temporary) => {
    const zip = new yazl.ZipFile();
    const mtime = new Date();
    zip.addFile(backupPath, DB_ENTRY, { compress: false, mtime });
    zip.addBuffer(await readFile(manifestPathFor(backupPath)), MANIFEST_ENTRY, { compress: true, mtime });
    for (const f of archive) zip.addFile(join(archiveRoot, ...f.path.split('/')), `${ARCHIVE_FOLDER}/${f.path}`, { compress: false, mtime });
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(temporary, { flags: 'wx' }));
  });
  return { archiveFiles: archive.length };
}

/** Whether a file starts like a zip (a carried copy) rather than a database. */
export async function isZipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      pipeline(stream, createWriteStream(target, { flags: 'wx' })).then(resolve, reject);
    });
  });
}

/**
 * Unpacks a carried copy into a scratch folder of `trabajo/` (removed by `dispose`, or on the next
 * start after a kill). Only the three kinds of entries are taken; a name that would leave the
 * folder is refused as the whole file.
 */
export async function extractBackupZip(zipPath: string, dataDir: string): Promise<{ source: RestoreSource; dispose: () => Promise<void> }> {
  let dir: Awaited<ReturnType<typeof readZipDirectory>>;
  try {
    dir = await readZipDirectory(zipPath, { maxEntries: 2_000_000, maxUncompressedBytes: Number.MAX_SAFE_INTEGER });
  } catch {
    throw new AppFailure('refused', `${basename(zipPath)} no es una copia de seguridad de Recupera legible. No se restauró nada.`);
  }
  const work = await newWorkFolder(dataDir, 'paquete');
  const dispose = () => rm(work, { recursive: true, force: true });
  try {
    let hasDb = false;
    let manifestText: string | null = null;
    for (const entry of dir.entries) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (name === DB_ENTRY) {
        await readEntry(dir.zip, entry, join(work, DB_ENTRY));
        hasDb = true;
      } else if (name === MANIFEST_ENTRY) {
        await readEntry(dir.zip, entry, join(work, MANIFEST_ENTRY));
        manifestText = await readFile(join(work, MANIFEST_ENTRY), 'utf8');
      } else if (name.startsWith(`${ARCHIVE_FOLDER}/`) && isArchivePath(name.slice(ARCHIVE_FOLDER.length + 1))) {
        const target = join(work, ...name.split('/'));
        await mkdir(dirname(target), { recursive: true });
        await readEntry(dir.zip, entry, target);
      } else {
        throw new AppFailure('refused', `${basename(zipPath)} contiene un archivo que no corresponde a una copia de Recupera (${name}). No se restauró nada.`);
      }
    }
    if (!hasDb) throw new AppFailure('refused', `${basename(zipPath)} no contiene una base de datos de Recupera. No se restauró nada.`);
    const archiveRoot = join(work, ARCHIVE_FOLDER);
    return {
      source: {
        dbFile: join(work, DB_ENTRY),
        manifest: manifestText === null ? null : parseManifest(manifestText),
        archiveRoot: existsSync(archiveRoot) ? archiveRoot : null,
        label: basename(zipPath),
        folder: null,
      },
      dispose,
    };
  } catch (e) {
    await dispose();
    throw e;
  } finally {
    dir.zip.close();
  }
}
