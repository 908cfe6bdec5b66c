import { parentPort, workerData } from 'node:worker_threads';
import { JobSpec } from '../../shared/contracts/jobKinds';
import { AppFailure } from '../../shared/result';
import { stationKeyFrom, type StationKey } from '../auth/keyFile';
import { DeskGate } from '../db/deskGate';
import { openDatabase, type Db } from '../db/open';
import { JobCancelled } from '../platform/cancellation';
import { log } from '../platform/log';
import type { WorkerReply, WorkerRequest } from './protocol';

type Post = (m: WorkerReply) => void;

/**
 * Runs one job; the modules a job needs are loaded only by the job that needs them. What it
 * returns is checked by the runner against the kind's result schema.
 */
async function run(db: Db, job: JobSpec, post: Post, isCancelled: () => boolean, desk: DeskGate, key: StationKey | null, dataKey: Buffer | undefined): Promise<unknown> {
  // A job that signs refuses to start without the key rather than writing something unsigned.
  const signer = (): StationKey => {
    if (!key) throw new AppFailure('internal', 'La tarea necesita la clave de la estación y no la recibió.');
    return key;
  };
  // Between two short write sessions a job lets a clerk's save through first.
  const between = () => desk.yieldToDesk();
  // Who asked for the job: it records its audit entry in its own final write session.
  const actor = (workerData as WorkerRequest).actor ?? null;
  const stage = (label: string, done: number, total: number) => post({ type: 'progress', stage: label, rowsRead: Math.round(done), bytesRead: done, totalBytes: total });
  switch (job.kind) {
    case 'importBase': {
      const { runBaseImport } = await import('../import/baseImport');
      return runBaseImport({
        db,
        ...job,
        threadedReader: true,
        dataKey,
        actor,
        isCancelled,
        between,
        deskActive: () => desk.deskActive(),
        onProgress: (p) => post({ type: 'progress', ...p }),
        onApplyProgress: (done, total) => stage('Guardando en la base (ya no se puede cancelar)', done, total),
      });
    }
    case 'importHandovers': {
      const { runHandoverListImport } = await import('../import/handoverList');
      // Only a load writes (and seals) actas; a preview needs no key.
      const sign = job.mode === 'commit' ? signer().sign : undefined;
      return runHandoverListImport({ db, ...job, sign, dataKey, actor, isCancelled, onProgress: (p) => post({ type: 'progress', ...p }) });
    }
    case 'export': {
      const { exportPackage } = await import('../sync/exportPackage');
      return exportPackage({ db, ...job, key: signer(), dataKey, actor, onStage: stage });
    }
    case 'consolidate': {
      const { consolidatePackages } = await import('../sync/consolidate');
      return consolidatePackages({ db, ...job, dataKey, actor, decryptionKey: key?.encryption ?? null, onStage: stage, isCancelled, between });
    }
    case 'depurate': {
      const { depurate } = await import('../depuration/depurate');
      return depurate({ db, ...job, dataKey, actor, onStage: stage, isCancelled, between });
    }
    case 'publishUpdate': {
      const { publishUpdate } = await import('../sync/updatePublish');
      return publishUpdate({ db, ...job, key: signer(), actor, onStage: stage });
    }
    case 'applyUpdate': {
      const { applyUpdate } = await import('../sync/updateApply');
      return applyUpdate({ db, ...job, actor, decryptionKey: key?.encryption ?? null, onStage: stage, between, deskActive: () => desk.deskActive() });
    }
    case 'dbBackup': {
      const { takeBackup } = await import('../dbBackups/takeBackup');
      return takeBackup({ db, dataDir: job.dataDir, mode: job.mode, actor: job.actor });
    }
    case 'mailImport': {
      const { importMailbox } = await import('../mail/mailbox');
      // The audit log names whoever asked; the runner always passes them for this kind.
      if (!actor) throw new AppFailure('internal', 'La tarea no recibió quién importa los correos.');
      return importMailbox({
        db,
        dataDir: job.dataDir,
        files: job.files,
        station: job.stationCode,
        actor,
        dataKey,
        isCancelled,
        between,
        onProgress: (done, total) => stage(`Leyendo el correo ${Math.min(done + 1, total)} de ${total}`, done, total),
      });
    }
    default:
      return job satisfies never;
  }
}

async function main(): Promise<void> {
  const req = workerData as WorkerRequest;
  const cancel = new Int32Array(req.cancelBuffer);
  const post: Post = (m) => parentPort!.postMessage(m);
  // The request crossed a thread boundary untyped: check it before opening anything.
  const job = JobSpec.safeParse(req.job);
  if (!job.success) {
    const issue = job.error.issues[0];
    post({ type: 'failed', error: { kind: 'internal', message: `La tarea recibió datos no válidos (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).` } });
    return;
  }
  // The database is encrypted with the data key: a request without it cannot open anything.
  if (!req.dataKey) {
    post({ type: 'failed', error: { kind: 'internal', message: 'La tarea no recibió la llave de la base de datos. Intente de nuevo; si se repite, avise a soporte.' } });
    return;
  }
  const db = openDatabase(req.dbPath, { key: Buffer.from(req.dataKey), nativeBinding: req.nativeBinding, skipMigrations: true });
  try {
    const k = req.signingKey;
    const key = k ? stationKeyFrom(k.stationId, Buffer.from(k.privateKey), k.encryptionPrivateKey ? Buffer.from(k.encryptionPrivateKey) : null) : null;
    const result = await run(db, job.data, post, () => Atomics.load(cancel, 0) === 1, new DeskGate(req.deskBuffer), key, req.dataKey ? Buffer.from(req.dataKey) : undefined);
    post({ type: 'done', result });
  } catch (e) {
    if (e instanceof JobCancelled) post({ type: 'cancelled' });
    else if (e instanceof AppFailure) post({ type: 'failed', error: { kind: e.kind, message: e.message } });
    else {
      // The cause goes to the log; the user reads Spanish, never a library's English.
      log.error('job.crashed', { kind: job.data.kind, err: e });
      post({ type: 'failed', error: { kind: 'internal', message: 'La tarea se detuvo por un error inesperado. Intente de nuevo; si se repite, avise a soporte.' } });
    }
  } finally {
    db.close();
  }
}

void main();
