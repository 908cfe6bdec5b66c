import { stripControls } from './fieldLimits';

/**
 * Trim, collapse inner whitespace (incl. non-breaking spaces), drop control characters (a NUL or
 * an escape sequence from a hostile file never reaches the database) and compose Unicode (NFC).
 */
// Most cells are plain ASCII words separated by single spaces: nothing to compose, collapse or strip.
const ALREADY_CLEAN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

export function cleanText(value: string): string {
  if (ALREADY_CLEAN.test(value)) return value;
  return stripControls(value.normalize('NFC')).replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();
}

/** A name or an equipment's type, brand or model as the acta prints it: clean and in capitals, accents kept (`maría josé` → `MARÍA JOSÉ`). */
export function printedText(value: string): string {
  return cleanText(value).toLocaleUpperCase('es-EC');
}

/** Accent- and case-insensitive form used for comparing and searching: `Pérez` → `PEREZ`. */
export function foldKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Header comparison key: folded, punctuation as spaces. `Nro. Servicio:` → `NRO SERVICIO`. */
export function headerKey(value: string): string {
  return foldKey(value)
    .replace(/[^A-Z0-9Ñ]+/g, ' ')
    .replace(/Ñ/g, 'N')
    .trim();
}

/** Title case for names in messages: `JUAN CARLOS` → `Juan Carlos`. */
export function titleCase(value: string): string {
  return cleanText(value)
    .toLocaleLowerCase('es-EC')
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('es-EC'));
}

/** Spreadsheet programs run a cell that starts with these as a formula. */
export function isFormulaLike(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}
