/** Money is stored as integer cents; users see USD with two decimals. */

/** `35,50`, `35.50`, `$ 1.234,50`, `1,234.50`, or a number → cents; null when not a number. */
export function parseMoneyToCents(raw: string | number): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.round(raw * 100) : null;
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
  return Math.round(Number(t) * 100);
}

const usd = new Intl.NumberFormat('es-EC', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

export function formatUsd(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return usd.format(cents / 100);
}
