import { mkdir } from 'node:fs/promises';
import { localDayStart } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import type { ReadDb } from '../db/open';
import { exportVolume } from '../db/packageExport';
import { centralStation } from '../db/stations';
import { lastExportEnd } from '../db/syncPackages';
import { checkDestination } from '../files/destination';
import { fileProblem } from '../files/fileErrors';

/**
 * What an export will cover and how big it will be, decided before any work: the handler asks
 * this before it queues the job (a bad `--salida` is refused in seconds) and the job asks again
 * when it starts.
 */

export interface ExportPlanInput {
  db: ReadDb;
  station: string;
  /** The app's own folder for packages (created if missing). */
  outDir: string;
  /** The user's folder the package is delivered to, when one was given (must exist). */
  destination?: string;
  from?: string;
  to?: string;
  includeDocuments: boolean;
  now: Date;
}

/**
 * An export picks up where the last one ended, minus this margin: an acta being saved at the very
 * moment of the last export cannot fall between two packages, and the overlap costs nothing
 * because consolidation recognises records it already has.
 */
const DEFAULT_OVERLAP_MS = 60 * 60 * 1000;

/** Records created in `[from, to)`: the days asked for, or everything since the last recorded export. */
export function exportRange(db: ReadDb, o: { from?: string; to?: string }, now: Date): { from: string | null; to: string } {
  const to = o.to ? new Date(localDayStart(o.to).getTime() + 86_400_000) : now;
  let from: string | null;
  if (o.from) from = localDayStart(o.from).toISOString();
  else {
    const last = lastExportEnd(db);
    from = last ? new Date(new Date(last).getTime() - DEFAULT_OVERLAP_MS).toISOString() : null;
  }
  if (from && from >= to.toISOString()) throw new AppFailure('validation', 'La fecha inicial debe ser anterior a la final.');
  return { from, to: to.toISOString() };
}

// Generous sizes per record (the package database is compressed in the zip, the workbook is not
// much smaller than this either); an acta PDF's size is not recorded, so a large one is assumed.
const BYTES = { handover: 4096, item: 2048, backup: 4096, void: 1024, actaPdf: 512 * 1024, floor: 2 * 1024 * 1024 };

/** The package's size, overestimated on purpose. */
export function packageEstimate(db: ReadDb, station: string, range: { from: string | null; to: string }, includeDocuments: boolean): number {
  const v = exportVolume(db, station, range.from, range.to);
  const records = v.handovers * BYTES.handover + v.items * BYTES.item + v.backups * BYTES.backup + v.voids * BYTES.void;
  const documents = includeDocuments ? v.actaPdfs * BYTES.actaPdf + v.documentBytes : 0;
  return BYTES.floor + records + documents;
}

/** Who an office package is encrypted to: the central of Posventa trusted here, by its X25519 key. */
export interface PackageRecipient {
  code: string;
  publicKey: string;
}

/**
 * The central's encryption key, or a refusal saying what to do: a package is never written in the
 * clear, and a central trusted from an identity file older than encryption keys has none yet.
 */
export function packageRecipient(db: ReadDb): PackageRecipient {
  const central = centralStation(db);
  if (!central?.encryption_key) {
    throw new AppFailure(
      'refused',
      central
        ? 'Esta estación aún no tiene la llave de cifrado de la central de Posventa. Confíe de nuevo en la central con su archivo de identidad actual.'
        : 'Esta estación aún no confía en la central de Posventa, así que no tiene su llave de cifrado. Confíe en la central con su archivo de identidad (Configuración o confiar-central) y exporte de nuevo.',
    );
  }
  return { code: central.code, publicKey: central.encryption_key };
}

/**
 * Checks the folders an export writes into and returns its range and estimated size. The app's
 * folder holds the work files and the package (about twice the package); the user's folder, the
 * package.
 */
export async function planExport(o: ExportPlanInput): Promise<{ range: { from: string | null; to: string }; bytes: number; recipient: PackageRecipient }> {
  const recipient = packageRecipient(o.db);
  const range = exportRange(o.db, o, o.now);
  const bytes = packageEstimate(o.db, o.station, range, o.includeDocuments);
  await mkdir(o.outDir, { recursive: true }).catch((e: unknown) => {
    throw fileProblem(e, o.outDir);
  });
  await checkDestination(o.outDir, 2 * bytes);
  if (o.destination) await checkDestination(o.destination, bytes);
  return { range, bytes, recipient };
}
