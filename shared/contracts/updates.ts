import { z } from 'zod';
import { contract } from './contract';
import { PickedFile } from './fileRef';

/** National updates: Posventa's signed answer to every office (the base, actas, reviews, conflicts, stations, settings). */

export const UpdateKind = z.enum(['COMPLETA', 'INCREMENTAL']);
export type UpdateKind = z.infer<typeof UpdateKind>;

/** Rows of each kind an update carries (its manifest says the same). */
export const UpdateCounts = z.object({
  customers: z.number().int().nonnegative(),
  services: z.number().int().nonnegative(),
  expectedItems: z.number().int().nonnegative(),
  handovers: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  voids: z.number().int().nonnegative(),
  backups: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  stations: z.number().int().nonnegative(),
  settings: z.number().int().nonnegative(),
});
export type UpdateCounts = z.infer<typeof UpdateCounts>;

/** What `publicar` wrote (the job's result). */
export const PublishResult = z.object({
  seq: z.number().int().positive(),
  kind: UpdateKind,
  sinceSeq: z.number().int().positive().nullable(),
  snapshotAt: z.string(),
  counts: UpdateCounts,
  /** The update in the central's own folder. */
  path: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  /** The copy in the folder the user named, when one was given. */
  delivered: z.string().optional(),
  /** The enrolled offices it is encrypted to: only they can open it. */
  recipients: z.array(z.object({ code: z.string(), office: z.string() })).default([]),
  /** Enrolled offices without an encryption key here: they cannot open it until Posventa registers their current identity file. */
  withoutKey: z.array(z.object({ code: z.string(), office: z.string() })).default([]),
});
export type PublishResult = z.infer<typeof PublishResult>;

/** What applying an update changed at this office. */
export const UpdateChanges = z.object({
  customersInserted: z.number().int(),
  customersUpdated: z.number().int(),
  servicesInserted: z.number().int(),
  servicesUpdated: z.number().int(),
  expectedItemsInserted: z.number().int(),
  expectedItemsUpdated: z.number().int(),
  handoversInserted: z.number().int(),
  /** Actas already here whose number or links the central changed (a conflict resolution). */
  handoversUpdated: z.number().int(),
  itemsInserted: z.number().int(),
  voidsInserted: z.number().int(),
  backupsInserted: z.number().int(),
  /** Respaldos whose review (accepted, rejected and why) came with the update. */
  reviews: z.number().int(),
  conflicts: z.number().int(),
  /** Stations whose key this office learned or saw replaced. */
  stations: z.number().int(),
  settings: z.number().int(),
  /** Service statuses (or their reasons) the update changed; a service changed in two of its write sessions counts twice. */
  statuses: z.number().int(),
  /** The station's new code, when a conflict resolution renamed it. */
  renamedTo: z.string().nullable(),
  /** Actas that could not take their number here (a local acta holds it), left for the next update. */
  heldBack: z.array(z.object({ actaNumber: z.string(), reason: z.string() })),
});
export type UpdateChanges = z.infer<typeof UpdateChanges>;

/** What `actualizar` did (the job's result). */
export const ApplyUpdateResult = z.object({
  seq: z.number().int().positive(),
  kind: UpdateKind,
  sinceSeq: z.number().int().positive().nullable(),
  central: z.string(),
  counts: UpdateCounts,
  file: z.string(),
  /** True when this very update had been applied before: nothing changed. */
  alreadyApplied: z.boolean(),
  changes: UpdateChanges,
  seconds: z.number(),
  /** Said when the update came unencrypted (a central on a version before encrypted updates): applied, since its signature holds. */
  notice: z.string().optional(),
});
export type ApplyUpdateResult = z.infer<typeof ApplyUpdateResult>;

const JobStarted = z.object({ jobId: z.string() });

/** At the central: publish the next update (full, or what changed since update `sinceSeq`). */
export const updatesPublish = contract(
  'updates:publish',
  z.object({ sinceSeq: z.number().int().positive().optional(), destination: z.string().min(1).optional() }),
  JobStarted,
);

/** At an office: apply an update file signed by the trusted central. */
export const updatesApply = contract('updates:apply', z.object({ file: PickedFile }), JobStarted);

export const NationalUpdateEntry = z.object({
  direction: z.enum(['PUBLICADA', 'APLICADA']),
  seq: z.number().int(),
  kind: UpdateKind,
  sinceSeq: z.number().int().nullable(),
  central: z.string(),
  fileName: z.string().nullable(),
  snapshotAt: z.string(),
  recordedAt: z.string(),
  counts: UpdateCounts.partial(),
  /** A published update's file in the central's folder, while it is there (to save a copy of it). */
  path: z.string().nullable().optional(),
});
export type NationalUpdateEntry = z.infer<typeof NationalUpdateEntry>;

/** Where this station stands: its role, the last update published or applied, and the recent ones. */
export const updatesStatus = contract(
  'updates:status',
  z.object({}),
  z.object({
    role: z.enum(['OFICINA', 'CENTRAL']),
    lastPublished: NationalUpdateEntry.nullable(),
    lastApplied: NationalUpdateEntry.nullable(),
    recent: z.array(NationalUpdateEntry),
  }),
);
