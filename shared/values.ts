import { cleanText, foldKey } from './text';

export const BUSINESS_LINES = ['Internet Fijo', 'Telefonía Fija', 'Televisión'] as const;
export type BusinessLine = (typeof BUSINESS_LINES)[number];

/** Free-text business lines from the wild, mapped to the three canonical ones. */
export function normalizeBusinessLine(raw: string): BusinessLine | null {
  const k = foldKey(raw).replace(/[^A-Z ]/g, ' ');
  // Mobile lines are not part of this campaign: leave them unknown so the row carries a warning.
  if (/\b(MOVIL|CELULAR|PREPAGO|POSPAGO)\b/.test(k)) return null;
  if (/\b(INTERNET|BANDA ANCHA|DATOS|FIBRA|ADSL|GPON|FTTH|XDSL)\b/.test(k)) return 'Internet Fijo';
  if (/\b(TELEVISION|TV|DTH|IPTV|CABLE|TELEVISION SATELITAL)\b/.test(k)) return 'Televisión';
  if (/\b(TELEFONIA|TELEFONO|VOZ|LINEA FIJA|FIJA|TELEFONICA)\b/.test(k)) return 'Telefonía Fija';
  return null;
}

/** SI/NO flags: accepts SI, SÍ, S, X, 1, TRUE, VERDADERO / NO, N, 0, FALSE, FALSO, blank. */
export function parseFlag(raw: string | number | boolean | null | undefined): boolean | null {
  if (raw === null || raw === undefined) return false;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0;
  const k = foldKey(raw);
  if (k === '' || k === 'NO' || k === 'N' || k === '0' || k === 'FALSE' || k === 'FALSO') return false;
  if (k === 'SI' || k === 'S' || k === 'X' || k === '1' || k === 'TRUE' || k === 'VERDADERO' || k === 'YES') return true;
  return null;
}

/** Mobile numbers as `09XXXXXXXX`; `+5939…`, `5939…` and `9XXXXXXXX` are folded to it. Others kept as digits. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits === '') return '';
  if (digits.startsWith('593') && digits.length === 12) return '0' + digits.slice(3);
  if (digits.length === 9 && digits.startsWith('9')) return '0' + digits;
  return digits;
}

/** Serials compared without spaces, dashes or case: scanners and typists differ. */
export function serialKey(raw: string): string {
  return foldKey(raw).replace(/[^A-Z0-9]/g, '');
}

/**
 * Whether two serial keys differ by one typing slip: a character changed, added or dropped, or two
 * neighbours swapped. Serials shorter than 6 characters never count (too many near neighbours).
 */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || a.length < 6 || b.length < 6 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** Service numbers keep their text, but lookups ignore leading zeros lost by spreadsheets. */
export function serviceKey(raw: string): string {
  const t = cleanText(raw).replace(/\s/g, '').toUpperCase();
  return /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, '') : t;
}

/** A spreadsheet number that is really a code: `1234567` not `1234567.0`, no exponent. */
export function numberAsCode(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  return String(value);
}

export function isPlaceholder(value: string): boolean {
  const k = foldKey(value);
  return k === '' || k === 'N/A' || k === 'NA' || k === 'S/N' || k === 'SN' || k === '-' || k === 'NULL' || k === 'NINGUNO' || k === 'SIN SERIE' || k === 'DESCONOCIDO';
}

/** An identification made of one digit repeated (`9999999999999`, `0000000000`): a filler, not a person. */
export function isFillerNumber(text: string): boolean {
  // Run per row: most numbers differ in their first and last characters, and stop there.
  if (text.length < 5 || text.charCodeAt(0) !== text.charCodeAt(text.length - 1)) return false;
  return /^(\d)\1{4,}$/.test(text.replace(/[\s.-]/g, ''));
}

/**
 * Excel's scientific notation (`1.712E+9`, `1,71235E+12`): a long number shown that way in a
 * narrow column and saved as text (a CSV) has lost its last digits for good.
 */
export function isLostToExponent(text: string): boolean {
  return text.length < 24 && (text.includes('E+') || text.includes('e+')) && /^\d(?:[.,]\d+)?E\+\d{1,3}$/i.test(text);
}

/**
 * A cell's length once read as text (cleaned, numbers as codes), when it is over `max`; null
 * when it is within. Cheap for the cells that are: a string is cleaned only when already longer,
 * and a number printed only when it may print longer (1e300 is 301 digits as a code; no
 * fraction prints more than 24 characters).
 */
export function lengthOver(cell: unknown, max: number): number | null {
  let length: number;
  if (typeof cell === 'string') {
    if (cell.length <= max) return null;
    length = cleanText(cell).length;
  } else if (typeof cell === 'number') {
    if (Number.isInteger(cell) ? Math.abs(cell) < 1e15 : max >= 24) return null;
    length = numberAsCode(cell).length;
  } else return null;
  return length > max ? length : null;
}
