import type { AuditActor, AuditEvent } from '../../shared/audit';
import { recordAudit } from '../db/audit';
import { runWrite } from '../db/writeSession';
import type { AppServices, Session } from './services';

/** The signed-in person as the audit log names them; null when nobody is signed in. */
export function actorOf(session: Session): AuditActor | null {
  const u = session.user;
  return u ? { id: u.id, username: u.username, fullName: u.fullName, role: u.role } : null;
}

/**
 * Records a read of personal data or an act that changes nothing else (a card opened, a PDF
 * opened, a file downloaded) in its own write session. A change records its entry inside the
 * change's own session instead (`recordAudit(tx, …)`), so both commit together.
 */
export function auditAct(app: AppServices, session: Session, event: AuditEvent): void {
  runWrite(app.db, (tx) => {
    recordAudit(tx, actorOf(session), event);
  });
}
