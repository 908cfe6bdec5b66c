import { recoveryKeyText } from '../auth/dataKey';
import { recordAudit } from '../db/audit';
import { RECOVERY_KEY_PENDING } from '../db/encryption';
import { readSetting, writeSetting } from '../db/settings';
import { runWrite } from '../db/writeSession';
import { actorOf } from './audit';
import type { AppServices, Session } from './services';

/**
 * The recovery key of a database encrypted at start-up (it was plain, from an earlier version, so
 * nobody saw its key at setup): given once, to the first administrator or coordinator who asks
 * after signing in, and recorded in the audit log. Anyone else, or anyone after, gets null.
 */
export function takePendingRecoveryKey(app: AppServices, session: Session): string | null {
  const role = session.user?.role;
  if (role !== 'ADMIN' && role !== 'COORDINADOR') return null;
  if (readSetting<boolean>(app.db, RECOVERY_KEY_PENDING) !== true) return null;
  return runWrite(app.db, (tx) => {
    // Two windows asking at once: only the first one is given it.
    if (readSetting<boolean>(tx, RECOVERY_KEY_PENDING) !== true) return null;
    writeSetting(tx, RECOVERY_KEY_PENDING, false);
    recordAudit(tx, actorOf(session), {
      action: 'CLAVE_RECUPERACION_MOSTRADA',
      description: 'Se le mostró la clave de recuperación de la base de datos, cifrada al actualizar Recupera',
      targetKind: 'configuracion',
      targetId: 'recoveryKey',
    });
    return recoveryKeyText(app.dataKey);
  });
}
