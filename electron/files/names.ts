/** `20261124-1830` (or `20261124-183005` with seconds) in the PC's local time, as people read it in a file name. */
export function fileStamp(d: Date = new Date(), withSeconds = false): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const minutes = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
  return withSeconds ? minutes + p(d.getSeconds()) : minutes;
}

/** A station code or a file's name as a safe piece of a new file name. */
export function safeFilePart(s: string, fallback = 'archivo'): string {
  return s.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || fallback;
}
