import { countOf } from '../../../../shared/auditText';
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

/** What one consolidated package added, in words. */
export function insertedText(o: PackageOutcome): string {
  const i = o.inserted;
  return `${countOf(i.handovers, 'acta', 'actas')}, ${countOf(i.items, 'equipo', 'equipos')}, ${countOf(i.backups, 'respaldo', 'respaldos')}, ${countOf(i.voids, 'anulación nueva', 'anulaciones nuevas')} · ${countOf(o.duplicates, 'ya estaba', 'ya estaban')}`;
}
