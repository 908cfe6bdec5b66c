import { mkdir } from 'node:fs/promises';
import { AppFailure } from '../../shared/result';
import { depurationVolume, lastBatchOfYear } from '../db/depuration';
import type { ReadDb } from '../db/open';
import { checkDestination } from '../files/destination';
import { fileProblem } from '../files/fileErrors';

/**
 * A depuración's batch number and size, decided before any work: the handler asks this before it
 * queues the job (a bad `--salida` is refused in seconds) and the job asks again when it starts.
 */

/**
 * The next batch of the year: one past the highest number recorded. The number is only taken when
 * the batch is recorded: a run that failed or was killed records nothing, so the next run gets the
 * same number and reuses (and rewrites, file by file) the half-made folder it left. Numbers never
 * repeat; one is skipped only when a batch left half-recorded by a crash is removed on the next
 * open after a later batch took the number after it.
 */
export function nextBatch(db: ReadDb, now: Date): { batch: string; year: number; lastNumber: number } {
  const year = now.getFullYear();
  const lastNumber = lastBatchOfYear(db, year);
  return { batch: `DEP-${year}-${String(lastNumber + 1).padStart(4, '0')}`, year, lastNumber };
}

/** Checked inside the session that records the batch: another run (another process) may have taken the number meanwhile. */
export function assertBatchStillFree(db: ReadDb, b: { batch: string; year: number; lastNumber: number }): void {
  if (lastBatchOfYear(db, b.year) !== b.lastNumber) {
    throw new AppFailure('conflict', `Otra depuración registró un lote mientras se generaba ${b.batch}. Vuelva a depurar para obtener el lote siguiente.`);
  }
}

// Sizes of one row in the three workbooks together (the comunicaciones carry two long texts a
// row), about three times what a demo base of 29 200 services and 47 100 items took (13 MB).
const BYTES = { service: 768, item: 256, floor: 2 * 1024 * 1024 };

/** The three files' size together, overestimated on purpose. */
export function depurationEstimate(db: ReadDb): number {
  const v = depurationVolume(db);
  return BYTES.floor + v.services * BYTES.service + v.items * BYTES.item;
}

/**
 * Checks the folders a depuración writes into (the app's batches folder, created if missing, and
 * the user's folder, which must exist) and returns the estimated size of its files.
 */
export async function planDepuration(db: ReadDb, outDir: string, destination?: string): Promise<number> {
  const bytes = depurationEstimate(db);
  await mkdir(outDir, { recursive: true }).catch((e: unknown) => {
    throw fileProblem(e, outDir);
  });
  await checkDestination(outDir, bytes);
  if (destination) await checkDestination(destination, bytes);
  return bytes;
}
