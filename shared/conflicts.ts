import type { ConflictDecision } from './contracts/conflicts';
import type { ConflictKind } from './contracts/sync';
import { assertNever } from './result';

// Words and rules of conflict resolution shared by the screen, the CLI and the use case.

export function decisionsFor(kind: ConflictKind): readonly ConflictDecision[] {
  switch (kind) {
    case 'SERIE_DUPLICADA':
      return ['UNA_ACTA', 'AMBAS'];
    case 'ACTA_REUTILIZADA':
      return ['RENUMERAR'];
    case 'SERVICIO_FUERA_DE_BASE':
      return ['VINCULAR', 'MANTENER'];
    case 'ESTACION_DUPLICADA':
      return ['RENOMBRAR'];
    default:
      return assertNever(kind);
  }
}

export function decisionLabel(d: ConflictDecision): string {
  switch (d) {
    case 'UNA_ACTA':
      return 'La serie pertenece a una sola acta';
    case 'AMBAS':
      return 'Las dos actas son correctas';
    case 'RENUMERAR':
      return 'Dar un número nuevo al acta apartada y contarla';
    case 'VINCULAR':
      return 'Vincular a un servicio de la base';
    case 'MANTENER':
      return 'Mantener fuera de la base';
    case 'RENOMBRAR':
      return 'Cambiar el código de una de las estaciones';
    default:
      return assertNever(d);
  }
}

/** What the conflict means for the campaign, in words for the person who decides. */
export function conflictExplanation(kind: ConflictKind): string {
  switch (kind) {
    case 'SERIE_DUPLICADA':
      return 'La misma serie consta como devuelta en más de un acta. Si pertenece a una sola, las demás dejan de contarla como devuelta y esos servicios vuelven a deberla.';
    case 'ACTA_REUTILIZADA':
      return 'Dos actas distintas llevan el mismo número (una base copiada o dos equipos con un código). La apartada no cuenta todavía: al renumerarla se registra y su cliente deja de deber lo que devolvió.';
    case 'SERVICIO_FUERA_DE_BASE':
      return 'Una oficina registró un servicio que la base no tiene. Si es un servicio de la base escrito de otra forma, vincúlelo y sus equipos cuentan para ese servicio.';
    case 'ESTACION_DUPLICADA':
      return 'Dos equipos usan el mismo código de estación. Uno debe cambiar de código; el cambio viaja en la próxima actualización nacional.';
    default:
      return assertNever(kind);
  }
}

export function conflictKindLabel(kind: ConflictKind): string {
  switch (kind) {
    case 'SERIE_DUPLICADA':
      return 'Serie devuelta en dos actas';
    case 'ESTACION_DUPLICADA':
      return 'Código de estación repetido';
    case 'SERVICIO_FUERA_DE_BASE':
      return 'Servicio fuera de la base';
    case 'ACTA_REUTILIZADA':
      return 'Número de acta reutilizado';
    default:
      return assertNever(kind);
  }
}
