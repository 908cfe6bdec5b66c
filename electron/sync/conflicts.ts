import type { SessionUser } from '../../shared/contracts/app';
import type { ConflictView, ResolveConflictInput } from '../../shared/contracts/conflicts';
import { conflictKindLabel, decisionLabel, decisionsFor } from '../../shared/conflicts';
import { formatDateTime } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import { conflictById, markConflictResolved, openConflicts, resolvedConflicts, serialHolders, serviceRefByKey, stationById, type ConflictRow } from '../db/conflicts';
import type { Db, ReadDb, Tx } from '../db/open';
import { runWrite } from '../db/writeSession';
import {
  keepOutOfBase,
  linkToBaseService,
  parsePayload,
  renameStation,
  renumberSetAside,
  serialBelongsToBoth,
  serialBelongsToOne,
  stationConflictKey,
  type SetAsidePayload,
  type StationsPayload,
} from './conflictOutcomes';

// Conflicts a consolidation kept, listed with what a person can choose, and resolved by one:
// who, when and why are kept with what the decision changed, and the national update carries it.

const OPEN_LISTED = 1000;
const RESOLVED_LISTED = 500;

/** Open conflicts, newest first; with `all`, the resolved ones after them. */
export function listConflicts(db: ReadDb, all: boolean): { conflicts: ConflictView[] } {
  const rows = [...openConflicts(db, OPEN_LISTED), ...(all ? resolvedConflicts(db, RESOLVED_LISTED) : [])];
  return { conflicts: rows.map((r) => conflictView(db, r)) };
}

/** Applies one decision to one open conflict, all in one write session. */
export function resolveConflict(db: Db, input: ResolveConflictInput, user: SessionUser): ConflictView {
  return runWrite(db, (tx) => {
    const c = conflictById(tx, input.id);
    if (!c) throw new AppFailure('not_found', 'No se encontró el conflicto: actualice la lista.');
    if (c.resolution) {
      throw new AppFailure(
        'conflict',
        `Este conflicto ya fue resuelto por ${c.resolved_by ?? 'otra persona'} el ${formatDateTime(c.resolved_at ?? c.created_at)} (${decisionLabel(c.resolution)}). Una decisión tomada no se vuelve a tomar.`,
      );
    }
    const fits = decisionsFor(c.kind);
    if (!fits.includes(input.decision)) {
      throw new AppFailure(
        'validation',
        `«${decisionLabel(input.decision)}» no corresponde a un conflicto «${conflictKindLabel(c.kind)}». Puede elegir: ${fits.map(decisionLabel).join('; ')}.`,
      );
    }
    const now = new Date().toISOString();
    const detail = apply(tx, c, input, now);
    if (!markConflictResolved(tx, c.id, { decision: input.decision, reason: input.reason, detail, by: user.fullName, at: now })) {
      throw new AppFailure('conflict', 'Otra persona resolvió este conflicto en este momento: actualice la lista.');
    }
    return conflictView(tx, conflictById(tx, c.id)!);
  });
}

function apply(tx: Tx, c: ConflictRow, input: ResolveConflictInput, now: string): Record<string, unknown> {
  switch (input.decision) {
    case 'UNA_ACTA':
      return serialBelongsToOne(tx, c, input.acta);
    case 'AMBAS':
      return serialBelongsToBoth(tx, c);
    case 'RENUMERAR':
      return renumberSetAside(tx, c, now);
    case 'VINCULAR':
      return linkToBaseService(tx, c, input.serviceNumber);
    case 'MANTENER':
      return keepOutOfBase(c);
    case 'RENOMBRAR':
      return renameStation(tx, c, input.stationId, input.newCode, now);
    default:
      return input satisfies never;
  }
}

function conflictView(db: ReadDb, c: ConflictRow): ConflictView {
  const open = c.resolution === null;
  return {
    id: c.id,
    kind: c.kind,
    detail: c.detail,
    createdAt: c.created_at,
    choices: {
      actas: open && c.kind === 'SERIE_DUPLICADA' ? actaChoices(db, c.conflict_key) : [],
      stations: open && c.kind === 'ESTACION_DUPLICADA' ? stationChoices(db, c) : [],
      serviceNumber: c.kind === 'SERVICIO_FUERA_DE_BASE' ? (serviceRefByKey(db, c.conflict_key)?.service_number ?? c.conflict_key) : null,
      setAside: c.kind === 'ACTA_REUTILIZADA' ? setAsideOf(c) : null,
    },
    resolution:
      c.resolution === null
        ? null
        : {
            decision: c.resolution,
            reason: c.resolution_reason ?? '',
            by: c.resolved_by ?? '',
            at: c.resolved_at ?? '',
            detail: (c.resolution_detail ? (JSON.parse(c.resolution_detail) as Record<string, unknown>) : {}),
          },
  };
}

function actaChoices(db: ReadDb, serialKey: string): ConflictView['choices']['actas'] {
  const seen = new Set<string>();
  const out: ConflictView['choices']['actas'] = [];
  for (const h of serialHolders(db, serialKey)) {
    if (seen.has(h.handover_id)) continue;
    seen.add(h.handover_id);
    out.push({ handoverId: h.handover_id, number: h.acta_number, station: h.origin_station, holder: h.holder_name, deliveredAt: h.delivered_at });
  }
  return out;
}

function stationChoices(db: ReadDb, c: ConflictRow): ConflictView['choices']['stations'] {
  const { code, ids } = stationConflictKey(c.conflict_key);
  const seen = parsePayload<StationsPayload>(c)?.stations ?? [];
  return ids.map((id) => {
    const here = stationById(db, id);
    const saw = seen.find((s) => s.id === id);
    return { id, code: here?.code ?? saw?.code ?? code, office: here?.office ?? saw?.office ?? null, known: !!here };
  });
}

function setAsideOf(c: ConflictRow): ConflictView['choices']['setAside'] {
  const h = parsePayload<SetAsidePayload>(c)?.handover;
  return h ? { number: h.acta_number, holder: h.holder_name, deliveredAt: h.delivered_at } : null;
}
