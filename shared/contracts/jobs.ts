import { z } from 'zod';
import { contract } from './contract';

export const JobProgress = z.object({
  rowsRead: z.number().int(),
  bytesRead: z.number(),
  totalBytes: z.number(),
  rowsPerSecond: z.number(),
  /** Seconds left, estimated from bytes read; null until there is enough to estimate. */
  secondsLeft: z.number().nullable(),
  fraction: z.number(),
  /** What the job is doing now, in words ("Verificando paquete 2 de 5"). */
  stage: z.string().nullable().default(null),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobState = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: JobProgress,
  result: z.unknown().optional(),
  error: z.object({ kind: z.enum(['validation', 'not_found', 'conflict', 'refused', 'internal']), message: z.string() }).optional(),
});
export type JobState = z.infer<typeof JobState>;

export const jobsGet = contract('jobs:get', z.object({ jobId: z.string() }), JobState);
export const jobsCancel = contract('jobs:cancel', z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() }));
