import { z } from 'zod';
import { contract } from './contract';
import { CONFLICT_KINDS } from './sync';

/**
 * How a person settles a consolidation conflict. Each kind has its own outcomes: the serial
 * belongs to one acta or both are right; the set-aside acta is renumbered and counted; the
 * out-of-base service is linked to a base service or kept; one of two stations is renamed.
 */
export const CONFLICT_DECISIONS = ['UNA_ACTA', 'AMBAS', 'RENUMERAR', 'VINCULAR', 'MANTENER', 'RENOMBRAR'] as const;
export type ConflictDecision = (typeof CONFLICT_DECISIONS)[number];

/** An acta that holds the conflicting serial (the choices of a SERIE_DUPLICADA). */
const ActaChoice = z.object({ handoverId: z.string(), number: z.string(), station: z.string(), holder: z.string(), deliveredAt: z.string() });

/** One of the two stations that used one code (the choices of an ESTACION_DUPLICADA). */
const StationChoice = z.object({
  id: z.string(),
  code: z.string(),
  office: z.string().nullable(),
  /** Whether this PC's stations table has this id (renaming it changes the table here). */
  known: z.boolean(),
});

export const ConflictView = z.object({
  id: z.string(),
  kind: z.enum(CONFLICT_KINDS),
  detail: z.string(),
  createdAt: z.string(),
  /** What a person chooses between; filled for open conflicts. */
  choices: z.object({
    actas: z.array(ActaChoice),
    stations: z.array(StationChoice),
    /** The out-of-base service (SERVICIO_FUERA_DE_BASE). */
    serviceNumber: z.string().nullable(),
    /** The acta set aside (ACTA_REUTILIZADA). */
    setAside: z.object({ number: z.string(), holder: z.string(), deliveredAt: z.string() }).nullable(),
  }),
  resolution: z
    .object({
      decision: z.enum(CONFLICT_DECISIONS),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
      /** What the resolution changed (acta renumbered, service linked, station renamed…). */
      detail: z.record(z.string(), z.unknown()),
    })
    .nullable(),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const conflictsList = contract(
  'conflicts:list',
  /** `all`: resolved conflicts too (the history), after the open ones. */
  z.object({ all: z.boolean().default(false) }),
  z.object({ conflicts: z.array(ConflictView) }),
);

const Common = {
  id: z.string().min(1),
  reason: z.string().trim().min(10, 'Escriba el motivo de la decisión (al menos 10 caracteres).').max(500, 'El motivo no puede pasar de 500 caracteres.'),
};

/** One decision per call; each carries what it needs (the acta, the base service, the new code). */
export const ResolveConflictInput = z.discriminatedUnion('decision', [
  z.object({ ...Common, decision: z.literal('UNA_ACTA'), acta: z.string().trim().min(1, 'Indique el acta a la que pertenece la serie.') }),
  z.object({ ...Common, decision: z.literal('AMBAS') }),
  z.object({ ...Common, decision: z.literal('RENUMERAR') }),
  z.object({ ...Common, decision: z.literal('VINCULAR'), serviceNumber: z.string().trim().min(1, 'Indique el número de servicio de la base.') }),
  z.object({ ...Common, decision: z.literal('MANTENER') }),
  z.object({
    ...Common,
    decision: z.literal('RENOMBRAR'),
    stationId: z.string().trim().min(1, 'Indique cuál de las dos estaciones cambia de código.'),
    newCode: z.string().trim().min(1, 'Indique el nuevo código de estación.'),
  }),
]);
export type ResolveConflictInput = z.infer<typeof ResolveConflictInput>;

export const conflictsResolve = contract('conflicts:resolve', ResolveConflictInput, ConflictView);
