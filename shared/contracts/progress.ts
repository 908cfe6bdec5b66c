import { z } from 'zod';
import { CentsSchema, contract } from './contract';

/**
 * Avance: how the campaign is going (docs/domain.md "Avance"). Two families of figures:
 * the state of every service this database holds (whatever the filters), and the activity of the
 * actas (not voided) in the period and scope asked for.
 */

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha AAAA-MM-DD.');

export const ProgressInput = z
  .object({
    /** First and last local day of the activity figures, inclusive; absent: from the first acta, to the last. */
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    /** Only this station's actas (Posventa and administrators; a coordinator always sees their own). */
    station: z.string().trim().toUpperCase().min(1).max(40).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'La fecha «desde» no puede ser posterior a «hasta».', path: ['to'] });
export type ProgressInput = z.infer<typeof ProgressInput>;

/** Services by status (docs/domain.md §6.1). */
export const StatusCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  partial: z.number().int(),
  delivered: z.number().int(),
  inReview: z.number().int(),
  regularized: z.number().int(),
  rejected: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

/**
 * The base's value, split so the parts add up to the total: items that came back, items still
 * owed (services that owe), and items not returned whose service a respaldo covers (in review or
 * accepted: neither recovered nor owed).
 */
export const ValueSplit = z.object({
  totalCents: CentsSchema,
  recoveredCents: CentsSchema,
  owedCents: CentsSchema,
  inReviewCents: CentsSchema,
  regularizedCents: CentsSchema,
});
export type ValueSplit = z.infer<typeof ValueSplit>;

const ItemCounts = z.object({ expected: z.number().int(), returned: z.number().int(), owed: z.number().int() });

export const ProgressByLine = z.object({
  /** Internet Fijo, Telefonía Fija, Televisión, or null for a line the base did not state or Recupera did not recognise. */
  line: z.string().nullable(),
  services: StatusCounts,
  value: ValueSplit,
});

export const ProgressByType = z.object({
  type: z.string().nullable(),
  items: ItemCounts,
  value: ValueSplit,
});

export const ActivityCounts = z.object({
  actas: z.number().int(),
  items: z.number().int(),
  /** Base value of the items those actas took (items the base did not list count nothing). */
  valueCents: CentsSchema,
});

export const ProgressReport = z.object({
  generatedAt: z.string(),
  today: IsoDay,
  /** national: every station's actas held here; otherwise one station's. */
  scope: z.object({ national: z.boolean(), station: z.string().nullable() }),
  period: z.object({ from: IsoDay.nullable(), to: IsoDay.nullable() }),
  /** daysLeft < 0: the deadline passed that many days ago; 0: it is today. */
  deadline: z.object({ date: IsoDay, daysLeft: z.number().int() }),
  /** Stations that may be chosen in the filter (national scope), by code. */
  stations: z.array(z.object({ code: z.string(), office: z.string().nullable() })),
  campaign: z.object({ services: StatusCounts, items: ItemCounts, value: ValueSplit }),
  byLine: z.array(ProgressByLine),
  byType: z.array(ProgressByType),
  activity: ActivityCounts.extend({
    voided: z.number().int(),
    /** Items the base did not list for their service (marked * on the acta). */
    unlisted: z.number().int(),
  }),
  byDay: z.array(ActivityCounts.extend({ day: IsoDay })),
  byStation: z.array(ActivityCounts.extend({ code: z.string(), office: z.string().nullable() })),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

export const progressReport = contract('progress:report', ProgressInput, ProgressReport);

/** The countdown as the screen and the CLI say it. */
export function deadlineText(daysLeft: number): string {
  if (daysLeft > 1) return `Faltan ${daysLeft} días para la fecha límite`;
  if (daysLeft === 1) return 'Falta 1 día para la fecha límite';
  if (daysLeft === 0) return 'La fecha límite es hoy';
  return daysLeft === -1 ? 'Plazo vencido hace 1 día' : `Plazo vencido hace ${-daysLeft} días`;
}
