import { basename } from 'node:path';
import { countOf } from '../../shared/auditText';
import type { JobState } from '../../shared/contracts/jobs';
import type { JobRequest } from './protocol';

const n = (value: number) => value.toLocaleString('es-EC');

/** What a job works on, as its history shows it: a file name or a count, never personal data. */
export function jobSubject(job: JobRequest['job']): string | null {
  switch (job.kind) {
    case 'importBase':
    case 'importHandovers':
      return job.fileName ?? basename(job.path);
    case 'consolidate':
      return job.packages.length === 1 ? (job.packages[0]!.name ?? basename(job.packages[0]!.path)) : `${n(job.packages.length)} paquetes`;
    case 'export':
      return job.from || job.to ? `${job.from ?? '…'} a ${job.to ?? 'hoy'}` : null;
    case 'depurate':
    case 'publishUpdate':
      return null;
    case 'applyUpdate':
      return job.name ?? basename(job.path);
    case 'dbBackup':
      return null;
    case 'mailImport':
      return job.files.length === 1 ? job.files[0]!.name : `${n(job.files.length)} correos`;
    default:
      return job satisfies never;
  }
}

/** Who asked for the job, where its input says so. */
export function jobUserId(request: JobRequest): string | null {
  if (request.userId !== undefined) return request.userId;
  return 'userId' in request.job ? (request.job.userId ?? null) : null;
}

export const SHUTDOWN_MESSAGE = 'Recupera se cerró mientras la tarea corría. Vuelva a ejecutarla.';
export const SHUTDOWN_QUEUED_MESSAGE = 'Recupera se cerró antes de que la tarea empezara. Vuelva a ejecutarla.';

/** What the history says of a job as it stands: what it did once done, why it ended otherwise. */
export function jobMessage(state: JobState): string | null {
  switch (state.status) {
    case 'done':
      return jobSummary(state);
    case 'cancelled':
      return 'Cancelada por el usuario.';
    case 'failed':
      return state.error?.message ?? 'La tarea falló sin decir por qué.';
    case 'queued':
    case 'running':
      return null;
    default:
      return state.status satisfies never;
  }
}

/** One line in Spanish on what a finished job did. */
export function jobSummary(state: JobState): string | null {
  if (state.status !== 'done' || !state.result) return null;
  switch (state.kind) {
    case 'importBase':
    case 'importHandovers': {
      const s = state.result;
      // Every row ends in one count (docs/domain.md §4.4): the same file again is «81 sin cambios», not
      // «0 nuevas, 0 actualizadas» of 81 rows. A list's repeated row is one loaded before.
      const parts = [
        `${n(s.inserted)} nuevas`,
        `${n(s.updated)} actualizadas`,
        ...(s.unchanged > 0 ? [`${n(s.unchanged)} sin cambios`] : []),
        ...(s.duplicates > 0 ? [state.kind === 'importBase' ? countOf(s.duplicates, 'repetida', 'repetidas') : countOf(s.duplicates, 'ya cargada', 'ya cargadas')] : []),
        countOf(s.rejected, 'rechazada', 'rechazadas'),
      ];
      const counts = `${n(s.rows)} filas: ${parts.join(', ')}.`;
      return s.mode === 'commit' ? counts : `Vista previa (no se guardó nada). ${counts}`;
    }
    case 'export':
      return `Paquete ${state.result.fileName}: ${countOf(state.result.handovers, 'acta', 'actas')}.`;
    case 'consolidate': {
      const r = state.result;
      const refused = r.refused.length > 0 ? ` (${countOf(r.refused.length, 'rechazado', 'rechazados')})` : '';
      const applied = r.outcomes.filter((o) => o.status === 'applied').length;
      // A package consolidated before is skipped unread: its zero new actas are said as what they are.
      const before =
        applied === 0 ? '' : applied === r.packages ? ` (${applied === 1 ? 'ya estaba consolidado' : 'ya estaban consolidados'})` : ` (${countOf(applied, 'ya consolidado', 'ya consolidados')})`;
      return `${countOf(r.packages, 'paquete', 'paquetes')}${refused}${before}: ${countOf(r.inserted.handovers, 'acta nueva', 'actas nuevas')}, ${countOf(r.conflicts.length, 'conflicto nuevo', 'conflictos nuevos')}.`;
    }
    case 'depurate':
      return `Lote ${state.result.batch}: ${countOf(state.result.rows.baseDepurada, 'fila', 'filas')} en la base depurada.`;
    case 'publishUpdate': {
      const r = state.result;
      const unreadable = r.withoutKey.length > 0 ? ` ${n(r.withoutKey.length)} sin llave de cifrado no podrán abrirla: ${r.withoutKey.map((o) => o.code).join(', ')}.` : '';
      return `Actualización nacional N.º ${r.seq} (${r.kind === 'COMPLETA' ? 'completa' : 'incremental'}): ${countOf(r.counts.handovers, 'acta', 'actas')}, cifrada para ${countOf(r.recipients.length, 'oficina', 'oficinas')}.${unreadable}`;
    }
    case 'applyUpdate': {
      const r = state.result;
      if (r.alreadyApplied) return `La actualización N.º ${r.seq} ya estaba aplicada; no cambió nada.`;
      return `Actualización N.º ${r.seq} aplicada: ${countOf(r.changes.handoversInserted, 'acta nueva', 'actas nuevas')}, ${countOf(r.changes.reviews, 'revisión de respaldos', 'revisiones de respaldos')}.${r.notice ? ` ${r.notice}` : ''}`;
    }
    case 'dbBackup':
      return `Copia de seguridad ${basename(state.result.path)} (${n(Math.ceil(state.result.sizeBytes / 1_048_576))} MB).`;
    case 'mailImport': {
      const r = state.result;
      const refused = r.refused.length > 0 ? `, ${n(r.refused.length)} rechazados` : '';
      return `${n(r.messages)} correos: ${n(r.imported)} importados, ${n(r.assigned)} asignados, ${n(r.unassigned.length)} sin asignar${refused}.`;
    }
    default:
      return state satisfies never;
  }
}
