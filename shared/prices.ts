import { z } from 'zod';
import { FIELD_LIMITS } from './fieldLimits';
import { formatUsd, isCents, type Cents } from './money';
import { cleanText } from './text';

/**
 * Prices per equipment type (docs/domain.md, "De dónde sale el valor de un equipo"): what an item
 * is worth when the base gives no usable VALOR (blank, not a number, negative) and for items that
 * came back without being listed. Kept as the JSON setting `prices`, integer cents by type; Posventa
 * sets them and they travel in the central's update.
 */

/** The type an item without one is priced under, so even those can be given a price. */
export const UNTYPED = 'SIN TIPO';

/** The highest price accepted: $10.000,00 (no CPE comes near it; a typo like 45000 dollars is caught). */
export const MAX_PRICE_CENTS = 1_000_000;

/** How many types a price list may hold: a few dozen in practice; the bound keeps the setting small. */
export const MAX_PRICED_TYPES = 300;

/**
 * An equipment type as the base stores it (cleaned, upper case, accents kept: the import's own
 * form), so a price set for "Modem " finds the base's "MODEM"; blank is UNTYPED. A double quote
 * reads as a single one and a backslash as a slash: the depuración finds the price by a quoted JSON
 * path (electron/db/depuration.ts), where neither can go.
 */
export function priceKey(type: string | null | undefined): string {
  const t = cleanText(type ?? '').toUpperCase().replace(/"/g, "'").replace(/\\/g, '/');
  return t === '' ? UNTYPED : t;
}

export type PriceList = Readonly<Record<string, Cents>>;
export const NO_PRICES: PriceList = Object.freeze({});

const PriceCents = z.custom<Cents>((n) => isCents(n) && n >= 0 && n <= MAX_PRICE_CENTS, {
  message: `Un precio va de $0,00 a ${formatUsd(MAX_PRICE_CENTS as Cents)}.`,
});

/** The list as it crosses a boundary: keys already in price-key form, values whole cents in range. */
export const PriceListSchema = z
  .record(z.string().min(1).max(FIELD_LIMITS.equipmentType), PriceCents)
  .refine((r) => Object.keys(r).length <= MAX_PRICED_TYPES, { message: `Se admiten hasta ${MAX_PRICED_TYPES} tipos de equipo.` })
  .refine((r) => Object.keys(r).every((k) => priceKey(k) === k), { message: 'Cada tipo de equipo va en mayúsculas y sin espacios sobrantes.' });

/** A stored list read defensively: anything unusable (a damaged or foreign value) counts as no prices. */
export function parsePriceList(stored: unknown): PriceList {
  const parsed = PriceListSchema.safeParse(stored);
  return parsed.success ? parsed.data : NO_PRICES;
}

export function priceOf(prices: PriceList, type: string | null | undefined): Cents | null {
  const key = priceKey(type);
  return Object.prototype.hasOwnProperty.call(prices, key) ? (prices[key] ?? null) : null;
}

/** A base VALOR that can be charged: a whole, non-negative amount. */
export function isUsableValue(value: number | null | undefined): value is Cents {
  return isCents(value) && value >= 0;
}

/** What an item is worth: the base's VALOR when usable, else its type's price; null when neither exists. */
export function effectiveValue(value: number | null | undefined, type: string | null | undefined, prices: PriceList): { cents: Cents | null; fromPrice: boolean } {
  if (isUsableValue(value)) return { cents: value, fromPrice: false };
  const price = priceOf(prices, type);
  return { cents: price, fromPrice: price !== null };
}

/** The tail of an import warning about an unusable VALOR: which price will stand in, or that none exists. */
export function fallbackText(type: string | null | undefined, prices: PriceList): string {
  const price = priceOf(prices, type);
  const key = priceKey(type);
  return price === null
    ? `${key} no tiene precio: fíjelo en Configuración → Precios por tipo de equipo antes de depurar.`
    : `se usará el precio de ${key}: ${formatUsd(price)}.`;
}

/** Rows typed in the settings screen: a type and a price in dollars as text. */
export interface PriceDraftRow {
  type: string;
  dollars: string;
}

export type PriceDraftErrors = Record<number, { type?: string; dollars?: string }>;

/** `45,00` for the price field: dollars with two decimals and a decimal comma, no currency sign. */
export function dollarsText(amount: Cents): string {
  return (amount / 100).toFixed(2).replace('.', ',');
}

/**
 * The typed rows as a price list, or every problem by row at once (a blank row is skipped). A price
 * takes a decimal comma or point; a type named twice is an error (which price would win?).
 */
export function readPriceDraft(rows: readonly PriceDraftRow[]): { ok: true; prices: PriceList } | { ok: false; errors: PriceDraftErrors } {
  const errors: PriceDraftErrors = {};
  const prices: Record<string, Cents> = {};
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const typed = cleanText(r.type);
    const dollars = r.dollars.trim();
    if (typed === '' && dollars === '') return;
    const e: { type?: string; dollars?: string } = {};
    const key = priceKey(typed);
    if (typed === '') e.type = 'Escriba el tipo de equipo.';
    else if (typed.length > FIELD_LIMITS.equipmentType) e.type = `El tipo de equipo admite hasta ${FIELD_LIMITS.equipmentType} caracteres.`;
    else if (seen.has(key)) e.type = `${key} ya tiene precio en la fila ${(seen.get(key) ?? 0) + 1}.`;
    const cents = parseDollars(dollars);
    if (dollars === '') e.dollars = 'Escriba el precio en dólares, por ejemplo 45,00.';
    else if (cents === null) e.dollars = `«${dollars.slice(0, 20)}» no es un valor en dólares (por ejemplo 45,00).`;
    else if (cents < 0 || cents > MAX_PRICE_CENTS) e.dollars = `Un precio va de $0,00 a ${formatUsd(MAX_PRICE_CENTS as Cents)}.`;
    if (e.type || e.dollars) errors[i] = e;
    else if (cents !== null) prices[key] = cents;
    if (typed !== '' && !seen.has(key)) seen.set(key, i);
  });
  if (Object.keys(prices).length + Object.keys(errors).length > MAX_PRICED_TYPES) {
    errors[rows.length - 1] = { type: `Se admiten hasta ${MAX_PRICED_TYPES} tipos de equipo.` };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, prices };
}

/**
 * Dollars typed by a person: digits with at most two decimals after a comma or a point, and
 * thousands grouped only when the decimals follow the other mark («1.234,56», «1,234.56», as the
 * screen itself shows prices). A lone group («4,555») stays refused: 4,555 or 4.555?
 */
function parseDollars(text: string): Cents | null {
  const t = text.replace(/[\s$]|USD/gi, '');
  const plain = /^(-?)(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(t);
  const grouped = /^(-?)(\d{1,3}([.,])\d{3}(?:\3\d{3})*)([.,])(\d{1,2})$/.exec(t);
  let read: { sign: string; whole: string; decimals: string };
  if (plain) read = { sign: plain[1] ?? '', whole: plain[2] ?? '', decimals: plain[3] ?? '' };
  else if (grouped && grouped[3] !== grouped[4]) read = { sign: grouped[1] ?? '', whole: (grouped[2] ?? '').replace(/[.,]/g, ''), decimals: grouped[5] ?? '' };
  else return null;
  const n = Number(read.whole) * 100 + Number(read.decimals.padEnd(2, '0'));
  return (read.sign ? -n : n) as Cents;
}
