/** Ecuadorian identification numbers (docs/domain.md §5). A wrong check digit is a warning, never a rejection. */
export type IdentificationType = 'CEDULA' | 'RUC' | 'PASAPORTE';

export interface IdentificationCheck {
  value: string;
  type: IdentificationType;
  /** Spanish warning when the number looks wrong; absent when it checks out. */
  warning?: string;
}

const digitsOnly = /^\d+$/;

function provinceOk(code: number): boolean {
  return (code >= 1 && code <= 24) || code === 30;
}

export function isValidCedula(value: string): boolean {
  if (value.length !== 10 || !digitsOnly.test(value)) return false;
  if (!provinceOk(Number(value.slice(0, 2)))) return false;
  if (Number(value[2]) >= 6) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let p = Number(value[i]) * (i % 2 === 0 ? 2 : 1);
    if (p > 9) p -= 9;
    sum += p;
  }
  return (10 - (sum % 10)) % 10 === Number(value[9]);
}

function mod11(value: string, weights: number[]): number {
  let sum = 0;
  weights.forEach((w, i) => (sum += Number(value[i]) * w));
  const r = 11 - (sum % 11);
  return r === 11 ? 0 : r;
}

export type RucKind = 'natural' | 'private' | 'public';

/** Returns the kind of RUC when its structure and check digit are valid, otherwise null. */
export function checkRuc(value: string): RucKind | null {
  if (value.length !== 13 || !digitsOnly.test(value)) return null;
  if (!provinceOk(Number(value.slice(0, 2)))) return null;
  const third = Number(value[2]);
  if (third < 6) {
    return isValidCedula(value.slice(0, 10)) && value.slice(10) !== '000' ? 'natural' : null;
  }
  if (third === 9) {
    return mod11(value, [4, 3, 2, 7, 6, 5, 4, 3, 2]) === Number(value[9]) && value.slice(10) !== '000' ? 'private' : null;
  }
  if (third === 6) {
    return mod11(value, [3, 2, 7, 6, 5, 4, 3, 2]) === Number(value[8]) && value.slice(9) !== '0000' ? 'public' : null;
  }
  return null;
}

/**
 * Normalises an identification as it arrives from a spreadsheet: numbers lose their leading
 * zero (`102030405` is the cédula `0102030405`), so 9 and 12 digit numbers are padded back.
 */
export function normalizeIdentification(raw: string): IdentificationCheck | null {
  let value = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (value === '') return null;
  if (digitsOnly.test(value)) {
    if (value.length === 9) value = '0' + value;
    else if (value.length === 12) value = '0' + value;
    if (value.length === 10) {
      return isValidCedula(value)
        ? { value, type: 'CEDULA' }
        : { value, type: 'CEDULA', warning: 'La cédula no pasa la verificación del dígito final.' };
    }
    if (value.length === 13) {
      const kind = checkRuc(value);
      if (kind) return { value, type: 'RUC' };
      // Recent company RUCs can fail mod 11 (docs/domain.md §5.2): keep them, with a warning.
      return { value, type: 'RUC', warning: 'El RUC no pasa la verificación del dígito verificador.' };
    }
    return { value, type: 'PASAPORTE', warning: `La identificación tiene ${value.length} dígitos; no es cédula (10) ni RUC (13).` };
  }
  return { value, type: 'PASAPORTE' };
}

/** Search keys for an identification typed by a clerk: with and without the lost leading zero. */
export function identificationCandidates(query: string): string[] {
  const v = query.replace(/[\s.-]/g, '').toUpperCase();
  if (!v) return [];
  const out = new Set([v]);
  if (digitsOnly.test(v) && (v.length === 9 || v.length === 12)) out.add('0' + v);
  return [...out];
}
