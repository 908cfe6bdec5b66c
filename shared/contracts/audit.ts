import { z } from 'zod';
import { AUDIT_ACTIONS } from '../audit';
import { contract } from './contract';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha AAAA-MM-DD.');

/**
 * What the Auditoría screen, its export and `auditoria` filter by. Days are local calendar days,
 * both included. `customer` is what a person types (cédula/RUC or part of a name): it is resolved
 * to the customers it finds. `station` only narrows what the caller may see (a coordinator sees
 * their own station's entries whatever they ask).
 */
export const AuditFilter = z.object({
  from: Day.optional(),
  to: Day.optional(),
  username: z.string().trim().min(1).max(80).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  customer: z.string().trim().min(1).max(120).optional(),
  station: z.string().trim().min(1).max(80).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditEntryView = z.object({
  id: z.string(),
  stationCode: z.string(),
  stationSeq: z.number().int(),
  /** ISO instant it happened (the office's clock for an office's entry). */
  at: z.string(),
  username: z.string().nullable(),
  userName: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  /** In Spanish, from `auditActionLabel` (the code itself for an action this version does not know). */
  actionLabel: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  customerId: z.string().nullable(),
  description: z.string(),
  detail: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const auditList = contract(
  'audit:list',
  AuditFilter.extend({ page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(10).max(500).default(50) }),
  z.object({
    entries: z.array(AuditEntryView),
    page: z.number().int(),
    /** Whether a next page has entries (the log of a central is too large to count on every page). */
    hasMore: z.boolean(),
    /** `station`: only this PC's station (a coordinator); `all`: every station this PC holds entries of. */
    scope: z.enum(['station', 'all']),
    /** The stations a filter may name (this one first). */
    stations: z.array(z.string()),
    /** Customers the `customer` text matched (how many), so the screen can say when it matched none. */
    customersMatched: z.number().int().nullable(),
  }),
);

export const AuditProblem = z.object({
  kind: z.enum(['missing', 'altered', 'broken']),
  stationCode: z.string(),
  stationSeq: z.number().int(),
  /** What a person reads: «Falta la entrada 12 de UIO-INAQUITO-01 (fue borrada)». */
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

export const auditVerify = contract(
  'audit:verify',
  z.object({}).strict(),
  z.object({
    ok: z.boolean(),
    stations: z.array(z.object({ stationCode: z.string(), entries: z.number().int(), lastSeq: z.number().int() })),
    problems: z.array(AuditProblem),
    /** One sentence for the whole verdict. */
    summary: z.string(),
  }),
);

export const auditExport = contract(
  'audit:export',
  AuditFilter,
  z.object({ path: z.string(), fileName: z.string(), rows: z.number().int() }),
);
