import type { BaseFieldKey } from '../../shared/baseFields';
import type { ImportMode, ImportSummary } from '../../shared/contracts/importBase';
import type { AppError } from '../../shared/result';

export interface WorkerRequest {
  dbPath: string;
  nativeBinding?: string;
  path: string;
  fileName?: string;
  mode: ImportMode;
  mapping?: Array<BaseFieldKey | null>;
  stationCode: string;
  userId: string | null;
  reportDir: string;
  /** One Int32 set to 1 to ask the worker to stop; read between rows without waiting for messages. */
  cancelBuffer: SharedArrayBuffer;
}

export type WorkerReply =
  | { type: 'progress'; rowsRead: number; bytesRead: number; totalBytes: number }
  | { type: 'done'; result: ImportSummary }
  | { type: 'cancelled' }
  | { type: 'failed'; error: AppError };
