import type { JobHistoryStatus } from './contracts/jobs';
import { assertNever } from './result';

/** A job kind as the history names it; a kind this version does not know is shown as it is stored. */
export function jobKindLabel(kind: string): string {
  switch (kind) {
    case 'importBase':
      return 'Importar base';
    case 'importHandovers':
      return 'Importar entregas anteriores';
    case 'export':
      return 'Paquete para Posventa';
    case 'consolidate':
      return 'Consolidación';
    case 'depurate':
      return 'Depuración';
    case 'publishUpdate':
      return 'Publicar actualización nacional';
    case 'applyUpdate':
      return 'Aplicar actualización nacional';
    case 'dbBackup':
      return 'Copia de seguridad de la base';
    case 'mailImport':
      return 'Importar correos';
    default:
      return kind;
  }
}

export function jobStatusLabel(status: JobHistoryStatus): string {
  switch (status) {
    case 'queued':
      return 'En espera';
    case 'running':
      return 'En curso';
    case 'done':
      return 'Terminada';
    case 'failed':
      return 'Falló';
    case 'cancelled':
      return 'Cancelada';
    case 'interrupted':
      return 'Interrumpida';
    default:
      return assertNever(status);
  }
}
