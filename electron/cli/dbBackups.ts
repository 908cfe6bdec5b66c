import { dirname, resolve } from 'node:path';
import { dbBackupsCreate } from '../../shared/contracts/dbBackups';
import { dbBackupJob } from '../../shared/contracts/jobKinds';
import { AppFailure } from '../../shared/result';
import { PLAIN_KEYS } from '../auth/keyFile';
import { closeServices, createServices } from '../app/services';
import { writeBackupZip } from '../dbBackups/backupZip';
import { recordRestore } from '../dbBackups/restore';
import { restoreFromFile } from '../dbBackups/restoreFile';
import { call } from '../handlers/call';
import { args, cliUser, context, EXIT, need, recoveryKeyArg, UsageError } from './cliArgs';
import { waitJob } from './waitJob';

type Out = (s: string) => void;

/**
 * `respaldar-bd --db DB --salida ARCHIVO`: a manual copy (recorded and audited like the screen's
 * "Crear copia ahora", kept in the copies' folder), then carried out as one zip with its manifest
 * and the archived documents, for another disk or another PC.
 */
export async function backupDbCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, salida: { type: 'string' }, json: { type: 'boolean' } });
  const target = resolve(need(a.values.salida, 'salida'));
  const ctx = context(need(a.values.db, 'db'));
  try {
    const backup = await waitJob(ctx, dbBackupJob, await call(ctx, dbBackupsCreate, {}), err);
    if (!backup) return EXIT.refused;
    let archiveFiles: number;
    try {
      ({ archiveFiles } = await writeBackupZip(backup.path, target));
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      err(e.message);
      return EXIT.failed;
    }
    if (a.values.json) {
      out(JSON.stringify({ file: target, backup: backup.path, sizeBytes: backup.sizeBytes, sha256: backup.sha256, schemaVersion: backup.schemaVersion, archiveFiles }));
    } else {
      out(`Copia de seguridad escrita en ${target} (esquema ${backup.schemaVersion}, ${archiveFiles} documentos archivados).`);
      out(`También quedó en la carpeta de copias: ${backup.path}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

/**
 * `restaurar-bd ARCHIVO --db DB [--clave-recuperacion TEXTO]`: on a closed database (no app may
 * have it open), the copy — a zip from `respaldar-bd` or a `.sqlite` from the copies' folder — is
 * checked, then put in place of DB; the replaced database is kept in `reemplazadas/`. The database
 * is then opened (migrated if the copy is older) and the restore recorded in its audit log.
 */
export async function restoreDbCmd(argv: string[], out: Out, err: Out): Promise<number> {
  // `--clave-recuperacion` is taken out by `args` for every command; read here through recoveryKeyArg.
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const file = a.positionals[0];
  if (!file) throw new UsageError('Indique el archivo de la copia de seguridad.');
  const dbPath = resolve(need(a.values.db, 'db'));
  const dataDir = dirname(dbPath);
  const recoveryKey = recoveryKeyArg();
  let outcome: Awaited<ReturnType<typeof restoreFromFile>>;
  try {
    outcome = await restoreFromFile({ source: file, dbPath, dataDir, protector: PLAIN_KEYS, ...(recoveryKey ? { recoveryKey } : {}) });
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    err(e.message);
    return EXIT.refused;
  }
  const app = createServices({ dbPath, dataDir });
  try {
    recordRestore(app.db, dataDir, outcome, cliUser);
  } finally {
    await closeServices(app);
  }
  if (a.values.json) {
    out(JSON.stringify({ restored: dbPath, from: outcome.label, station: outcome.stationCode, schemaVersion: outcome.schemaVersion, replaced: outcome.replacedPath, archiveCopied: outcome.archiveCopied }));
  } else {
    out(`Base restaurada desde ${outcome.label} (estación ${outcome.stationCode ?? 'sin configurar'}, esquema ${outcome.schemaVersion}).`);
    out(outcome.replacedPath ? `La base reemplazada quedó en ${outcome.replacedPath}.` : 'No había una base en esa ruta: no se reemplazó nada.');
    out(`Documentos archivados recuperados: ${outcome.archiveCopied}.`);
  }
  return EXIT.ok;
}
