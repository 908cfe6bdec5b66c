import { DeskGate } from '../db/deskGate';
import { Worker } from 'node:worker_threads';
import { JOB_KINDS, type JobKindName } from '../../shared/contracts/jobKinds';
import { JobState, type JobProgress, type JobStatus } from '../../shared/contracts/jobs';
import type { AppError } from '../../shared/result';
import { newId } from '../db/ids';
import { log } from '../platform/log';
import { jobMessage, jobSubject, jobUserId, SHUTDOWN_MESSAGE, SHUTDOWN_QUEUED_MESSAGE } from './jobSummary';
import { logJobEnd, logJobStart } from './jobLog';
import type { JobRequest, WorkerReply, WorkerRequest } from './protocol';
import { jobWorkerEntry } from './workerEntry';

/** What the runner needs of a worker thread; tests hand in a fake. */
export interface JobWorker {
  on(event: 'message', listener: (m: WorkerReply) => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export type SpawnWorker = (req: WorkerRequest) => JobWorker;

/**
 * Admission of a writing job beyond the runner's own queue: held from before the job's worker
 * starts until the job ends (the returned function lets go). The seam for a gate shared with
 * other threads that write; while it makes a job wait, the job stays `queued`.
 */
export interface WriteGate {
  acquire(jobId: string): (() => void) | Promise<() => void>;
}

/** A job as the history keeps it: reported when it is queued, starts, changes stage and ends. */
export interface JobRecord {
  id: string;
  kind: JobKindName;
  status: JobStatus | 'interrupted';
  userId: string | null;
  subject: string | null;
  stage: string | null;
  /** The summary of a finished job, or why it failed or stopped, in Spanish. */
  message: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** Where the runner reports its jobs (the app writes them to the `jobs` table); a failure here never stops a job. */
export type JobRecorder = (record: JobRecord) => void;

export interface JobRunnerOptions {
  spawn?: SpawnWorker;
  writeGate?: WriteGate;
  record?: JobRecorder;
  /** The data key, handed to every job's thread in memory (it reads and seals the files Recupera keeps). */
  dataKey?: Buffer;
}

export const WAITING_STAGE = 'En espera: otra tarea está en curso';

interface Job {
  id: string;
  kind: JobKindName;
  request: JobRequest;
  writes: boolean;
  status: JobStatus;
  progress: JobProgress;
  /** Once ended: the state as callers see it, the result checked against the kind's schema. */
  final: JobState | null;
  queuedAt: Date;
  /** When its worker started (0 until then); progress rates are measured from here. */
  startedAt: number;
  /** The last stage written to the history, so only a change of stage is written. */
  recordedStage: string | null;
  cancel: Int32Array;
  cancelBuffer: SharedArrayBuffer;
  worker: JobWorker | null;
  release: (() => void) | null;
  finished: Promise<JobState>;
  resolve: (s: JobState) => void;
}

const emptyProgress = (stage: string | null = null): JobProgress => ({ rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 0, stage });

/** Inspecting a file reads no table, so it need not wait for the writer; everything else writes. */
function writes(job: JobRequest['job']): boolean {
  switch (job.kind) {
    case 'importBase':
    case 'importHandovers':
      return job.mode !== 'inspect';
    case 'export':
    case 'consolidate':
    case 'depurate':
    case 'publishUpdate':
    case 'applyUpdate':
    case 'mailImport':
      return true;
    // A copy is one read transaction; its record is a short write like the job history's.
    case 'dbBackup':
      return false;
    default:
      return job satisfies never;
  }
}

const spawnThread: SpawnWorker = (req) =>
  new Worker(jobWorkerEntry(), {
    workerData: req,
    // The importing thread's live data is small (maps, statements); a bounded old generation makes
    // V8 collect a million rows' garbage as it goes instead of letting the heap balloon; its young
    // generation is a third of V8's default (48 MB), as the reader thread's (tableStream.ts).
    resourceLimits: req.job.kind === 'importBase' ? { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 16 } : { maxOldGenerationSizeMb: 2048 },
  });

const openGate: WriteGate = { acquire: () => () => undefined };

/**
 * Long jobs run in worker threads; callers poll their state, which works the same over IPC, HTTP
 * and the CLI. Jobs that write take turns: one runs, the others wait `queued` in the order they
 * came. Jobs that only read run at once.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  /** The writing job that holds the turn (running, or being admitted by the gate). */
  private writer: Job | null = null;
  private closed = false;
  private readonly spawn: SpawnWorker;
  private readonly gate: WriteGate;
  private readonly recorder: JobRecorder | null;
  private readonly dataKey: Uint8Array | undefined;
  /** Shared with every job's thread: the desk's writes go first (see db/deskGate.ts). */
  readonly desk = new DeskGate();

  constructor(options: JobRunnerOptions = {}) {
    this.spawn = options.spawn ?? spawnThread;
    this.gate = options.writeGate ?? openGate;
    this.recorder = options.record ?? null;
    this.dataKey = options.dataKey;
  }

  start(given: JobRequest): string {
    const request = given.dataKey || !this.dataKey ? given : { ...given, dataKey: this.dataKey };
    const cancelBuffer = new SharedArrayBuffer(4);
    let resolve!: (s: JobState) => void;
    const finished = new Promise<JobState>((r) => (resolve = r));
    const job: Job = {
      id: newId(),
      kind: request.job.kind,
      request,
      writes: writes(request.job),
      status: 'queued',
      progress: emptyProgress(),
      final: null,
      queuedAt: new Date(),
      startedAt: 0,
      recordedStage: null,
      cancel: new Int32Array(cancelBuffer),
      cancelBuffer,
      worker: null,
      release: null,
      finished,
      resolve,
    };
    this.jobs.set(job.id, job);
    if (!job.writes) this.launch(job);
    else {
      job.progress = emptyProgress(WAITING_STAGE);
      this.waiting.push(job);
      this.record(job);
      this.admitNext();
    }
    return job.id;
  }

  get(id: string): JobState | null {
    const job = this.jobs.get(id);
    return job ? stateOf(job) : null;
  }

  /** Who asked for the job (jobs:cancel lets them stop it); null for a job nobody signed in started; undefined when unknown. */
  startedBy(id: string): string | null | undefined {
    const job = this.jobs.get(id);
    return job ? jobUserId(job.request) : undefined;
  }

  /** A queued job is dropped at once; a running one is asked to stop and ends `cancelled` when it does. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    if (job.status === 'queued') {
      this.dequeue(job);
      this.end(job, { status: 'cancelled' });
      return true;
    }
    if (job.status !== 'running') return false;
    Atomics.store(job.cancel, 0, 1);
    return true;
  }

  wait(id: string): Promise<JobState> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new Error(`Trabajo desconocido: ${id}`));
    return job.finished;
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    for (const job of this.jobs.values()) if (job.status === 'queued') this.cancel(job.id);
    for (const job of this.jobs.values()) {
      Atomics.store(job.cancel, 0, 1);
      await job.worker?.terminate();
    }
  }

  /**
   * Reports the job to the history. Only jobs that write are kept: they are what a crash can leave
   * half done. A job ended by `shutdown` is `interrupted`: it must be run again.
   */
  private record(job: Job): void {
    if (!this.recorder || !job.writes) return;
    const state = stateOf(job);
    const ended = job.final !== null;
    const interrupted = ended && this.closed && state.status !== 'done';
    const wasQueued = job.startedAt === 0;
    const message = interrupted ? (wasQueued ? SHUTDOWN_QUEUED_MESSAGE : SHUTDOWN_MESSAGE) : jobMessage(state);
    job.recordedStage = state.progress.stage;
    try {
      this.recorder({
        id: job.id,
        kind: job.kind,
        status: interrupted ? 'interrupted' : state.status,
        userId: jobUserId(job.request),
        subject: jobSubject(job.request.job),
        stage: job.recordedStage === WAITING_STAGE ? null : job.recordedStage,
        message,
        queuedAt: job.queuedAt,
        startedAt: wasQueued ? null : new Date(job.startedAt),
        finishedAt: ended ? new Date() : null,
      });
    } catch (e) {
      // The history must never stop a job; the cause goes to the log.
      log.error('job.historyFailed', { jobId: job.id, kind: job.kind, err: e });
    }
  }

  private dequeue(job: Job): void {
    const i = this.waiting.indexOf(job);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  /** Gives the turn to the first waiting writer, once the last one has ended and the gate lets it in. */
  private admitNext(): void {
    if (this.writer || this.closed) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.writer = job;
    let admitted: ReturnType<WriteGate['acquire']>;
    try {
      admitted = this.gate.acquire(job.id);
    } catch (e) {
      this.end(job, { status: 'failed', error: internal(e as Error) });
      return;
    }
    // An open gate admits at once, so a lone writer is already running when start() returns.
    if (typeof admitted === 'function') this.admit(job, admitted);
    else admitted.then((release) => this.admit(job, release), (e: Error) => this.end(job, { status: 'failed', error: internal(e) }));
  }

  private admit(job: Job, release: () => void): void {
    if (job.status !== 'queued' || this.closed) {
      // Cancelled (or shut down) while the gate was deciding.
      release();
      this.passTurn(job);
      return;
    }
    job.release = release;
    this.launch(job);
  }

  private passTurn(job: Job): void {
    if (this.writer !== job) return;
    this.writer = null;
    this.admitNext();
  }

  private launch(job: Job): void {
    job.status = 'running';
    job.startedAt = Date.now();
    logJobStart({ id: job.id, kind: job.kind, queuedMs: job.startedAt - job.queuedAt.getTime() });
    job.progress = emptyProgress();
    this.record(job);
    let worker: JobWorker;
    try {
      worker = this.spawn({ ...job.request, cancelBuffer: job.cancelBuffer, deskBuffer: this.desk.buffer });
    } catch (e) {
      this.end(job, { status: 'failed', error: internal(e as Error) });
      return;
    }
    job.worker = worker;
    worker.on('message', (m: WorkerReply) => {
      switch (m.type) {
        case 'progress':
          if (job.status !== 'running') break;
          job.progress = progressOf(m, job.startedAt);
          if (job.progress.stage !== null && job.progress.stage !== job.recordedStage) this.record(job);
          break;
        case 'done':
          this.done(job, m.result);
          break;
        case 'cancelled':
          this.end(job, { status: 'cancelled' });
          break;
        case 'failed':
          this.end(job, { status: 'failed', error: m.error });
          break;
      }
    });
    worker.on('error', (e) => this.end(job, { status: 'failed', error: internal(e) }));
    worker.on('exit', () => this.end(job, { status: 'failed', error: { kind: 'internal', message: 'La tarea terminó sin responder.' } }));
  }

  /** The worker's result becomes the job's only if it has the shape the kind promises. */
  private done(job: Job, result: unknown): void {
    if (job.status !== 'running') return;
    const checked = JOB_KINDS[job.kind].result.safeParse(result);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      log.error('job.badResult', { jobId: job.id, kind: job.kind, issues: checked.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), code: i.code })) });
      this.end(job, {
        status: 'failed',
        error: { kind: 'internal', message: `La tarea terminó con un resultado no válido (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}). Avise a soporte.` },
      });
      return;
    }
    // Parsed again as a whole state only to pair the kind with its result's type.
    const state = JobState.safeParse({ ...stateOf(job), status: 'done', progress: { ...job.progress, fraction: 1, secondsLeft: 0 }, result: checked.data });
    this.end(job, state.success ? state.data : { status: 'failed', error: { kind: 'internal', message: 'La tarea terminó con un estado no válido. Avise a soporte.' } });
  }

  private end(job: Job, end: JobState | { status: 'cancelled' } | { status: 'failed'; error: AppError }): void {
    if (job.status !== 'running' && job.status !== 'queued') return;
    job.status = end.status;
    job.final = 'id' in end ? end : { ...stateOf(job), ...end };
    logJobEnd(job, job.final);
    this.record(job);
    job.resolve(job.final);
    if (job.writes) {
      job.release?.();
      job.release = null;
      this.passTurn(job);
    }
  }
}

function stateOf(job: Job): JobState {
  if (job.final) return job.final;
  return { id: job.id, kind: job.kind, status: job.status, progress: job.progress };
}

function internal(e: Error): AppError {
  // The cause goes to the log; the user reads Spanish, never a library's text.
  log.error('job.internalFailure', { err: e });
  return { kind: 'internal', message: 'La tarea se detuvo por un error inesperado. Intente de nuevo; si se repite, avise a soporte.' };
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
