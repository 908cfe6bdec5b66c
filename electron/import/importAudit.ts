import type { AuditEvent } from '../../shared/audit';
import { countOf as n } from '../../shared/auditText';
import type { ImportCounts } from '../db/imports';

/** Rejected rows named in an entry: enough to find them in the report, without the rows' contents. */
const LISTED_ROWS = 200;

/**
 * The audit entry of a base or handover-list import, recorded in the import's final write session
 * (the one that records the `imports` row), so the entry exists exactly when the import committed.
 */
export function importAuditEvent(
  kind: 'BASE' | 'ENTREGAS',
  o: { importId: string; fileName: string; sha256: string; counts: ImportCounts; rejectedRows: number[] },
): AuditEvent {
  const c = o.counts;
  const rows = [...new Set(o.rejectedRows)].slice(0, LISTED_ROWS);
  const description =
    kind === 'BASE'
      ? `Importó la base «${o.fileName}»: ${n(c.rows, 'fila', 'filas')} (${n(c.inserted, 'nueva', 'nuevas')}, ${n(c.updated, 'actualizada', 'actualizadas')}, ${n(c.unchanged, 'sin cambios', 'sin cambios')}, ${n(c.rejected, 'rechazada', 'rechazadas')})`
      : `Cargó la lista de entregas «${o.fileName}»: ${n(c.rows, 'fila', 'filas')} (${n(c.inserted, 'entrega registrada', 'entregas registradas')}, ${n(c.rejected, 'rechazada', 'rechazadas')})`;
  return {
    action: kind === 'BASE' ? 'BASE_IMPORTADA' : 'LISTA_IMPORTADA',
    description,
    targetKind: 'importacion',
    targetId: o.importId,
    detail: { fileName: o.fileName, sha256: o.sha256, ...c, rejectedRows: rows },
  };
}
