import { assertNever } from './result';

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
