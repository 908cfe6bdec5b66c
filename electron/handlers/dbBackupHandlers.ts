import { dbBackupsCreate, dbBackupsList, dbBackupsRestore, dbBackupsSetFolder } from '../../shared/contracts/dbBackups';
import { AppFailure } from '../../shared/result';
import { actorOf } from '../app/audit';
import { restoreInApp } from '../app/dbRestore';
import { dbBackupsState, setBackupFolder } from '../dbBackups/folder';
import { handle } from './define';

/**
 * Copias de seguridad: coordinators and administrators see the copies and take one on demand
 * (capability `diagnostics`, the same people who look after the PC's health); only the
 * administrator chooses the folder and restores (`settings`).
 */
export const dbBackupHandlers = [
  handle(dbBackupsList, 'diagnostics', (_input, { app }) => dbBackupsState(app.db, app.dataDir)),
  handle(dbBackupsCreate, 'diagnostics', (_input, { app, session }) => {
    if (app.dbPath === ':memory:') throw new AppFailure('refused', 'Esta base de datos no está en un archivo: no se puede copiar.');
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      userId: session.user?.id ?? null,
      job: { kind: 'dbBackup', dataDir: app.dataDir, mode: 'manual', actor: actorOf(session) },
    });
    return { jobId };
  }),
  handle(dbBackupsSetFolder, 'settings', (input, { app, session }) => setBackupFolder(app.db, app.dataDir, input.path, actorOf(session))),
  handle(dbBackupsRestore, 'settings', (input, ctx) => restoreInApp(ctx, { id: input.id, ...(input.recoveryKey ? { recoveryKey: input.recoveryKey } : {}) })),
];
