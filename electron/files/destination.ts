import { randomBytes } from 'node:crypto';
import { rm, stat, statfs, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { AppFailure } from '../../shared/result';
import { processAlive } from '../platform/processes';
import { removeTemporaries, TEMP_PREFIX } from './atomicFile';
import { fileProblem } from './fileErrors';
import { sha256File } from './hash';
import { writeClearCopy } from './sealedFile';

/**
 * The folder a job will deliver into, checked before the long work starts, so a user hears in
 * seconds — not after minutes of work — that it is missing, is a file, cannot be written or is
 * too full. What is checked here can still change while the job runs (a USB stick pulled): the
 * writers report that as it happens.
 */

const MB = 1024 * 1024;

/** A size people read: "12 MB", "1,4 GB". */
export function formatBytes(bytes: number): string {
  const n = new Intl.NumberFormat('es-EC', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * MB) return `${n.format(bytes / (1024 * MB))} GB`;
  return `${n.format(Math.max(1, Math.ceil(bytes / MB)))} MB`;
}

export function noRoom(folder: string, neededBytes: number, freeBytes?: number): AppFailure {
  const free = freeBytes === undefined ? '' : ` y quedan ${formatBytes(freeBytes)}`;
  return new AppFailure(
    'refused',
    `No hay espacio suficiente en el disco de la carpeta ${folder}: se necesitan unos ${formatBytes(neededBytes)} libres${free}. Libere espacio o elija otra carpeta e intente de nuevo.`,
  );
}

/** Disk full, as Node, SQLite or the atomic writer (through fileProblem's cause) report it. */
export function isNoSpace(e: unknown): boolean {
  const code = (x: unknown) => (x as { code?: unknown } | null)?.code;
  const c = code(e) ?? code((e as { cause?: unknown } | null)?.cause);
  return c === 'ENOSPC' || c === 'EDQUOT' || c === 'SQLITE_FULL';
}

/** Runs a step that writes into `folder`; a full disk there is told with the room the whole job needs. */
export async function withRoom<T>(folder: string, neededBytes: number, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (isNoSpace(e)) throw noRoom(folder, neededBytes);
    throw e;
  }
}

/**
 * Refuses, in Spanish, a destination that is not an existing folder, cannot take a new file (a
 * probe temporary is written and removed) or has less than `neededBytes` free. Where the
 * platform cannot tell the free space, that part is skipped and a full disk is reported when it
 * happens.
 */
export async function checkDestination(folder: string, neededBytes: number): Promise<void> {
  const info = await stat(folder).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppFailure('not_found', `La carpeta ${folder} no existe. Elija una carpeta que exista (o conecte la memoria USB o la unidad de red) e intente de nuevo.`);
    throw fileProblem(e, folder);
  });
  if (!info.isDirectory()) throw new AppFailure('validation', `${folder} no es una carpeta. Elija una carpeta donde guardar los archivos.`);

  const probe = join(folder, `${TEMP_PREFIX}prueba.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(probe, 'recupera', { flag: 'wx' });
  } catch (e) {
    throw fileProblem(e, folder);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }

  if (neededBytes <= 0) return;
  const fs = await statfs(folder).catch(() => null);
  if (!fs) return;
  const free = Number(fs.bavail) * Number(fs.bsize);
  if (free < neededBytes) throw noRoom(folder, neededBytes, free);
}

/**
 * Delivers a finished file into the user's folder under its own name, whole or not at all. A file
 * already there with the same SHA-256 (a rerun after a crash) is adopted as it is; any other file
 * of that name is replaced. A sealed source (files/sealedFile.ts) is delivered in clear: the user's
 * folder is where the person chose to take it; `sha256` is its plaintext's. A delivery killed
 * half-way leaves a hidden temporary there: those of runs no longer alive are removed first, so the
 * user's folder is left as a finished delivery would leave it.
 */
export async function deliverFile(source: string, folder: string, sha256: string, dataKey?: Buffer): Promise<string> {
  const target = join(folder, basename(source));
  if (resolve(target) === resolve(source)) return target;
  // The writer would create a missing folder: a pulled USB stick's mount point must not be filled on the system disk.
  if (!(await stat(folder).catch(() => null))?.isDirectory()) throw fileProblem(Object.assign(new Error('folder gone'), { code: 'ENOENT' }), folder);
  await removeTemporaries([folder], { keepWrittenBy: processAlive });
  const there = await sha256File(target).catch(() => null);
  if (there !== sha256) await writeClearCopy(source, target, dataKey);
  return target;
}
