/** Money is stored and carried as integer cents; users see USD with two decimals. */

/**
 * An amount in whole cents. The brand keeps dollars (or any other number) from being passed
 * where cents are meant; the only ways in are `cents()`, `parseMoneyToCents()` and the contracts'
 * `CentsSchema`, which all check that the number is a whole amount.
 */
export type Cents = number & { readonly __brand: 'Cents' };

export function isCents(n: unknown): n is Cents {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

/** Brands a whole number of cents; a fractional or non-finite number is a programming error. */
export function cents(n: number): Cents {
  if (!isCents(n)) throw new RangeError(`Valor en centavos no entero: ${n}`);
  return n;
}

/** A total of amounts, missing ones counting as nothing (a card's items, a service's charges). */
export function sumCents(amounts: Iterable<Cents | null>): Cents {
  let total = 0;
  for (const a of amounts) if (a !== null) total += a;
  return cents(total);
}

/**
 * Dollars as a plain number, for the cells of a written workbook and the command line's JSON:
 * outputs read by people and spreadsheets, never fed back as money.
 */
export function centsToDollars(amount: Cents): number {
  return amount / 100;
}

/** `35,50`, `35.50`, `$ 1.234,50`, `1,234.50`, or a number of dollars → cents; null when not a number. */
export function parseMoneyToCents(raw: string | number): Cents | null {
  if (typeof raw === 'number') {
    // A cell's number is as hostile as its text: 1e300 dollars is not a whole count of cents.
    const n = Math.round(raw * 100);
    return isCents(n) ? n : null;
  }
  let t = raw.replace(/[\s$]|USD/gi, '');
  if (t === '') return null;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastComma > -1 && lastDot > -1) {
    // The later separator is the decimal one.
    t = lastComma > lastDot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (lastComma > -1) {
    const decimals = t.length - lastComma - 1;
    t = (t.match(/,/g)?.length ?? 0) === 1 && decimals !== 3 ? t.replace(',', '.') : t.replace(/,/g, '');
  } else if (lastDot > -1) {
    // Same rule as the comma: one separator followed by exactly three digits groups thousands.
    const decimals = t.length - lastDot - 1;
    if ((t.match(/\./g)?.length ?? 0) > 1 || decimals === 3) t = t.replace(/\./g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Math.round(Number(t) * 100);
  // Beyond 2^53 cents the amount cannot be held exactly; no real charge comes near it.
  return isCents(n) ? n : null;
}

const usd = new Intl.NumberFormat('es-EC', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

export function formatUsd(amount: Cents | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  return usd.format(amount / 100);
}
