import { BASE_FIELDS, type BaseFieldKey } from './baseFields';
import { headerKey } from './text';

const exact = new Map<string, BaseFieldKey>();
for (const f of BASE_FIELDS) {
  exact.set(headerKey(f.header), f.key);
  for (const s of f.synonyms) exact.set(headerKey(s), f.key);
}

/** Words that, inside a longer header, point to one field. Order matters: first hit wins. */
const CONTAINS: Array<[RegExp, BaseFieldKey]> = [
  [/\bSERVICIO\b.*\b(NUMERO|NRO|NUM|NO|N)\b|\b(NUMERO|NRO|NUM|NO|N)\b.*\bSERVICIO\b/, 'serviceNumber'],
  [/\b(CEDULA|RUC|IDENTIFICACION|PASAPORTE)\b/, 'identification'],
  [/\bAPELLIDOS?\b|\bNOMBRES?\b|\bRAZON SOCIAL\b/, 'name'],
  [/\bFECHA\b.*\b(RETIRO|BAJA|CANCELACION)\b/, 'cancelDate'],
  [/\bLINEA\b.*\bNEGOCIO\b/, 'businessLine'],
  [/\bTIPO\b.*\bEQUIPO\b/, 'equipmentType'],
  [/\bSERIE\b|\bSERIAL\b/, 'serial'],
  [/\bVALORES?\b.*\bCARGAD/, 'chargesLoaded'],
  [/\bPAGAD/, 'paid'],
  [/\bRECLAMO/, 'claim'],
  [/\bCORREO\b|\bE ?MAIL\b/, 'email'],
  [/\bTELEFONO\b|\bCELULAR\b|\bMOVIL\b/, 'phone'],
];

/** The field a header names, or null when it names none Recupera knows. */
/** Longer headers that mention a field's word but hold something else ("TIPO DE IDENTIFICACION"). */
const NOT_THE_FIELD: Partial<Record<BaseFieldKey, RegExp>> = {
  identification: /\bTIPO\b/,
  name: /\b(AGENCIA|OFICINA|ASESOR|USUARIO|VENDEDOR|CAC|PLAN|PRODUCTO|EQUIPO|CONTACTO|REFERENCIA)\b/,
};

export function matchHeader(text: string): BaseFieldKey | null {
  const k = headerKey(text);
  if (k === '') return null;
  const hit = exact.get(k);
  if (hit) return hit;
  for (const [re, key] of CONTAINS) {
    if (re.test(k)) return NOT_THE_FIELD[key]?.test(k) ? null : key;
  }
  return null;
}

export type ColumnMapping = Array<BaseFieldKey | null>;

/** Maps a header row to fields; a field named twice keeps its first column (the later one is left unmapped). */
export function mapHeaderRow(cells: readonly string[]): ColumnMapping {
  const used = new Set<BaseFieldKey>();
  const mapping: ColumnMapping = cells.map(() => null);
  // Exact names and synonyms take their columns first, so "CEDULA ASESOR" cannot take the cédula's place.
  cells.forEach((c, i) => {
    const key = exact.get(headerKey(c));
    if (key && !used.has(key)) {
      used.add(key);
      mapping[i] = key;
    }
  });
  cells.forEach((c, i) => {
    if (mapping[i]) return;
    const key = matchHeader(c);
    if (key && !used.has(key)) {
      used.add(key);
      mapping[i] = key;
    }
  });
  return mapping;
}

const KEY_FIELDS: BaseFieldKey[] = ['serviceNumber', 'identification', 'name'];

/** How convincingly a row looks like the base's header: recognised columns, at least one key column. */
export function headerScore(cells: readonly string[]): number {
  const mapping = mapHeaderRow(cells);
  const found = mapping.filter((m): m is BaseFieldKey => m !== null);
  if (!found.some((f) => KEY_FIELDS.includes(f))) return 0;
  return found.length;
}

/** A header row needs at least this many recognised columns to be trusted. */
export const MIN_HEADER_SCORE = 2;
