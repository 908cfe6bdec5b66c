import { sumCents, type Cents } from './money';
import { assertNever } from './result';
import { isOwing, type ServiceStatus } from './status';

export const CONDITIONS = ['BUENO', 'DANADO', 'INCOMPLETO'] as const;
export type Condition = (typeof CONDITIONS)[number];

export function conditionLabel(c: Condition): string {
  switch (c) {
    case 'BUENO':
      return 'Bueno';
    case 'DANADO':
      return 'Dañado';
    case 'INCOMPLETO':
      return 'Incompleto';
    default:
      return assertNever(c);
  }
}

export const ACCESSORIES = ['FUENTE_DE_PODER', 'CABLE', 'CONTROL_REMOTO', 'TARJETA', 'ANTENA'] as const;
export type Accessory = (typeof ACCESSORIES)[number];

export function accessoryLabel(a: Accessory): string {
  switch (a) {
    case 'FUENTE_DE_PODER':
      return 'Fuente de poder';
    case 'CABLE':
      return 'Cable';
    case 'CONTROL_REMOTO':
      return 'Control remoto';
    case 'TARJETA':
      return 'Tarjeta';
    case 'ANTENA':
      return 'Antena';
    default:
      return assertNever(a);
  }
}

/** `UIO-INAQUITO-01-2026-000042`: station, year and a per-station, per-year sequence without gaps. */
export function actaNumber(station: string, year: number, seq: number): string {
  return `${station}-${year}-${String(seq).padStart(6, '0')}`;
}

/** `ABCD-EFGH`: what a clerk reads off a printed acta to check it against the record. */
export function formatVerificationCode(code: string): string {
  const c = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

/** An item of the customer card as far as money goes: its base value and the acta that took it, if any. */
interface ValuedItem {
  valueCents: Cents | null;
  returnedIn: string | null;
}

/**
 * What the items still out are worth: the base's value of every item no acta (not voided) took.
 * An item counts as taken when an acta named its line or, as the depuración counts it, its serial
 * on the same service; the card and the carga de valores therefore agree.
 */
export function owedCents(items: readonly ValuedItem[]): Cents {
  return sumCents(items.filter((i) => !i.returnedIn).map((i) => i.valueCents));
}

/** What a service owes: its items still out while it owes; nothing once delivered, regularised or under review. */
export function serviceOwedCents(s: { status: ServiceStatus; items: readonly ValuedItem[] }): Cents {
  return isOwing(s.status) ? owedCents(s.items) : sumCents([]);
}
