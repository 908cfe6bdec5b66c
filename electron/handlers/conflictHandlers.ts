import { conflictsList, conflictsResolve } from '../../shared/contracts/conflicts';
import { listConflicts, resolveConflict } from '../sync/conflicts';
import { handle } from './define';

/** Posventa settles what consolidation could not: the same capability that consolidates. */
export const conflictHandlers = [
  handle(conflictsList, 'consolidate', (input, { app }) => listConflicts(app.db, input.all)),
  handle(conflictsResolve, 'consolidate', (input, { app, session }) => resolveConflict(app.db, input, session.user!)),
];
