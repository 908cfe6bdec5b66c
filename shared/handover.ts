import { sumCents, type Cents } from './money';
import { checkRuc, isValidCedula } from './identification';
import { assertNever } from './result';
import { isOwing, type ServiceStatus } from './status';
import { foldKey } from './text';

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

/**
 * Which accessories an equipment type can come with (docs/domain.md, "Accesorios por tipo"): the
 * first rule whose word appears in the folded type wins; a type no rule knows is offered all, so
 * nothing the customer brings is left out. Words are matched at the start of a word of the type.
 */
const ACCESSORY_RULES: ReadonlyArray<{ words: readonly string[]; accessories: readonly Accessory[] }> = [
  { words: ['FUENTE', 'CARGADOR'], accessories: ['CABLE'] },
  { words: ['DECO', 'STB', 'TV BOX'], accessories: ['FUENTE_DE_PODER', 'CABLE', 'CONTROL_REMOTO', 'TARJETA', 'ANTENA'] },
  { words: ['ONT', 'ONU', 'MODEM', 'ROUTER', 'ENRUTADOR', 'GPON', 'REPETIDOR', 'TELEF'], accessories: ['FUENTE_DE_PODER', 'CABLE'] },
];

export function accessoriesFor(type: string | null): Accessory[] {
  const words = foldKey(type ?? '')
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(' ')
    .filter(Boolean);
  const text = ` ${words.join(' ')}`;
  const rule = ACCESSORY_RULES.find((r) => r.words.some((w) => text.includes(` ${w}`)));
  return rule ? [...rule.accessories] : [...ACCESSORIES];
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

/** Who delivers on the holder's behalf, as typed at the desk. */
export interface ThirdPartyInput {
  identification: string;
  name: string;
  documentsReceived: boolean;
}
export type ThirdPartyField = keyof ThirdPartyInput;

function provinceOk(digits: string): boolean {
  const code = Number(digits.slice(0, 2));
  return (code >= 1 && code <= 24) || code === 30;
}

/**
 * What is wrong with a tercero's identification, or null. All digits: a cédula (10, check digit
 * right) or a RUC (13, valid; a company RUC, third digit 9, may fail mod 11 as recent ones do).
 * Anything with a letter is a passport: 6 to 20 letters and digits, nothing else.
 */
export function thirdPartyIdProblem(raw: string): string | null {
  const v = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (v === '') return 'Escriba la identificación de quien entrega.';
  if (/^\d+$/.test(v)) {
    if (v.length === 10) return isValidCedula(v) ? null : 'La cédula no es válida: revise el número (el último dígito no corresponde).';
    if (v.length === 13) {
      const company = v[2] === '9' && provinceOk(v) && v.slice(10) !== '000';
      return checkRuc(v) || company ? null : 'El RUC no es válido: revise el número.';
    }
    return 'Una cédula tiene 10 dígitos y un RUC 13: revise el número.';
  }
  return /^[A-Z0-9]{6,20}$/.test(v) ? null : 'Un pasaporte tiene de 6 a 20 letras y números.';
}

/** A person's name: at least two words of two letters or more ("XYZ" or "Ana A." is not one). */
export function isFullName(name: string): boolean {
  return name.split(/\s+/).filter((w) => (w.match(/\p{L}/gu) ?? []).length >= 2).length >= 2;
}

/** Every problem with the tercero at once, by field, in the order the form shows them; empty when it can be saved. */
export function thirdPartyErrors(t: ThirdPartyInput): Partial<Record<ThirdPartyField, string>> {
  const errors: Partial<Record<ThirdPartyField, string>> = {};
  const id = thirdPartyIdProblem(t.identification);
  if (id) errors.identification = id;
  if (!isFullName(t.name)) errors.name = 'Escriba nombre y apellido de quien entrega.';
  if (!t.documentsReceived) errors.documentsReceived = 'Confirme que recibió la carta de autorización y la copia de cédula del titular.';
  return errors;
}
