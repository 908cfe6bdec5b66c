import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionUser } from '../../shared/contracts/app';
import { PLAIN_KEYS, type KeyProtector, type StationKey } from '../auth/keyFile';
import type { Db } from '../db/open';
import { giveWritePriority } from '../db/writeSession';
import { JobRunner } from '../jobs/jobRunner';
import { chromiumPdfRenderer } from '../pdf/chromiumPdf';
import type { PdfRenderer } from '../pdf/pdfRenderer';
import { flushLog, openLog } from '../platform/log';
import { APP_VERSION } from '../platform/version';
import { migrationBackups } from '../dbBackups/migrationBackup';
import { dbBackupSchedule, type DbBackupSchedule } from './dbBackupSchedule';
import { openEncryptedDatabase } from './encryptedDatabase';
import { jobRecorder } from './jobHistory';
import { recoverInBackground, recoverOnOpen, type BackgroundRecovery } from './recovery';
import { dailyRetention } from './retentionSchedule';
import { sharedPickup, type SharedPickup } from './sharedPickup';
import { stationKeyLoader } from './stationKey';
import type { ChosenFile } from './fileTokens';

/** What every handler can reach: one database connection, the data folder, the job runner. */
export interface AppServices {
  db: Db;
  dbPath: string;
  dataDir: string;
  nativeBinding?: string;
  jobs: JobRunner;
  /** Renders actas: Electron's printToPDF in the app, a headless Chromium elsewhere. */
  pdf: PdfRenderer;
  version: string;
  /** The start-up recovery that runs after start (recovery.ts); closing waits for it. */
  recovery: Promise<BackgroundRecovery>;
  /** How the station's private key and the data key are sealed on disk (safeStorage in the app). */
  keyProtector: KeyProtector;
  /** The data key (auth/dataKey.ts): encrypts the database and the files Recupera keeps. Never logged, never written in clear. */
  dataKey: Buffer;
  /** The local station's signing key (stationKey.ts); refused in Spanish when it cannot sign. */
  stationKey: () => Promise<StationKey>;
  /** Picks up national updates from the shared folder (sharedPickup.ts); its timer runs only where `sharedFolderPickup` asked for it. */
  sharedPickup: SharedPickup;
  /** The automatic daily copy of the database (dbBackupSchedule.ts); its timer runs only where `dbBackupSchedule` asked for it. */
  dbBackups: DbBackupSchedule;
  /** The daily retention purge of respaldo documents, where the process stays open (retentionSchedule.ts). */
  retention?: { stop(): void };
  /** How these services were made: a restore reopens them the same way (app/dbRestore.ts). */
  options: ServicesOptions;
}

/** Per-client state: each Electron window, the browser-mode client, or the CLI run. */
export interface Session {
  user: SessionUser | null;
  /** Idle lock: every call but signing in, out, unlocking and app:info is refused until the same user unlocks. */
  locked?: boolean;
  /** Files this client chose, by opaque token (app/fileTokens.ts): paths never come from the renderer. */
  files?: Map<string, ChosenFile>;
  /**
   * 'cli' for a command-line run: only it may name a folder or file to write to (a destination).
   * A window or a browser client writes only to the app's own folders and the shared folder set in
   * Configuración, so a compromised page cannot make Recupera write anywhere on the PC.
   */
  origin?: 'cli';
}

export interface CallContext {
  app: AppServices;
  session: Session;
}

export interface ServicesOptions {
  dbPath: string;
  dataDir: string;
  nativeBinding?: string;
  pdf?: PdfRenderer;
  /** The shell passes safeStorage's; the CLI, the browser mode and tests keep the key as it is. */
  keyProtector?: KeyProtector;
  /**
   * false: skip the part of recovery that runs after start (temporaries, actas' PDFs), for a
   * process whose timing is being measured (the benchmark's children). What runs on open always runs.
   */
  backgroundRecovery?: boolean;
  /** The app and the browser mode poll the shared folder for updates; the CLI and tests do not. */
  sharedFolderPickup?: boolean;
  /** Opens with the recovery key instead of the key file, and writes the key file again (`--clave-recuperacion`). */
  recoveryKey?: string;
  /** The app and the browser mode take the automatic daily copy of the database; the CLI and tests do not. */
  dbBackupSchedule?: boolean;
}

export function createServices(opts: ServicesOptions): AppServices {
  mkdirSync(opts.dataDir, { recursive: true });
  // Before the database: a database that cannot be opened is worth a line in the log too.
  openLog(opts.dataDir);
  // A database about to be migrated is copied first, as it is (dbBackups/migrationBackup.ts).
  const migrationBackup = migrationBackups(opts.dataDir);
  const { db, dataKey } = openEncryptedDatabase({
    dbPath: opts.dbPath,
    protector: opts.keyProtector ?? PLAIN_KEYS,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.recoveryKey !== undefined ? { recoveryKey: opts.recoveryKey } : {}),
    beforeMigrate: migrationBackup.beforeMigrate,
  });
  migrationBackup.record(db);
  // Finish what a crash interrupted before anyone reads: a base import half applied is completed,
  // jobs of a dead process are marked interrupted in the history.
  recoverOnOpen(db);
  const jobs = new JobRunner({ record: jobRecorder(db), dataKey });
  // This process's writes are the desk's: a long job on a worker steps aside for them.
  giveWritePriority(db, jobs.desk);
  const stationKey = stationKeyLoader({ db, dbPath: opts.dbPath, protector: opts.keyProtector ?? PLAIN_KEYS });
  const services = {
    db,
    dbPath: opts.dbPath,
    dataDir: opts.dataDir,
    nativeBinding: opts.nativeBinding,
    jobs,
    pdf: opts.pdf ?? chromiumPdfRenderer(),
    version: APP_VERSION,
    keyProtector: opts.keyProtector ?? PLAIN_KEYS,
    dataKey,
    stationKey,
    sharedPickup: sharedPickup({ db, dbPath: opts.dbPath, dataDir: opts.dataDir, nativeBinding: opts.nativeBinding, jobs, stationKey }),
    dbBackups: dbBackupSchedule({ db, dbPath: opts.dbPath, dataDir: opts.dataDir, nativeBinding: opts.nativeBinding, jobs }),
    options: opts,
  };
  if (opts.sharedFolderPickup) services.sharedPickup.start();
  // A process that stays open for days purges respaldo documents past retention once a day (at start: recovery).
  const retention = opts.sharedFolderPickup ? dailyRetention(services) : undefined;
  if (opts.dbBackupSchedule) services.dbBackups.start();
  // Not awaited: the first screen (or the command) goes ahead while leftovers are cleared.
  const recovery = opts.backgroundRecovery === false ? Promise.resolve({ temporaries: 0, archived: [], failed: [] }) : recoverInBackground(services);
  return { ...services, recovery, retention };
}

export async function closeServices(app: AppServices): Promise<void> {
  // A command ends only once what recovery started is done (it never rejects).
  await app.recovery;
  // No new poll of the shared folder; the update it may be applying is cancelled with the other jobs.
  const pickup = app.sharedPickup.stop();
  app.retention?.stop();
  const backups = app.dbBackups.stop();
  await app.jobs.shutdown();
  await pickup;
  await backups;
  await app.pdf.close();
  app.db.close();
  // What this run logged is on disk before a command's process ends.
  await flushLog();
}

export function reportDir(app: AppServices): string {
  return join(app.dataDir, 'reportes');
}

export function uploadDir(app: AppServices): string {
  return join(app.dataDir, 'cargas');
}

/** Office packages this PC exported. */
export function packageDir(app: AppServices): string {
  return join(app.dataDir, 'paquetes');
}

/** National updates this central published. */
export function updateDir(app: AppServices): string {
  return join(app.dataDir, 'actualizaciones');
}

/** Depuración batches: one folder per batch with its three files. */
export function depurationDir(app: AppServices): string {
  return join(app.dataDir, 'depuraciones');
}

/** Diagnostics bundles written for support, one file each. */
export function diagnosticsDir(app: AppServices): string {
  return join(app.dataDir, 'diagnosticos');
}

/** This station's public identity files, written for the user to hand to Posventa or the offices. */
export function identityDir(app: AppServices): string {
  return join(app.dataDir, 'identidad');
}

/** Folders whose files the user may download or save a copy of: what Recupera generated. */
export function generatedDirs(app: AppServices): string[] {
  return [reportDir(app), packageDir(app), depurationDir(app), diagnosticsDir(app), identityDir(app), updateDir(app)];
}
