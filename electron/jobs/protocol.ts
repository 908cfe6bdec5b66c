import type { BaseFieldKey } from '../../shared/baseFields';
import type { ImportMode } from '../../shared/contracts/importBase';
import type { AppError } from '../../shared/result';

/** The long jobs, each run on a worker thread with its own database connection. */
export type JobSpec =
  | {
      kind: 'importBase';
      path: string;
      fileName?: string;
      mode: ImportMode;
      mapping?: Array<BaseFieldKey | null>;
      stationCode: string;
      userId: string | null;
      reportDir: string;
    }
  | { kind: 'importHandovers'; path: string; fileName?: string; mode: ImportMode; userId: string | null; reportDir: string }
  | { kind: 'export'; dataDir: string; outDir: string; from?: string; to?: string; includeDocuments: boolean }
  | { kind: 'consolidate'; dataDir: string; packages: Array<{ path: string; name?: string }> }
  | { kind: 'depurate'; outDir: string; userId: string | null };

export interface WorkerRequest {
  dbPath: string;
  nativeBinding?: string;
  job: JobSpec;
  /** One Int32 set to 1 to ask the worker to stop; read between rows without waiting for messages. */
  cancelBuffer: SharedArrayBuffer;
}

export type WorkerReply =
  | { type: 'progress'; rowsRead: number; bytesRead: number; totalBytes: number; stage?: string }
  | { type: 'done'; result: unknown }
  | { type: 'cancelled' }
  | { type: 'failed'; error: AppError };
