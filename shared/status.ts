import { assertNever } from './result';

/** Lifecycle of a cancelled service (domain.md §6). */
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
export function isOwing(status: ServiceStatus): boolean {
  return status === 'PENDIENTE' || status === 'ENTREGA_PARCIAL' || status === 'RESPALDO_RECHAZADO';
}
