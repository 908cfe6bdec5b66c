/**
 * Durations and sizes in words, the same on every screen (es-EC: decimal comma, thousands with a
 * dot): `en 3,4 s`, `en menos de 1 s`, `12 KB`, `1,5 MB`.
 */

/** How long a job took, in words: `en 3,4 s`, `en menos de 1 s`. */
export function tookText(seconds: number): string {
  return seconds < 1 ? 'en menos de 1 s' : `en ${seconds.toLocaleString('es-EC', { maximumFractionDigits: 1 })} s`;
}

/** A file's size: whole KB below a megabyte (never «0 KB»), MB with one decimal above. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('es-EC')} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;
}
