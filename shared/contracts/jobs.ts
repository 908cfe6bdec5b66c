import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { contract } from './contract';
import {
  consolidateJob,
  applyUpdateJob,
  dbBackupJob,
  depurateJob,
  exportJob,
  importBaseJob,
  importHandoversJob,
  JobProgress,
  mailImportJob,
  publishUpdateJob,
  type JobKind,
} from './jobKinds';

export { JobProgress } from './jobKinds';

/** `queued`: a job that writes waits until the one writing before it ends. */
export const JobStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

const JobError = z.object({ kind: z.enum(['validation', 'not_found', 'conflict', 'refused', 'internal']), message: z.string() });

const JobStateBase = z.object({
  id: z.string(),
  status: JobStatus,
  progress: JobProgress,
  error: JobError.optional(),
});

/** A job's state for one kind: `result` is there, in that kind's shape, once it is `done`. */
function stateOf<K extends string, R extends z.ZodType>(job: JobKind<K, z.ZodObject, R>) {
  return JobStateBase.extend({ kind: z.literal(job.kind), result: job.result.optional() });
}

export const JobState = z.discriminatedUnion('kind', [
  stateOf(importBaseJob),
  stateOf(importHandoversJob),
  stateOf(exportJob),
  stateOf(consolidateJob),
  stateOf(depurateJob),
  stateOf(publishUpdateJob),
  stateOf(applyUpdateJob),
  stateOf(dbBackupJob),
  stateOf(mailImportJob),
]);
export type JobState = z.infer<typeof JobState>;

/**
 * The result of a finished job of the given kind, checked against that kind's schema; otherwise
 * why there is none. Callers that tell a cancel from a failure look at `state.status` first.
 */
export function jobResult<R extends z.ZodType>(job: JobKind<string, z.ZodObject, R>, state: JobState): Result<z.output<R>> {
  switch (state.status) {
    case 'done': {
      if (state.kind !== job.kind) return fail('internal', `La tarea ${state.id} no es del tipo esperado (${state.kind}, no ${job.kind}).`);
      const parsed = job.result.safeParse(state.result);
      if (!parsed.success) return fail('internal', `La tarea terminó con un resultado no válido: ${parsed.error.issues[0]?.message ?? ''}`);
      return ok(parsed.data);
    }
    case 'failed':
      return { ok: false, error: state.error ?? { kind: 'internal', message: 'La tarea falló sin decir por qué.' } };
    case 'cancelled':
      return fail('refused', 'Cancelado por el usuario.');
    case 'queued':
    case 'running':
      return fail('conflict', 'La tarea aún no termina.');
  }
}

export const jobsGet = contract('jobs:get', z.object({ jobId: z.string() }), JobState);
export const jobsCancel = contract('jobs:cancel', z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() }));

/** A job in the history: `interrupted` when the process running it died or was closed. */
export const JobHistoryStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']);
export type JobHistoryStatus = z.infer<typeof JobHistoryStatus>;

export const JobHistoryEntry = z.object({
  id: z.string(),
  /** A job kind (`importBase`, `export`…); kept as text so rows of a kind no longer run still read. */
  kind: z.string(),
  status: JobHistoryStatus,
  /** What it worked on (a file name), when that says something. */
  subject: z.string().nullable(),
  /** The last stage it reported. */
  stage: z.string().nullable(),
  /** The summary, or why it failed or stopped and what to do, in Spanish. */
  message: z.string().nullable(),
  userName: z.string().nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobHistoryEntry = z.infer<typeof JobHistoryEntry>;

/** Recent jobs, newest first. */
export const jobsHistory = contract(
  'jobs:history',
  z.object({ limit: z.number().int().min(1).max(200).default(50) }),
  z.object({ jobs: z.array(JobHistoryEntry) }),
);
