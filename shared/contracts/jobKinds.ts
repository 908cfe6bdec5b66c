import { z } from 'zod';
import { ROLES } from '../roles';
import { DbBackupResult } from './dbBackups';
import { FieldKey, ImportMode, ImportSummary } from './importBase';
import { MailImportResult } from './mail';
import { ConsolidationResult, DepurationResult, ExportResult } from './sync';
import { ApplyUpdateResult, PublishResult } from './updates';

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

/**
 * One kind of long job: what its worker receives (the `kind` literal included, so the union of
 * inputs is discriminated), what it reports while it runs and what it hands back. The worker
 * checks its input and the runner checks the result against these before anyone reads them.
 */
export interface JobKind<K extends string = string, I extends z.ZodObject = z.ZodObject, R extends z.ZodType = z.ZodType> {
  kind: K;
  input: I;
  progress: typeof JobProgress;
  result: R;
}

export function jobKind<const K extends string, S extends z.ZodRawShape, R extends z.ZodType>(kind: K, input: S, result: R) {
  return { kind, input: z.object({ kind: z.literal(kind), ...input }), progress: JobProgress, result } satisfies JobKind;
}

export type JobResultOf<J extends JobKind> = z.output<J['result']>;

/** Where a job writes the report of rejected rows and warnings; null user for the command line's own runs. */
const ListImport = {
  path: z.string().min(1),
  fileName: z.string().optional(),
  mode: ImportMode,
  userId: z.string().nullable(),
  reportDir: z.string(),
};

/** The Posventa base, read into a stage and applied (or only inspected, or previewed). */
export const importBaseJob = jobKind(
  'importBase',
  { ...ListImport, mapping: z.array(FieldKey.nullable()).optional(), stationCode: z.string().min(1) },
  ImportSummary,
);

/** An office's list of returns recorded before Recupera. */
export const importHandoversJob = jobKind('importHandovers', ListImport, ImportSummary);

/** The office package for Posventa. */
export const exportJob = jobKind(
  'export',
  {
    dataDir: z.string(),
    outDir: z.string(),
    /** The user's folder the package is delivered to before the export is recorded. */
    destination: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    includeDocuments: z.boolean(),
  },
  ExportResult,
);

/** Offices' packages verified and applied at Posventa. */
export const consolidateJob = jobKind(
  'consolidate',
  { dataDir: z.string(), packages: z.array(z.object({ path: z.string().min(1), name: z.string().optional() })).min(1) },
  ConsolidationResult,
);

/** The depuración batch: base depurada, carga de valores and comunicaciones. */
export const depurateJob = jobKind(
  'depurate',
  { outDir: z.string(), destination: z.string().optional(), userId: z.string().nullable() },
  DepurationResult,
);

/** At the central: the national update, signed with the station's key (the request carries it). */
export const publishUpdateJob = jobKind(
  'publishUpdate',
  {
    dataDir: z.string(),
    outDir: z.string(),
    destination: z.string().optional(),
    sinceSeq: z.number().int().positive().optional(),
    userId: z.string().nullable(),
  },
  PublishResult,
);

/** At an office: a national update verified against the trusted central and applied. */
export const applyUpdateJob = jobKind(
  'applyUpdate',
  { dataDir: z.string(), path: z.string().min(1), name: z.string().optional(), userId: z.string().nullable() },
  ApplyUpdateResult,
);

/** A copy of the database (VACUUM INTO, off the main thread): automatic (daily, weekly) or manual. */
export const dbBackupJob = jobKind(
  'dbBackup',
  {
    dataDir: z.string(),
    mode: z.enum(['automatic', 'manual']),
    /** Who asked (null: the daily schedule), as the audit log names them. */
    actor: z.object({ id: z.string(), username: z.string(), fullName: z.string(), role: z.enum(ROLES).nullable() }).nullable(),
  },
  DbBackupResult,
);

/** Saved mailbox messages (.eml) read, checked and matched off the main thread, each message on its own. */
export const mailImportJob = jobKind(
  'mailImport',
  {
    dataDir: z.string(),
    files: z.array(z.object({ path: z.string().min(1), name: z.string() })).min(1),
    stationCode: z.string().min(1),
    userId: z.string().nullable(),
  },
  MailImportResult,
);

export const JOB_KINDS = {
  importBase: importBaseJob,
  importHandovers: importHandoversJob,
  export: exportJob,
  consolidate: consolidateJob,
  depurate: depurateJob,
  publishUpdate: publishUpdateJob,
  applyUpdate: applyUpdateJob,
  dbBackup: dbBackupJob,
  mailImport: mailImportJob,
} as const;
export type JobKindName = keyof typeof JOB_KINDS;

/** What a worker is asked to do: one of the kinds' inputs, told apart by `kind`. */
export const JobSpec = z.discriminatedUnion('kind', [
  importBaseJob.input,
  importHandoversJob.input,
  exportJob.input,
  consolidateJob.input,
  depurateJob.input,
  publishUpdateJob.input,
  applyUpdateJob.input,
  dbBackupJob.input,
  mailImportJob.input,
]);
export type JobSpec = z.infer<typeof JobSpec>;
