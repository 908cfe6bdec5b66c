import { billingBatches, billingMarkConfirmed, billingMarkSent } from '../../shared/contracts/billing';
import { billingBatchList, markConfirmed, markSent } from '../depuration/batchLifecycle';
import { handle } from './define';

/** Depuración batches as billing follows them: Posventa's work, like the depuración itself. */
export const billingHandlers = [
  handle(billingBatches, 'consolidate', (_input, { app }) => ({ batches: billingBatchList(app.db) })),
  handle(billingMarkSent, 'consolidate', ({ batch }, { app, session }) => markSent(app.db, batch, session.user?.fullName ?? null)),
  handle(billingMarkConfirmed, 'consolidate', ({ batch }, { app, session }) => markConfirmed(app.db, batch, session.user?.fullName ?? null)),
];
