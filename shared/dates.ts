/** Dates travel as ISO `YYYY-MM-DD` strings; users see `dd/mm/aaaa`. */

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Day-first text as a Spanish-locale spreadsheet writes it: `10/5/2020`, `10-05-2020`,
 * `10.05.20`; ISO `2020-05-10` is accepted too. Returns null when it is not a real date.
 */
export function parseDayFirstDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (!m) return null;
  let y = Number(m[3]);
  if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
  return isoOf(y, Number(m[2]), Number(m[1]));
}

/** Excel's serial day number (1900 system, with its fictitious 29/02/1900). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80000) return null;
  const day = Math.floor(serial);
  // Excel counts a 29/02/1900 that never existed: serial 60 is no date, earlier ones are one day later.
  if (day === 60) return null;
  const ms = Math.round((day - (day < 60 ? 25568 : 25569)) * 86400000);
  const d = new Date(ms);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A JS Date read from a workbook. Spreadsheet dates have no time zone; readers hand them over
 * as UTC, so the UTC calendar day is the date the user typed (a time of day does not move it).
 */
export function dateToIso(value: Date): string | null {
  const ms = value.getTime();
  if (Number.isNaN(ms)) return null;
  // Serials with a time part arrive a few microseconds short of the second: round first.
  const d = new Date(Math.round(ms / 1000) * 1000);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `27/03/2020`: the one way a date is shown, on screens, in scripts, messages and files. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function formatDateTime(isoDateTime: string): string {
  const d = new Date(isoDateTime);
  if (Number.isNaN(d.getTime())) return isoDateTime;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const WEEKDAYS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];

/** `miércoles 31 de marzo de 2021`, as the seed writes the deadline. */
export function formatLongDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return `${WEEKDAYS[d.getUTCDay()]} ${Number(m[3])} de ${MONTHS[Number(m[2]) - 1]} de ${m[1]}`;
}


/** The calendar day (`YYYY-MM-DD`) of an instant on this PC's clock: an acta saved at 22:00 belongs to its local day. */
export function localDay(isoInstant: string): string | null {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return null;
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The instant a local calendar day starts (`2026-11-24` → midnight on this PC's clock). */
export function localDayStart(isoDay: string): Date {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}
