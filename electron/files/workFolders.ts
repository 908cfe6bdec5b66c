import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Scratch folders of a job (an extracted package, a mailbox's attachments) live in the data
 * folder's `trabajo/`, named for the process that made them: a run killed midway leaves its
 * folder behind, and the next start removes it (the system's temp folder is never cleaned on
 * Windows, and these hold personal data).
 */
const NAME = /^(?:paquete|correo)-p(\d+)-/;

export async function newWorkFolder(dataDir: string, kind: 'paquete' | 'correo'): Promise<string> {
  const parent = join(dataDir, 'trabajo');
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, `${kind}-p${process.pid}-`));
}

/** Removes the scratch folders of processes that are no longer running; returns how many. */
export async function removeDeadWorkFolders(dataDir: string, alive: (pid: number) => boolean): Promise<number> {
  const parent = join(dataDir, 'trabajo');
  let removed = 0;
  for (const entry of await readdir(parent, { withFileTypes: true }).catch(() => [])) {
    const pid = entry.isDirectory() ? entry.name.match(NAME)?.[1] : undefined;
    if (!pid || alive(Number(pid))) continue;
    await rm(join(parent, entry.name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
