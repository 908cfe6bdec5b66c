import type { AuditActor } from '../../shared/audit';
import type { z } from 'zod';
import type { JobSpec } from '../../shared/contracts/jobKinds';
import type { AppError } from '../../shared/result';

/** What a handler asks the runner for: the job (as its kind's input schema accepts it) and the database it runs on. */
export interface JobRequest {
  dbPath: string;
  nativeBinding?: string;
  job: z.input<typeof JobSpec>;
  /** Who asked for it, for the job history; jobs whose input names the user need not repeat it. */
  userId?: string | null;
  /**
   * The station's private key (PKCS#8 DER), for a job that signs what it writes (an office package,
   * a national update). It crosses to the worker thread in memory only; it is never written.
   */
  signingKey?: { stationId: string; privateKey: Uint8Array; encryptionPrivateKey?: Uint8Array | null };
  /**
   * The data key (auth/dataKey.ts), in memory only: the job reads and seals the files Recupera
   * keeps with it. The runner adds its own when the request has none.
   */
  dataKey?: Uint8Array;
  /** Who asked for it, as the audit log names them: the job records its entry in its own final write session. */
  actor?: AuditActor | null;
}

/** What the worker thread receives; it checks `job` against its kind's input schema before running. */
export interface WorkerRequest extends JobRequest {
  /** One Int32 set to 1 to ask the worker to stop; read between rows without waiting for messages. */
  cancelBuffer: SharedArrayBuffer;
  /** The desk gate's counter (db/deskGate.ts): the job steps aside between write sessions while it is above 0. */
  deskBuffer: SharedArrayBuffer;
}

export type WorkerReply =
  | { type: 'progress'; rowsRead: number; bytesRead: number; totalBytes: number; stage?: string }
  | { type: 'done'; result: unknown }
  | { type: 'cancelled' }
  | { type: 'failed'; error: AppError };
