import { join } from 'node:path';
import { formatDateTime } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import { dbBackupById } from '../db/dbBackups';
import { recordRestore } from '../dbBackups/restore';
import { restoreFromFile } from '../dbBackups/restoreFile';
import { log } from '../platform/log';
import { actorOf } from './audit';
import { forgetFileTokens } from './fileTokens';
import { createServices, type CallContext } from './services';

/**
 * Restores a listed copy in the running app (Configuración → Copias de seguridad). The copy is
 * checked first, with everything running; only then the automatic copy, the shared-folder pickup
 * and every job are stopped and the connection closed, the database replaced (the old one kept in
 * `reemplazadas/`), and the services reopened in place, on the same object every window and the
 * browser-mode server hold. The restore is recorded in the restored database's audit log; the
 * caller is signed out (the users are the copy's now) and signs in again.
 */
export async function restoreInApp(ctx: CallContext, o: { id: string; recoveryKey?: string }): Promise<{ message: string }> {
  const app = ctx.app;
  if (app.dbPath === ':memory:') throw new AppFailure('refused', 'Esta base de datos no está en un archivo: no se puede restaurar.');
  const row = dbBackupById(app.db, o.id);
  if (!row || row.removed_at) throw new AppFailure('not_found', 'Esa copia ya no está en la lista. Actualice la pantalla.');
  const actor = actorOf(ctx.session);
  let closed = false;
  const outcome = await restoreFromFile({
    source: join(row.folder, row.file_name),
    dbPath: app.dbPath,
    dataDir: app.dataDir,
    protector: app.keyProtector,
    currentKey: app.dataKey,
    ...(o.recoveryKey ? { recoveryKey: o.recoveryKey } : {}),
    ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}),
    beforeReplace: async () => {
      await app.recovery;
      const backups = app.dbBackups.stop();
      const pickup = app.sharedPickup.stop();
      await app.jobs.shutdown();
      await Promise.all([backups, pickup]);
      app.db.close();
      closed = true;
    },
  }).catch((e: unknown) => {
    // Refused before the connection closed: nothing changed. After it: the database is put back in service as it is.
    if (closed) reopen(ctx);
    throw e;
  });
  reopen(ctx);
  recordRestore(app.db, app.dataDir, outcome, actor);
  log.info('dbBackup.restored', { backupId: o.id, schemaVersion: outcome.schemaVersion, archiveCopied: outcome.archiveCopied });
  ctx.session.user = null;
  forgetFileTokens(ctx.session);
  const when = outcome.backupCreatedAt ? ` del ${formatDateTime(outcome.backupCreatedAt)}` : '';
  return {
    message: `Base restaurada desde la copia${when}. La base anterior quedó guardada en ${outcome.replacedPath ?? 'ninguna parte (no había una)'}. Recupera se reinició: ingrese de nuevo con su usuario.`,
  };
}

/** New services on the same object: every window and the browser-mode server see the restored database. */
function reopen(ctx: CallContext): void {
  const app = ctx.app;
  const fresh = createServices({ ...app.options, pdf: app.pdf });
  Object.assign(app, fresh);
}
