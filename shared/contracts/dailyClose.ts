import { z } from 'zod';
import { contract } from './contract';

/**
 * Cierre del día (docs/domain.md "Cierre del día"): for one local day of this station, what the
 * actas say each clerk received (equipment by type, accessories) beside what the coordinator
 * physically counted; a draft is saved and resumed, a signed close never changes.
 */

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha AAAA-MM-DD.');

export const ITEM_KINDS = ['EQUIPO', 'ACCESORIO'] as const;
export const ItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ItemKind>;

/** One line: a clerk and an item kind and type (a line is named by these three). */
export const LineKey = z.object({
  clerkId: z.string().max(80),
  kind: ItemKind,
  type: z.string().max(80),
});
export type LineKey = z.infer<typeof LineKey>;

export const CloseLine = LineKey.extend({
  clerkName: z.string(),
  /** What people read: the type, or the accessory's name. */
  label: z.string(),
  /** The actas' figure: as signed for a signed close, as it stands now otherwise. */
  recorded: z.number().int(),
  /** The actas' figure as it stands now (differs from `recorded` only after signing). */
  current: z.number().int(),
  counted: z.number().int().nullable(),
});
export type CloseLine = z.infer<typeof CloseLine>;

export const CloseTotals = z.object({
  recorded: z.number().int(),
  counted: z.number().int(),
  /** Lines not yet counted. */
  uncounted: z.number().int(),
  /** Lines whose count differs from the actas' figure. */
  discrepancies: z.number().int(),
  /** counted − recorded over the counted lines (negative: items missing). */
  net: z.number().int(),
  /** Lines whose current figure moved after the close was signed (a void, a late acta). */
  changedSinceSigned: z.number().int(),
});
export type CloseTotals = z.infer<typeof CloseTotals>;

export const CloseStatus = z.enum(['NUEVO', 'BORRADOR', 'FIRMADO']);
export type CloseStatus = z.infer<typeof CloseStatus>;

export const DailyCloseView = z.object({
  day: IsoDay,
  station: z.string(),
  office: z.string(),
  /** NUEVO: nothing saved yet for the day. */
  status: CloseStatus,
  /** Actas (not voided) of the day per clerk, as they stand now. */
  clerks: z.array(z.object({ clerkId: z.string(), clerkName: z.string(), actas: z.number().int() })),
  voidedActas: z.number().int(),
  lines: z.array(CloseLine),
  totals: CloseTotals,
  note: z.string().nullable(),
  countedBy: z.string().nullable(),
  countedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  /** Whether this caller may enter counts and sign (coordinator or administrator, close not signed). */
  editable: z.boolean(),
});
export type DailyCloseView = z.infer<typeof DailyCloseView>;

export const DayInput = z.object({ day: IsoDay });

export const CountInput = LineKey.extend({ counted: z.number({ message: 'Escriba el conteo como un número entero.' }).int('El conteo es un número entero.').min(0, 'El conteo no puede ser negativo.').max(100_000).nullable() });
export type CountInput = z.infer<typeof CountInput>;

export const SaveInput = z.object({
  day: IsoDay,
  counts: z.array(CountInput).max(5_000),
  note: z.string().trim().max(1_000).optional(),
});
export type SaveInput = z.infer<typeof SaveInput>;

export const dailyCloseGet = contract('dailyClose:get', DayInput, DailyCloseView);
/** Saves the counts as a draft (BORRADOR); the close can be resumed later. */
export const dailyCloseSave = contract('dailyClose:save', SaveInput, DailyCloseView);
/** Saves the counts and signs: the actas' figures are copied as they stand, and the close is read-only after. */
export const dailyCloseSign = contract('dailyClose:sign', SaveInput, DailyCloseView);
/** The printable close: HTML for the preview and print, and the PDF kept among the reports. */
export const dailyClosePdf = contract(
  'dailyClose:pdf',
  z.object({ day: IsoDay, destination: z.string().min(1).max(1_000).optional() }),
  z.object({ path: z.string().nullable(), fileName: z.string(), html: z.string(), warning: z.string().nullable() }),
);
/** The close as a workbook (one row per line). */
export const dailyCloseExport = contract(
  'dailyClose:export',
  z.object({ day: IsoDay, destination: z.string().min(1).max(1_000).optional() }),
  z.object({ path: z.string(), fileName: z.string(), rows: z.number().int() }),
);
