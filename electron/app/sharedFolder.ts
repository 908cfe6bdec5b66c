import { mkdir, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { SharedFolderState } from '../../shared/contracts/sharedFolder';
import type { AuditActor } from '../../shared/audit';
import { AppFailure } from '../../shared/result';
import { packageRefusals, recordAudit } from '../db/audit';
import type { Db, ReadDb, Tx } from '../db/open';
import { isConsolidatedPackage, setSharedFolder, sharedFolderOf } from '../db/sharedFolder';
import { runWrite } from '../db/writeSession';
import { TEMP_PREFIX } from '../files/atomicFile';
import { checkDestination } from '../files/destination';
import { fileProblem } from '../files/fileErrors';
import { sha256File } from '../files/hash';
import { log } from '../platform/log';

/**
 * The folder shared with Posventa (a network share). Offices drop their packages into
 * `paquetes/` and pick up national updates from `actualizaciones/` (sharedPickup.ts); the central
 * drops its updates there and consolidates the packages it finds. Without one, files are carried
 * by hand as before.
 */
export const SHARE_PACKAGES = 'paquetes';
export const SHARE_UPDATES = 'actualizaciones';

/** A share that is down can hang a file call for long: the desk hears about it in seconds instead. */
const ANSWER_MS = 8000;

export async function answered<T>(folder: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppFailure('refused', `La carpeta ${folder} no responde. Revise la conexión con la unidad de red e intente de nuevo.`)),
      ANSWER_MS,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The folder exists and takes new files; its two subfolders are made if missing. */
async function checkSharedFolder(path: string): Promise<void> {
  await answered(
    path,
    (async () => {
      await checkDestination(path, 0);
      for (const sub of [SHARE_PACKAGES, SHARE_UPDATES]) {
        const folder = join(path, sub);
        await mkdir(folder, { recursive: true }).catch((e: unknown) => {
          throw fileProblem(e, folder);
        });
      }
    })(),
  );
}

const problemOf = (e: unknown) => (e instanceof AppFailure ? e.message : 'No se pudo usar la carpeta compartida.');

export async function sharedFolderState(db: ReadDb): Promise<SharedFolderState> {
  const path = sharedFolderOf(db);
  if (!path) return { path: null, reachable: false, problem: null };
  try {
    await checkSharedFolder(path);
    return { path, reachable: true, problem: null };
  } catch (e) {
    return { path, reachable: false, problem: problemOf(e) };
  }
}

/** Stores the setting and, when it changed, its audit entry (old → new) in the same session. */
function storeSharedFolder(db: Db, path: string | null, actor: AuditActor | null): void {
  runWrite(db, (tx: Tx) => {
    const before = sharedFolderOf(tx);
    setSharedFolder(tx, path);
    if (before === path) return;
    recordAudit(tx, actor, {
      action: 'CONFIGURACION_CAMBIADA',
      description: path ? `Configuró la carpeta compartida con Posventa: ${path}` : 'Quitó la carpeta compartida con Posventa (los archivos se llevarán a mano)',
      targetKind: 'configuracion',
      targetId: 'sharedFolder',
      detail: { before: { sharedFolder: before }, after: { sharedFolder: path } },
    });
  });
}

/** Whether two paths name one folder (Windows paths compare without case, as its file system does). */
function sameFolder(a: string, b: string): boolean {
  const fold = (p: string) => (process.platform === 'win32' ? resolve(p).toLowerCase() : resolve(p));
  return relative(fold(a), fold(b)) === '';
}

const OWN_DATA =
  'Esa es la carpeta de datos de Recupera en esta computadora: lo que se deje ahí no llega a nadie. Elija la carpeta compartida con Posventa (en el servidor o en una unidad de red).';

/**
 * Sets the shared folder once it is checked, or clears it (null): files are then carried by hand.
 * The app's own data folder is refused: its `paquetes/` and `actualizaciones/` are the station's
 * own, so a package would count as delivered while it never left this PC, and the pickup would
 * read the station's own updates as arrivals. A folder inside it is allowed (it may be shared).
 */
export async function setSharedFolderPath(db: Db, dataDir: string, path: string | null, actor: AuditActor | null): Promise<SharedFolderState> {
  if (path === null) {
    storeSharedFolder(db, null, actor);
    return { path: null, reachable: false, problem: null };
  }
  if (!isAbsolute(path)) {
    throw new AppFailure('validation', 'Escriba la ruta completa de la carpeta compartida (por ejemplo \\\\servidor\\recupera o Z:\\recupera).');
  }
  const full = resolve(path);
  if (sameFolder(full, dataDir)) throw new AppFailure('validation', OWN_DATA);
  await checkSharedFolder(full);
  storeSharedFolder(db, full, actor);
  return { path: full, reachable: true, problem: null };
}

/**
 * Where a file this station produces is also delivered: `<carpeta>/<sub>`, or undefined when no
 * folder is configured or it does not answer now (the file stays in Recupera's own folder, to be
 * carried by hand; the log says why, and the screen says it was not left in the shared folder).
 */
export async function sharedDrop(db: ReadDb, sub: typeof SHARE_PACKAGES | typeof SHARE_UPDATES): Promise<string | undefined> {
  const path = sharedFolderOf(db);
  if (!path) return undefined;
  try {
    await checkSharedFolder(path);
    return join(path, sub);
  } catch (e) {
    log.warn('sharedFolder.dropSkipped', { folder: path, err: e });
    return undefined;
  }
}

/** SHA-256 of files already read, by path, size and time: listing the share again does not read them again. */
const hashes = new Map<string, string>();

/** A package waiting in the share; the handler names it to the renderer by token, never by path. */
export interface WaitingPackage {
  name: string;
  path: string;
  size: number;
  modifiedAt: string;
  /** This very file (by SHA-256) was refused here before: when and why. */
  refused?: { at: string; reason: string };
}

/** Office packages in `<carpeta>/paquetes/` whose SHA-256 this station has not consolidated. */
export async function listSharedPackages(db: ReadDb): Promise<{ folder: string | null; packages: WaitingPackage[] }> {
  const root = sharedFolderOf(db);
  if (!root) return { folder: null, packages: [] };
  const folder = join(root, SHARE_PACKAGES);
  const names = await answered(folder, readdir(folder)).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e instanceof AppFailure ? e : fileProblem(e, folder);
  });
  const packages: WaitingPackage[] = [];
  const refusals = packageRefusals(db);
  for (const name of names.sort()) {
    if (!name.toLowerCase().endsWith('.recupera') || name.startsWith(TEMP_PREFIX)) continue;
    const path = join(folder, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    const key = `${path}|${info.size}|${info.mtimeMs}`;
    let sha = hashes.get(key);
    if (!sha) {
      sha = await sha256File(path).catch(() => undefined);
      if (!sha) continue;
      hashes.set(key, sha);
    }
    if (isConsolidatedPackage(db, sha)) continue;
    const refused = refusals.get(sha);
    packages.push({ name, path, size: info.size, modifiedAt: info.mtime.toISOString(), ...(refused ? { refused } : {}) });
  }
  return { folder, packages };
}
