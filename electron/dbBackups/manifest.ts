import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { DbBackupKind } from '../../shared/contracts/dbBackups';
import { AppFailure } from '../../shared/result';
import { fileStamp, safeFilePart } from '../files/names';

/**
 * Each copy `recupera-<ESTACION>-<AAAAMMDD-HHMMSS>-<tipo>.sqlite` has a manifest beside it with the
 * same name and `.json`: what a restore checks the file against (its SHA-256, station, schema)
 * and the archived documents the copy's `archivo/` folder held for it.
 */

export const BackupManifest = z.object({
  format: z.literal('recupera-copia-bd'),
  version: z.literal(1),
  kind: DbBackupKind,
  stationCode: z.string().nullable(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  appVersion: z.string(),
  /** The data folder the copy was taken from: archived acta PDFs are recorded by full path. */
  dataDir: z.string(),
  /** Archived documents (acta PDFs, respaldo documents), relative to the data folder, `/`-separated. */
  archive: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative() })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** The folder beside the copies where archived documents are mirrored. */
export const ARCHIVE_FOLDER = 'archivo';

export function backupFileName(stationCode: string | null, kind: DbBackupKind, at: Date): string {
  return `recupera-${safeFilePart(stationCode ?? 'SIN-ESTACION')}-${fileStamp(at, true)}-${kind.toLowerCase()}.sqlite`;
}

export function manifestPathFor(backupPath: string): string {
  return join(dirname(backupPath), `${basename(backupPath, '.sqlite')}.json`);
}

/** The manifest beside a copy; null when there is none (a bare `.sqlite` is checked on its own). */
export function readManifest(backupPath: string): BackupManifest | null {
  let text: string;
  try {
    text = readFileSync(manifestPathFor(backupPath), 'utf8');
  } catch {
    return null;
  }
  return parseManifest(text);
}

export function parseManifest(text: string): BackupManifest {
  try {
    return BackupManifest.parse(JSON.parse(text));
  } catch {
    throw new AppFailure('refused', 'El manifiesto de la copia de seguridad está dañado o no es de Recupera. No se restauró nada.');
  }
}
