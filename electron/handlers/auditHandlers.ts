import { auditExport, auditList, auditVerify } from '../../shared/contracts/audit';
import { exportAudit, listAudit, verifyAudit } from '../app/auditReport';
import { handle } from './define';

/** The audit log: coordinators their station's entries, Posventa and the administrator every station's. */
export const auditHandlers = [
  handle(auditList, 'audit', (input, { app, session }) => listAudit(app.db, session.user!, input)),
  handle(auditVerify, 'audit', (_input, { app }) => verifyAudit(app.db)),
  handle(auditExport, 'audit', (input, { app, session }) => exportAudit(app, session, input)),
];
