import { conflictsList, conflictsResolve } from '../../shared/contracts/conflicts';
import { conflictKindLabel, decisionLabel } from '../../shared/conflicts';
import { listConflicts, resolveConflict } from '../sync/conflicts';
import { audited } from './audited';
import { handle } from './define';

/** Posventa settles what consolidation could not: the same capability that consolidates. */
export const conflictHandlers = [
  handle(conflictsList, 'consolidate', (input, { app }) => listConflicts(app.db, input.all)),
  handle(conflictsResolve, 'consolidate', (input, ctx) =>
    audited(
      ctx,
      () => resolveConflict(ctx.app.db, input, ctx.session.user!),
      (c) => ({
        action: 'CONFLICTO_RESUELTO',
        description: `Resolvió un conflicto «${conflictKindLabel(c.kind)}»: ${decisionLabel(input.decision)}. Motivo: ${input.reason}`,
        targetKind: 'conflicto',
        targetId: c.id,
        detail: { kind: c.kind, decision: input.decision, reason: input.reason, changed: c.resolution?.detail ?? null },
      }),
    ),
  ),
];
