import type { AuditEvent } from '../../shared/audit';
import { actorOf } from '../app/audit';
import type { CallContext } from '../app/services';
import { recordAudit } from '../db/audit';
import type { Tx } from '../db/open';
import { runWrite } from '../db/writeSession';

/**
 * Runs a use case's change and records its audit entry in one write session: the use case's own
 * session joins this one, so the change and its entry commit together or not at all, and a refusal
 * the use case throws leaves no entry. `event` answers null when nothing changed (nothing to record).
 */
export function audited<T>(ctx: CallContext, change: (tx: Tx) => T, event: (value: T, tx: Tx) => AuditEvent | null): T {
  return runWrite(ctx.app.db, (tx) => {
    const value = change(tx);
    const e = event(value, tx);
    if (e) recordAudit(tx, actorOf(ctx.session), e);
    return value;
  });
}
