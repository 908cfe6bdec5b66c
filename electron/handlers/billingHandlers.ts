import { billingBatches, billingMarkConfirmed, billingMarkSent } from '../../shared/contracts/billing';
import { billingBatchList, markConfirmed, markSent } from '../depuration/batchLifecycle';
import { audited } from './audited';
import { handle } from './define';

/** Depuración batches as billing follows them: Posventa's work, like the depuración itself. */
export const billingHandlers = [
  handle(billingBatches, 'consolidate', (_input, { app }) => ({ batches: billingBatchList(app.db) })),
  handle(billingMarkSent, 'consolidate', ({ batch }, ctx) =>
    audited(
      ctx,
      () => markSent(ctx.app.db, batch, ctx.session.user?.fullName ?? null),
      () => ({ action: 'LOTE_ENVIADO', description: `Marcó el lote ${batch} como enviado a facturación`, targetKind: 'lote', targetId: batch }),
    ),
  ),
  handle(billingMarkConfirmed, 'consolidate', ({ batch }, ctx) =>
    audited(
      ctx,
      () => markConfirmed(ctx.app.db, batch, ctx.session.user?.fullName ?? null),
      () => ({ action: 'LOTE_CONFIRMADO', description: `Confirmó que facturación recibió el lote ${batch}`, targetKind: 'lote', targetId: batch }),
    ),
  ),
];
