import { FIELD_LIMITS, tooLongMessage, type LimitedField } from './fieldLimits';
import { headerKey } from './text';
import { lengthOver } from './values';

/**
 * Columns of an office's own list of earlier returns (before Recupera), read as tolerantly as
 * the base: header below titles, synonyms, any order.
 */
export const HANDOVER_LIST_FIELDS = [
  {
    key: 'identification',
    header: 'IDENTIFICACION',
    synonyms: ['CEDULA', 'CI', 'C I', 'RUC', 'CEDULA RUC', 'CEDULA O RUC', 'NUMERO DE IDENTIFICACION', 'DOCUMENTO', 'PASAPORTE'],
  },
  {
    key: 'serviceNumber',
    header: 'NUMERO DE SERVICIO',
    synonyms: ['NRO SERVICIO', 'NRO DE SERVICIO', 'NO SERVICIO', 'NUM SERVICIO', 'NUMERO SERVICIO', 'SERVICIO', 'CONTRATO', 'NUMERO DE CUENTA'],
  },
  { key: 'serial', header: 'SERIE', synonyms: ['SERIAL', 'NRO SERIE', 'NUMERO DE SERIE', 'SERIE EQUIPO', 'SN', 'S N', 'MAC'] },
  {
    key: 'deliveredAt',
    header: 'FECHA DE ENTREGA',
    synonyms: ['FECHA ENTREGA', 'FECHA', 'FECHA DE RECEPCION', 'FECHA RECEPCION', 'FECHA DE DEVOLUCION', 'FECHA DEVOLUCION'],
  },
  { key: 'office', header: 'OFICINA', synonyms: ['AGENCIA', 'CAC', 'PUNTO DE ATENCION', 'LUGAR'] },
  { key: 'acta', header: 'ACTA', synonyms: ['NUMERO DE ACTA', 'NRO ACTA', 'NO ACTA', 'ACTA NRO', 'NUM ACTA', 'ACTA DE ENTREGA'] },
] as const;

export type HandoverListField = (typeof HANDOVER_LIST_FIELDS)[number]['key'];

const exact = new Map<string, HandoverListField>();
for (const f of HANDOVER_LIST_FIELDS) {
  exact.set(headerKey(f.header), f.key);
  for (const s of f.synonyms) exact.set(headerKey(s), f.key);
}

const CONTAINS: Array<[RegExp, HandoverListField]> = [
  [/\bSERVICIO\b/, 'serviceNumber'],
  [/\b(CEDULA|RUC|IDENTIFICACION)\b/, 'identification'],
  [/\bSERIE\b|\bSERIAL\b/, 'serial'],
  [/\bFECHA\b/, 'deliveredAt'],
  [/\bACTA\b/, 'acta'],
  [/\bOFICINA\b|\bAGENCIA\b/, 'office'],
];

/** Maps a header row; a field named twice keeps its first column. */
export function mapHandoverListHeader(cells: readonly string[]): Array<HandoverListField | null> {
  const used = new Set<HandoverListField>();
  const mapping: Array<HandoverListField | null> = cells.map(() => null);
  const take = (i: number, key: HandoverListField | null | undefined) => {
    if (key && !used.has(key) && mapping[i] === null) {
      used.add(key);
      mapping[i] = key;
    }
  };
  cells.forEach((c, i) => take(i, exact.get(headerKey(c))));
  cells.forEach((c, i) => {
    const k = headerKey(c);
    if (k === '' || /\bTIPO\b/.test(k)) return;
    take(i, CONTAINS.find(([re]) => re.test(k))?.[1]);
  });
  return mapping;
}

/** A header row names a key column (service, serial or identification) and at least one more. */
export function handoverListHeaderScore(cells: readonly string[]): number {
  const found = mapHandoverListHeader(cells).filter((m) => m !== null);
  if (!found.some((f) => f === 'serviceNumber' || f === 'serial' || f === 'identification')) return 0;
  return found.length;
}

/** The limit each column of a list is held to (docs/domain.md, "Límites de los campos"). */
const LIST_LIMITS: Record<HandoverListField, LimitedField> = {
  identification: 'identification',
  serviceNumber: 'serviceNumber',
  serial: 'serial',
  deliveredAt: 'rawCell',
  office: 'office',
  acta: 'actaNumber',
};

/**
 * The cells of a list's row longer than their column allows, each as a reason naming the column
 * (measured after cleaning, as the base's are). A row with any is rejected.
 */
export function handoverListTooLong(cells: readonly unknown[], mapping: ReadonlyArray<HandoverListField | null>): Array<{ column: string; message: string }> {
  const issues: Array<{ column: string; message: string }> = [];
  mapping.forEach((key, i) => {
    if (!key) return;
    const max = FIELD_LIMITS[LIST_LIMITS[key]];
    const length = lengthOver(cells[i], max);
    if (length === null) return;
    const header = HANDOVER_LIST_FIELDS.find((f) => f.key === key)!.header;
    issues.push({ column: header, message: tooLongMessage(header, length, max) });
  });
  return issues;
}
