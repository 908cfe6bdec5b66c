import { bytesAre } from './xmlScanner';

/** Excel's serial day number as a UTC instant, as exceljs converts it (25569 is 1970-01-01). */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

/** Zero-based column of a reference such as `AB12`; -1 when it has no column letters. */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** Letters of a zero-based column: 0 is A, 27 is AB. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** ISO 8601 cell (`t="d"`): no time zone means the workbook's wall clock, which we keep as UTC. */
export function isoCellDate(text: string): Date | null {
  const m = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) return null;
  if (m[8]) return new Date(text.trim());
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms));
}

// Cell types (`t`): anything else, `n` included, is a number.
export const T_NUMBER = 0;
export const T_SHARED = 1;
export const T_INLINE = 2;
export const T_STR = 3;
export const T_BOOL = 4;
export const T_ERROR = 5;
export const T_DATE = 6;

/** Excel's last column (XFD): a cell beyond it is not in any sheet Excel can write. */
export const EXCEL_COLUMNS = 16_384;

/** parseInt's reading of a decimal attribute: optional blanks and sign, then digits; NaN without digits. */
export function intAt(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  let sign = 1;
  if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) sign = buf[i++] === 0x2d ? -1 : 1;
  let n = 0;
  const from = i;
  for (; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return i === from ? NaN : sign * n;
}

/** The cell type code of a `t` attribute's bytes. */
export function typeAt(buf: Buffer, start: number, end: number): number {
  const len = end - start;
  if (len === 1) {
    switch (buf[start]) {
      case 0x73: return T_SHARED; // s
      case 0x62: return T_BOOL; // b
      case 0x65: return T_ERROR; // e
      case 0x64: return T_DATE; // d
      default: return T_NUMBER;
    }
  }
  if (bytesAre(buf, start, end, 'str')) return T_STR;
  if (bytesAre(buf, start, end, 'inlineStr')) return T_INLINE;
  return T_NUMBER;
}
