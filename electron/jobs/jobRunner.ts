import { Worker } from 'node:worker_threads';
import type { JobProgress, JobState } from '../../shared/contracts/jobs';
import type { AppError } from '../../shared/result';
import { newId } from '../db/ids';
import type { JobSpec, WorkerReply, WorkerRequest } from './protocol';
import { jobWorkerEntry } from './workerEntry';

interface Job {
  state: JobState;
  startedAt: number;
  cancel: Int32Array;
  worker: Worker;
  finished: Promise<JobState>;
}

const emptyProgress = (): JobProgress => ({ rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 0, stage: null });

/** How a job shows in JobState.kind, e.g. `import:commit`, `sync:export`. */
function kindLabel(job: JobSpec): string {
  switch (job.kind) {
    case 'importBase':
      return `import:${job.mode}`;
    case 'importHandovers':
      return `importHandovers:${job.mode}`;
    case 'export':
    case 'consolidate':
    case 'depurate':
      return `sync:${job.kind}`;
    default:
      return job satisfies never;
  }
}

/** Long jobs run in worker threads; callers poll their state, which works the same over IPC, HTTP and the CLI. */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  start(req: Omit<WorkerRequest, 'cancelBuffer'>): string {
    const id = newId();
    const cancelBuffer = new SharedArrayBuffer(4);
    // The importing thread's live data is small (maps, statements); a bounded old generation makes
    // V8 collect a million rows' garbage as it goes instead of letting the heap balloon.
    const worker = new Worker(jobWorkerEntry(), {
      workerData: { ...req, cancelBuffer } satisfies WorkerRequest,
      resourceLimits: { maxOldGenerationSizeMb: req.job.kind === 'importBase' ? 384 : 2048 },
    });
    const state: JobState = { id, kind: kindLabel(req.job), status: 'running', progress: emptyProgress() };
    const startedAt = Date.now();
    const finished = new Promise<JobState>((resolve) => {
      const end = (patch: Partial<JobState>) => {
        if (state.status !== 'running') return;
        Object.assign(state, patch);
        if (patch.status === 'done') state.progress = { ...state.progress, fraction: 1, secondsLeft: 0 };
        resolve(state);
      };
      worker.on('message', (m: WorkerReply) => {
        switch (m.type) {
          case 'progress':
            state.progress = progressOf(m, startedAt);
            break;
          case 'done':
            end({ status: 'done', result: m.result });
            break;
          case 'cancelled':
            end({ status: 'cancelled' });
            break;
          case 'failed':
            end({ status: 'failed', error: m.error });
            break;
        }
      });
      worker.on('error', (e) => end({ status: 'failed', error: internal(e) }));
      worker.on('exit', () =>
        end({ status: 'failed', error: { kind: 'internal', message: 'La tarea terminó sin responder.' } }),
      );
    });
    this.jobs.set(id, { state, startedAt, cancel: new Int32Array(cancelBuffer), worker, finished });
    return id;
  }

  get(id: string): JobState | null {
    return this.jobs.get(id)?.state ?? null;
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.state.status !== 'running') return false;
    Atomics.store(job.cancel, 0, 1);
    return true;
  }

  wait(id: string): Promise<JobState> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new Error(`Trabajo desconocido: ${id}`));
    return job.finished;
  }

  async shutdown(): Promise<void> {
    for (const job of this.jobs.values()) {
      Atomics.store(job.cancel, 0, 1);
      await job.worker.terminate();
    }
  }
}

function internal(e: Error): AppError {
  return { kind: 'internal', message: `Error inesperado en la tarea: ${e.message}` };
}

function progressOf(m: { rowsRead: number; bytesRead: number; totalBytes: number; stage?: string }, startedAt: number): JobProgress {
  const elapsed = Math.max(0.001, (Date.now() - startedAt) / 1000);
  const fraction = m.totalBytes > 0 ? Math.min(1, m.bytesRead / m.totalBytes) : 0;
  return {
    rowsRead: m.rowsRead,
    bytesRead: m.bytesRead,
    totalBytes: m.totalBytes,
    rowsPerSecond: Math.round(m.rowsRead / elapsed),
    secondsLeft: fraction > 0.02 ? Math.round((elapsed / fraction) * (1 - fraction)) : null,
    fraction,
    stage: m.stage ?? null,
  };
}
