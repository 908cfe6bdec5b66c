import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../../shared/result';
import { openDatabase } from '../db/open';
import { ImportCancelled, runBaseImport } from '../import/baseImport';
import type { WorkerReply, WorkerRequest } from './protocol';

/** Runs one import off the main thread, on its own database connection. */
async function main(): Promise<void> {
  const req = workerData as WorkerRequest;
  const cancel = new Int32Array(req.cancelBuffer);
  const post = (m: WorkerReply) => parentPort!.postMessage(m);
  const db = openDatabase(req.dbPath, { nativeBinding: req.nativeBinding, skipMigrations: true });
  try {
    const result = await runBaseImport({
      db,
      path: req.path,
      fileName: req.fileName,
      mode: req.mode,
      mapping: req.mapping,
      stationCode: req.stationCode,
      userId: req.userId,
      reportDir: req.reportDir,
      threadedReader: true,
      isCancelled: () => Atomics.load(cancel, 0) === 1,
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
    post({ type: 'done', result });
  } catch (e) {
    if (e instanceof ImportCancelled) post({ type: 'cancelled' });
    else if (e instanceof AppFailure) post({ type: 'failed', error: { kind: e.kind, message: e.message } });
    else {
      post({ type: 'failed', error: { kind: 'internal', message: `Error inesperado al importar: ${(e as Error).message}` } });
    }
  } finally {
    db.close();
  }
}

void main();
