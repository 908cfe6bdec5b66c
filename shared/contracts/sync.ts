import { z } from 'zod';
import { CentsSchema, contract } from './contract';
import { PickedFile } from './fileRef';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha válida (dd/mm/aaaa).');
const JobStarted = z.object({ jobId: z.string() });
/**
 * A folder the finished files are also delivered to (the command line's `--salida`). It is checked
 * before the job is queued, and the job counts as done only once the files are there.
 */
const Destination = z.string().min(1).optional();

export const RecordCounts = z.object({
  handovers: z.number().int(),
  items: z.number().int(),
  backups: z.number().int(),
  voids: z.number().int(),
});
export type RecordCounts = z.infer<typeof RecordCounts>;

/** What an office export produced (the job's result). */
export const ExportResult = RecordCounts.extend({
  package: z.string(),
  fileName: z.string(),
  documents: z.number().int(),
  /** ISO instants: records created from `from` (inclusive) up to `to` (exclusive). */
  from: z.string().nullable(),
  to: z.string(),
  sha256: z.string(),
  /** The copy in the folder the user named, when one was given. */
  delivered: z.string().optional(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const CONFLICT_KINDS = ['SERIE_DUPLICADA', 'ESTACION_DUPLICADA', 'SERVICIO_FUERA_DE_BASE', 'ACTA_REUTILIZADA'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const Conflict = z.object({ kind: z.enum(CONFLICT_KINDS), detail: z.string() });
export type Conflict = z.infer<typeof Conflict>;

export const PackageOutcome = z.object({
  package: z.string(),
  station: z.string().nullable(),
  office: z.string().nullable(),
  /** applied: consolidated here before (known by its file or its manifest), skipped without reading its records. */
  status: z.enum(['read', 'refused', 'applied']),
  reason: z.string().nullable(),
  inserted: RecordCounts,
  duplicates: z.number().int(),
  /** The office's audit entries this package added here, and why some were not (Spanish sentences). */
  audit: z.object({ inserted: z.number().int(), warnings: z.array(z.string()) }).optional(),
});
export type PackageOutcome = z.infer<typeof PackageOutcome>;

/** What a consolidation did (the job's result). */
export const ConsolidationResult = z.object({
  packages: z.number().int(),
  refused: z.array(z.object({ package: z.string(), reason: z.string() })),
  inserted: RecordCounts,
  duplicates: z.number().int(),
  /** Conflicts this run found for the first time (every open one is in the overview). */
  conflicts: z.array(Conflict),
  outcomes: z.array(PackageOutcome),
  seconds: z.number(),
});
export type ConsolidationResult = z.infer<typeof ConsolidationResult>;

export const DepurationCounts = z.object({
  pending: z.number().int(),
  partial: z.number().int(),
  delivered: z.number().int(),
  regularized: z.number().int(),
  inReview: z.number().int(),
  /** Sum of the items in the carga de valores. */
  chargeTotalCents: CentsSchema,
});
export type DepurationCounts = z.infer<typeof DepurationCounts>;

export const DepurationFiles = z.object({ baseDepurada: z.string(), cargaValores: z.string(), comunicaciones: z.string() });
export type DepurationFiles = z.infer<typeof DepurationFiles>;

/** What a depuración wrote (the job's result), as recorded for tracing what went to billing. */
export const DepurationResult = z.object({
  batch: z.string(),
  createdAt: z.string(),
  files: DepurationFiles,
  sha256: DepurationFiles,
  counts: DepurationCounts,
  rows: z.object({ baseDepurada: z.number().int(), cargaValores: z.number().int(), reversals: z.number().int(), comunicaciones: z.number().int() }),
  /** The copies in the folder the user named, when one was given. */
  delivered: DepurationFiles.optional(),
  /** Why the comunicaciones carry no message (a past campaign deadline), in Spanish; absent when they were written. */
  messagesWithheld: z.string().optional(),
  seconds: z.number(),
});
export type DepurationResult = z.infer<typeof DepurationResult>;

export const syncExport = contract(
  'sync:export',
  z.object({
    /** First day to include; absent means everything since the last export. */
    from: IsoDay.optional(),
    /** Last day to include; absent means up to now. */
    to: IsoDay.optional(),
    includeDocuments: z.boolean().default(false),
    destination: Destination,
  }),
  JobStarted,
);

export const syncConsolidate = contract(
  'sync:consolidate',
  /** Packages chosen by the person, or from the shared folder's listing, by token (contracts/fileRef.ts). */
  z.object({ packages: z.array(PickedFile).min(1, 'Elija al menos un paquete.') }),
  JobStarted,
);

export const syncDepurate = contract('sync:depurate', z.object({ destination: Destination }), JobStarted);

export const SyncPackageRow = z.object({
  direction: z.enum(['EXPORT', 'IMPORT']),
  station: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  counts: RecordCounts,
  path: z.string().nullable(),
});

export const syncOverview = contract(
  'sync:overview',
  z.object({}),
  z.object({
    lastExport: z.object({ at: z.string(), to: z.string(), fileName: z.string() }).nullable(),
    packages: z.array(SyncPackageRow),
    conflicts: z.array(Conflict.extend({ createdAt: z.string() })),
    batches: z.array(DepurationResult.omit({ seconds: true })),
  }),
);
