import { excerpt, tooLongMessage } from '../../shared/fieldLimits';
import type { ReadDb } from '../db/open';
import { PACKAGE_DATA } from '../db/packageSchema';
import { UPDATE_DATA } from '../db/nationalUpdateSchema';
import { isDamageCode, sqliteCode, untrustedDataProblem, type UntrustedDataProblem } from '../db/untrustedData';
import { log } from '../platform/log';

/**
 * The check every received `datos.sqlite` passes before the app's connection attaches it
 * (db/untrustedData.ts), worded for the user. SQLite's own words go to the log, never into a
 * refusal.
 */

/** `begun`: an update whose first session is written, so part of it is in (its caller says so). */
export type Source = { kind: 'package'; station: string } | { kind: 'update'; seq: number; begun?: boolean };

function words(s: Source) {
  return s.kind === 'package'
    ? { what: `El paquete de ${s.station}`, damaged: 'dañado', again: 'Pida a la oficina que lo exporte y envíe de nuevo.', kept: 'No se guardó nada de él.' }
    : { what: `La actualización N.º ${s.seq}`, damaged: 'dañada', again: 'Pida a Posventa que la envíe de nuevo.', kept: s.begun ? '' : 'No se aplicó nada de ella.' };
}

function problemText(p: UntrustedDataProblem, s: Source): string {
  const { what, damaged, again, kept } = words(s);
  switch (p.kind) {
    case 'damaged':
      return `${what} está ${damaged}: sus datos no se pueden leer como base de datos de Recupera. ${again} ${kept}`;
    case 'shape':
      return `${what} no se acepta: sus datos traen «${excerpt(p.object)}», que no es una de las tablas que escribe Recupera tal como las escribe (${s.kind === 'package' ? 'fue armado a mano o alterado' : 'fue armada a mano o alterada'}). ${kept}`;
    case 'tooLong': {
      const field = `el campo «${p.field}» ${p.record}`;
      const too = p.exact
        ? tooLongMessage(field, p.length, p.max)
        : `${field} tiene al menos ${p.length.toLocaleString('es-EC')} caracteres; el máximo es ${p.max.toLocaleString('es-EC')}.`;
      return `${what} no se acepta: ${too} ${kept}`;
    }
    default:
      return p satisfies never;
  }
}

/**
 * Why the received data file at `path` may not be attached, in Spanish; null when it is exactly
 * its format's tables with every text within its limit.
 */
export function receivedDataProblem(like: ReadDb, path: string, source: Source): string | null {
  const problem = untrustedDataProblem(like, path, source.kind === 'package' ? PACKAGE_DATA : UPDATE_DATA);
  if (!problem) return null;
  log.warn('sync.receivedData', { source: source.kind, problem: problem.kind, ...(problem.kind === 'damaged' ? { cause: problem.cause } : {}), ...(problem.kind === 'shape' ? { object: excerpt(problem.object) } : {}) });
  return problemText(problem, source);
}

/**
 * A refusal in Spanish for an SQLite error met while a received package or update is applied;
 * null for any other error and for a busy database (the job reports those as they are). The
 * error's own text goes to the log.
 */
export function sqliteRefusal(e: unknown, source: Source): string | null {
  const code = sqliteCode(e);
  if (!code || code.startsWith('SQLITE_BUSY')) return null;
  log.warn('sync.sqliteRefusal', { source: source.kind, code, message: e instanceof Error ? e.message : '' });
  return sqliteText(code, source).trimEnd();
}

function sqliteText(code: string, source: Source): string {
  const { what, kept } = words(source);
  if (isDamageCode(code) && source.kind === 'update' && source.begun) {
    // The update's file passed its check before the first session: damage met half-way is as
    // likely in this office's own database, which asking Posventa for the update again would not mend.
    return `Se encontró un daño en los datos mientras se aplicaba la actualización N.º ${source.seq}: puede estar en ella o en la base de datos de esta oficina (el detalle quedó en el registro de la aplicación). Copie el diagnóstico (Configuración → Diagnóstico para soporte) y envíelo a soporte, que revisa la base.`;
  }
  if (isDamageCode(code)) return problemText({ kind: 'damaged', cause: code }, source);
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return `${what} no se acepta: uno de sus registros contradice los que ya están aquí o le falta un dato obligatorio (el detalle quedó en el registro de la aplicación). ${kept}`;
  }
  if (code.startsWith('SQLITE_FULL')) return `No hay espacio suficiente en el disco para ${source.kind === 'package' ? 'consolidar el paquete' : 'aplicar la actualización'}: libere espacio e intente de nuevo. ${kept}`;
  return `${what} no se pudo ${source.kind === 'package' ? 'consolidar' : 'aplicar'} por un error de la base de datos (el detalle quedó en el registro de la aplicación). ${kept}`;
}
