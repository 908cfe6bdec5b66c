import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { TEMP_PREFIX } from '../files/atomicFile';
import { copyFileDurably } from './durable';

/**
 * Archived documents live outside the database: acta PDFs under `actas/`, respaldo documents
 * under `respaldos/` (by SHA-256). A copy of the database without them could not print an old
 * acta, so the copies' folder keeps a mirror of both. Once written these files do not change, so
 * the mirror only adds what it lacks (or a file whose size differs); bytes are copied as they are.
 */
export const ARCHIVED_FOLDERS = ['actas', 'respaldos'] as const;

export interface ArchiveFile {
  /** Relative to the data folder, `/`-separated (the manifest's form on every platform). */
  path: string;
  size: number;
}

/** Every archived document under `root` (a data folder, or a mirror), hidden temporaries left out. */
export function listArchive(root: string): ArchiveFile[] {
  const files: ArchiveFile[] = [];
  const walk = (folder: string) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (name.startsWith(TEMP_PREFIX)) continue;
      const path = join(folder, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) files.push({ path: relative(root, path).split(sep).join('/'), size: info.size });
    }
  };
  for (const f of ARCHIVED_FOLDERS) walk(join(root, f));
  return files;
}

function localPath(root: string, relativePath: string): string {
  return join(root, ...relativePath.split('/'));
}

/** A manifest's path that stays inside an archived folder (never `..`, never absolute). */
export function isArchivePath(path: string): boolean {
  const parts = path.split('/');
  return (ARCHIVED_FOLDERS as readonly string[]).includes(parts[0] ?? '') && parts.length > 1 && parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.includes(':'));
}

/**
 * Copies into `target` the files of `files` it lacks; returns how many. `replaceResized`: also a
 * file held there with another size (the mirror follows the data folder; a restore never
 * overwrites a document the data folder already holds).
 */
export function copyMissing(sourceRoot: string, targetRoot: string, files: ArchiveFile[], replaceResized: boolean): number {
  let copied = 0;
  for (const f of files) {
    if (!isArchivePath(f.path)) continue;
    const source = localPath(sourceRoot, f.path);
    const target = localPath(targetRoot, f.path);
    const there = statSync(target, { throwIfNoEntry: false });
    if (there?.isFile() && (there.size === f.size || !replaceResized)) continue;
    if (!existsSync(source)) continue;
    copyFileDurably(source, target);
    copied++;
  }
  return copied;
}
