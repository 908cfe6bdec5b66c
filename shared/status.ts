import { assertNever } from './result';

/** Lifecycle of a cancelled service (docs/domain.md §6). */
export const SERVICE_STATUSES = [
  'PENDIENTE',
  'ENTREGA_PARCIAL',
  'ENTREGADO',
  'RESPALDO_EN_REVISION',
  'REGULARIZADO',
  'RESPALDO_RECHAZADO',
] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export type StatusTone = 'owed' | 'partial' | 'done' | 'review' | 'rejected';

/** Words, not just colours: every badge shows the label. */
export function statusLabel(status: ServiceStatus): string {
  switch (status) {
    case 'PENDIENTE':
      return 'Pendiente';
    case 'ENTREGA_PARCIAL':
      return 'Entrega parcial';
    case 'ENTREGADO':
      return 'Entregado';
    case 'RESPALDO_EN_REVISION':
      return 'Respaldo en revisión';
    case 'REGULARIZADO':
      return 'Regularizado';
    case 'RESPALDO_RECHAZADO':
      return 'Respaldo rechazado';
    default:
      return assertNever(status);
  }
}

export function statusTone(status: ServiceStatus): StatusTone {
  switch (status) {
    case 'PENDIENTE':
      return 'owed';
    case 'ENTREGA_PARCIAL':
      return 'partial';
    case 'ENTREGADO':
    case 'REGULARIZADO':
      return 'done';
    case 'RESPALDO_EN_REVISION':
      return 'review';
    case 'RESPALDO_RECHAZADO':
      return 'rejected';
    default:
      return assertNever(status);
  }
}

/** Statuses in which the customer still owes equipment. */
/** Returned or regularised: nothing more is asked of the customer for this service, not even a respaldo. */
export function isSettled(status: ServiceStatus): boolean {
  return status === 'ENTREGADO' || status === 'REGULARIZADO';
}

export function isOwing(status: ServiceStatus): boolean {
  return status === 'PENDIENTE' || status === 'ENTREGA_PARCIAL' || status === 'RESPALDO_RECHAZADO';
}

/** What the records say about one service; its status follows from this alone. */
export interface ServiceFacts {
  /** Items the base lists for the service. */
  expected: number;
  /** Of those, how many an acta that is not voided took. */
  returned: number;
  /** Items of any kind taken for the service by actas that are not voided. */
  anyReturned: number;
  /** The latest backup (respaldo) that covers the service, if any. */
  backup: { status: 'EN_REVISION' | 'ACEPTADO' | 'RECHAZADO'; reason: string | null } | null;
}

/**
 * A service's status is derived, never edited: voiding an acta or reviewing a backup puts the
 * service where the records say (docs/domain.md §6.2).
 */
export function deriveServiceStatus(f: ServiceFacts): { status: ServiceStatus; reason: string | null } {
  if (f.expected > 0 && f.returned >= f.expected) return { status: 'ENTREGADO', reason: null };
  // A service outside the base has no expected items: whatever came back delivers it.
  if (f.expected === 0 && f.anyReturned > 0) return { status: 'ENTREGADO', reason: null };
  if (f.backup?.status === 'ACEPTADO') return { status: 'REGULARIZADO', reason: null };
  if (f.backup?.status === 'EN_REVISION') return { status: 'RESPALDO_EN_REVISION', reason: null };
  if (f.returned > 0) return { status: 'ENTREGA_PARCIAL', reason: null };
  if (f.backup?.status === 'RECHAZADO') return { status: 'RESPALDO_RECHAZADO', reason: f.backup.reason };
  return { status: 'PENDIENTE', reason: null };
}
