import type { PackageOutcome } from '../../../../shared/contracts/sync';
import { formatDateTime } from '../../../../shared/dates';

/** The last part of a path, whatever the separator (the Windows PC or the server). */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** `desde … hasta …` for a package's range (ISO instants; no start means from the beginning). */
export function rangeText(from: string | null, to: string | null): string {
  const start = from ? `desde ${formatDateTime(from)}` : 'desde el inicio';
  return to ? `${start} hasta ${formatDateTime(to)}` : start;
}

/** How long a job took, in words: `en 3,4 s`, `en menos de 1 s`. */
export function tookText(seconds: number): string {
  return seconds < 1 ? 'en menos de 1 s' : `en ${seconds.toLocaleString('es-EC', { maximumFractionDigits: 1 })} s`;
}

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('es-EC')} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;
}

/** What one consolidated package added, in words. */
export function insertedText(o: PackageOutcome): string {
  const i = o.inserted;
  return `${i.handovers} actas, ${i.items} equipos, ${i.backups} respaldos, ${i.voids} anulaciones nuevas · ${o.duplicates} ya estaban`;
}
