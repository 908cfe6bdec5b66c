import { foldKey } from './text';

/** `UIO-IÑAQUITO-01` → `UIO-INAQUITO-01`: upper case, ASCII, dash-separated; it prefixes acta numbers. */
export function normalizeStationCode(raw: string): string {
  return foldKey(raw)
    .replace(/Ñ/g, 'N')
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function stationCodeProblem(code: string): string | null {
  if (code.length < 3) return 'El código de estación debe tener al menos 3 caracteres.';
  if (code.length > 40) return 'El código de estación no puede tener más de 40 caracteres.';
  if (!/^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(code)) return 'Use solo letras, números y guiones (por ejemplo UIO-INAQUITO-01).';
  return null;
}
