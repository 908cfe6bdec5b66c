import type { BaseFieldKey, RawBaseRow } from './baseFields';
import { fieldHeader } from './baseFields';
import { dateToIso, excelSerialToIso, parseDayFirstDate } from './dates';
import { excerpt, FIELD_LIMITS, tooLongMessage, type LimitedField } from './fieldLimits';
import { normalizeIdentification, type IdentificationType } from './identification';
import { formatUsd, parseMoneyToCents, type Cents } from './money';
import { fallbackText, MAX_PRICE_CENTS, NO_PRICES, priceOf, type PriceList } from './prices';
import { cleanText, foldKey } from './text';
import {
  isFillerNumber,
  isLostToExponent,
  isPlaceholder,
  lengthOver,
  normalizeBusinessLine,
  normalizePhone,
  numberAsCode,
  parseFlag,
  serialKey,
  serviceKey,
  type BusinessLine,
} from './values';

/** One equipment row of the base after normalisation: what the database stores. */
export interface BaseRow {
  identification: string | null;
  idType: IdentificationType | null;
  name: string | null;
  serviceNumber: string;
  serviceKey: string;
  businessLine: BusinessLine | null;
  businessLineRaw: string | null;
  cancelDate: string | null;
  regional: string | null;
  province: string | null;
  city: string | null;
  equipmentType: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  serialKey: string | null;
  valueCents: Cents | null;
  chargesLoaded: boolean;
  paid: boolean;
  claim: boolean;
  phone: string | null;
  email: string | null;
}

export interface RowIssue {
  /** Row number as the spreadsheet shows it. */
  row: number;
  /** Column header as Recupera names it (or the file's header for unmapped columns). */
  column: string;
  message: string;
}

export type NormalizedRow =
  | { ok: true; row: BaseRow; warnings: RowIssue[] }
  | { ok: false; errors: RowIssue[]; warnings: RowIssue[] };

type Cell = RawBaseRow[BaseFieldKey];

/** A cell as trimmed text (numbers as codes, dates as ISO days); null when blank. */
export function cellAsText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return dateToIso(cell);
  if (typeof cell === 'number') return numberAsCode(cell);
  if (typeof cell === 'boolean') return cell ? 'SI' : 'NO';
  const t = cleanText(cell);
  return t === '' ? null : t;
}

function upperText(cell: Cell): string | null {
  const t = cellAsText(cell);
  // Spanish needs no locale-specific casing (that is for Turkish and Lithuanian); the plain one is much faster.
  return t === null ? null : t.toUpperCase();
}

/** Columns with few distinct values (line, flags) repeat a million times: remember their reading. */
function memo<T>(fn: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      if (cache.size > 5000) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v as T;
  };
}

const businessLineOf = memo(normalizeBusinessLine);
const flagOf = memo((s: string) => parseFlag(s));
const placeholder = memo(isPlaceholder);

/** A cell as an ISO day: a date, an Excel serial or day-first text; `invalid` when it is none of them. */
export function cellAsDate(cell: Cell): string | null | 'invalid' {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return dateToIso(cell) ?? 'invalid';
  if (typeof cell === 'number') return excelSerialToIso(cell) ?? 'invalid';
  const t = cleanText(String(cell));
  if (t === '') return null;
  return parseDayFirstDate(t) ?? 'invalid';
}

const LOST_DIGITS =
  'perdió sus últimos dígitos al guardarse en notación científica. Dé a la columna formato de texto en Excel, escriba los números completos y vuelva a exportar el archivo.';

const IN_DATE_CELL =
  'está en una celda con formato de fecha, así que no se lee como número. Dé a esa columna formato General o Texto en Excel y vuelva a exportar el archivo.';

/**
 * Why an identification cannot tell a customer apart, or null. Each is left blank rather than
 * merging unrelated customers under one number (and printing the first one's name on every acta).
 */
function unusableIdentification(cell: Cell, text: string | null): string | null {
  if (cell instanceof Date) return `La identificación ${IN_DATE_CELL}`;
  if (text === null) return null;
  if (isLostToExponent(text)) return `La identificación «${text}» ${LOST_DIGITS}`;
  // 9999999999999 (consumidor final), 0000000000: a filler shared by unrelated customers.
  if (isFillerNumber(text)) return `La identificación «${text}» es de relleno (todos sus dígitos iguales) y no distingue a un cliente de otro.`;
  return null;
}

/** The limit each column of the base is held to; cells that only carry a value, a date or a flag are raw cells. */
const BASE_LIMITS: Record<BaseFieldKey, LimitedField> = {
  regional: 'regional',
  province: 'province',
  city: 'city',
  identification: 'identification',
  name: 'name',
  businessLine: 'businessLine',
  serviceNumber: 'serviceNumber',
  cancelDate: 'rawCell',
  equipmentType: 'equipmentType',
  brand: 'brand',
  model: 'model',
  serial: 'serial',
  value: 'rawCell',
  chargesLoaded: 'rawCell',
  paid: 'rawCell',
  claim: 'rawCell',
  phone: 'phone',
  email: 'email',
};
const BASE_LIMITED = Object.keys(BASE_LIMITS) as BaseFieldKey[];

/**
 * The cells of a row longer than their column allows (docs/domain.md, "Límites de los campos"),
 * each as a reason naming the column. Measured after cleaning, so spaces and control characters
 * around a value do not count; only cells already longer than the limit are cleaned for it.
 */
export function tooLongCells(raw: RawBaseRow, rowNumber: number): RowIssue[] {
  let issues: RowIssue[] | null = null;
  for (const key of BASE_LIMITED) {
    const max = FIELD_LIMITS[BASE_LIMITS[key]];
    const length = lengthOver(raw[key], max);
    if (length === null) continue;
    (issues ??= []).push({ row: rowNumber, column: fieldHeader(key), message: tooLongMessage(fieldHeader(key), length, max) });
  }
  return issues ?? [];
}

/**
 * Turns a raw spreadsheet row into a base row. Rejects only what cannot be used (no service
 * number; neither identification nor name; a cell longer than its column allows); questionable
 * values become warnings, quoting at most an excerpt of the cell. `prices` only words the warning of
 * an unusable VALOR (which price will stand in); the value itself is looked up when it is used.
 */
export function normalizeBaseRow(raw: RawBaseRow, rowNumber: number, prices: PriceList = NO_PRICES): NormalizedRow {
  const tooLong = tooLongCells(raw, rowNumber);
  if (tooLong.length > 0) return { ok: false, errors: tooLong, warnings: [] };
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const warn = (key: BaseFieldKey, message: string) => warnings.push({ row: rowNumber, column: fieldHeader(key), message });

  // A cell formatted as a date shows (and holds) a date, not the number typed in it.
  const serviceAsDate = raw.serviceNumber instanceof Date;
  const serviceNumber = serviceAsDate ? null : (cellAsText(raw.serviceNumber)?.replace(/\s+/g, '') ?? null);
  // "N/A", "S/N", "-" and the like are blanks, not identities.
  const idRaw = cellAsText(raw.identification);
  const idUnusable = unusableIdentification(raw.identification, idRaw);
  const idText = idRaw && !idUnusable && !placeholder(idRaw) ? idRaw : null;
  const id = idText ? normalizeIdentification(idText) : null;
  const nameRaw = upperText(raw.name);
  const name = nameRaw && !placeholder(nameRaw) ? nameRaw : null;

  if (serviceAsDate) {
    errors.push({ row: rowNumber, column: fieldHeader('serviceNumber'), message: `El número de servicio ${IN_DATE_CELL}` });
  } else if (!serviceNumber) {
    errors.push({ row: rowNumber, column: fieldHeader('serviceNumber'), message: 'Falta el número de servicio.' });
  } else if (isLostToExponent(serviceNumber)) {
    // The service is the row's key: a guessed one would merge services or create a false one.
    errors.push({ row: rowNumber, column: fieldHeader('serviceNumber'), message: `El número de servicio «${serviceNumber}» ${LOST_DIGITS}` });
  }
  if (!id && !name) {
    errors.push({
      row: rowNumber,
      column: `${fieldHeader('identification')} / ${fieldHeader('name')}`,
      message: idUnusable ? `${idUnusable} Falta también el nombre del cliente.` : 'Faltan la identificación y el nombre del cliente.',
    });
  } else if (idUnusable && errors.length === 0) {
    warn('identification', `${idUnusable} La fila se guarda sin identificación.`);
  }
  if (id?.warning) warn('identification', `${id.warning} (${id.value})`);

  const businessLineRaw = cellAsText(raw.businessLine);
  const businessLine = businessLineRaw ? businessLineOf(businessLineRaw) : null;
  if (businessLineRaw && !businessLine) warn('businessLine', `Línea de negocio desconocida: «${excerpt(businessLineRaw)}».`);

  const date = cellAsDate(raw.cancelDate);
  if (date === 'invalid') warn('cancelDate', `La fecha de retiro «${excerpt(cellAsText(raw.cancelDate) ?? '')}» no es una fecha válida (use dd/mm/aaaa).`);

  // An unusable VALOR is kept blank (never charged as typed); the price of its type stands in for it.
  let valueCents: Cents | null = null;
  const equipmentType = upperText(raw.equipmentType);
  if (raw.value !== null && raw.value !== undefined && !(typeof raw.value === 'string' && raw.value.trim() === '')) {
    // Cleaned like any text, so a control character inside a value does not hide the number.
    valueCents = typeof raw.value === 'number' ? parseMoneyToCents(raw.value) : typeof raw.value === 'string' ? parseMoneyToCents(cleanText(raw.value)) : null;
    const shown = excerpt(cellAsText(raw.value) ?? '');
    if (valueCents === null) warn('value', `VALOR «${shown}» no es un valor; ${fallbackText(equipmentType, prices)}`);
    else if (valueCents < 0) {
      valueCents = null;
      warn('value', `VALOR ${shown} es negativo; ${fallbackText(equipmentType, prices)}`);
    } else if (valueCents > MAX_PRICE_CENTS) {
      // The bound of a price (docs/domain.md §6.4.1): no item is worth more, and sums of such
      // values would pass what cents can hold exactly.
      valueCents = null;
      warn('value', `VALOR ${shown} pasa de ${formatUsd(MAX_PRICE_CENTS as Cents)}, lo más que vale un equipo; ${fallbackText(equipmentType, prices)}`);
    }
  } else if (priceOf(prices, equipmentType) !== null) {
    warn('value', `VALOR en blanco; ${fallbackText(equipmentType, prices)}`);
  }

  const flag = (key: 'chargesLoaded' | 'paid' | 'claim'): boolean => {
    const v = raw[key];
    const parsed = typeof v === 'string' ? flagOf(cleanText(v)) : parseFlag(v instanceof Date ? null : v);
    if (parsed === null) {
      warn(key, `Se esperaba SI o NO y se encontró «${excerpt(cellAsText(v) ?? '')}»; se toma como NO.`);
      return false;
    }
    return parsed;
  };
  const chargesLoaded = flag('chargesLoaded');
  const paid = flag('paid');
  const claim = flag('claim');

  const serialText = cellAsText(raw.serial);
  const serial = serialText && !placeholder(serialText) ? serialText.toUpperCase() : null;

  const phoneText = cellAsText(raw.phone);
  const phone = phoneText ? normalizePhone(phoneText) || null : null;
  const emailText = cellAsText(raw.email);
  const email = emailText ? emailText.toLowerCase() : null;
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) warn('email', `El correo «${excerpt(email)}» no parece válido.`);

  if (errors.length > 0 || !serviceNumber) return { ok: false, errors, warnings };

  return {
    ok: true,
    warnings,
    row: {
      identification: id?.value ?? null,
      idType: id?.type ?? null,
      name,
      serviceNumber,
      serviceKey: serviceKey(serviceNumber),
      businessLine,
      businessLineRaw,
      cancelDate: date === 'invalid' ? null : date,
      regional: upperText(raw.regional),
      province: upperText(raw.province),
      city: upperText(raw.city),
      equipmentType,
      brand: upperText(raw.brand),
      model: upperText(raw.model),
      serial,
      serialKey: serial ? serialKey(serial) : null,
      valueCents,
      chargesLoaded,
      paid,
      claim,
      phone,
      email,
    },
  };
}

/** Folded name used by search, kept beside the display name. */
export function nameSearchKey(name: string): string {
  return foldKey(name);
}
