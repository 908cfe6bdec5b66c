import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { depurateJob, exportJob, importBaseJob, type JobSpec } from '../../shared/contracts/jobKinds';
import { jobResult, jobsGet } from '../../shared/contracts/jobs';
import { JobRunner, WAITING_STAGE, type JobRecord, type JobWorker, type WriteGate } from '../../electron/jobs/jobRunner';
import type { WorkerReply, WorkerRequest } from '../../electron/jobs/protocol';

/** A worker thread the test drives by hand: it replies what the test tells it to. */
class FakeWorker extends EventEmitter implements JobWorker {
  terminated = false;
  constructor(readonly req: WorkerRequest) {
    super();
  }
  reply(m: WorkerReply): void {
    this.emit('message', m);
    this.emit('exit', 0);
  }
  cancelRequested(): boolean {
    return Atomics.load(new Int32Array(this.req.cancelBuffer), 0) === 1;
  }
  async terminate(): Promise<number> {
    this.terminated = true;
    this.emit('exit', 1);
    return 1;
  }
}

const EXPORTED = {
  handovers: 1,
  items: 2,
  backups: 0,
  voids: 0,
  package: '/datos/paquetes/UIO-01_20260101-1000.recupera',
  fileName: 'UIO-01_20260101-1000.recupera',
  documents: 0,
  from: null,
  to: '2026-01-01T15:00:00.000Z',
  sha256: 'ab'.repeat(32),
};

const exportSpec: JobSpec = { kind: 'export', dataDir: '/datos', outDir: '/datos/paquetes', includeDocuments: false };
const consolidateSpec: JobSpec = { kind: 'consolidate', dataDir: '/datos', packages: [{ path: '/p/a.recupera' }] };
const depurateSpec: JobSpec = { kind: 'depurate', outDir: '/datos/depuraciones', userId: null };
const inspectSpec: JobSpec = { kind: 'importBase', path: '/b.xlsx', mode: 'inspect', stationCode: 'UIO-01', userId: null, reportDir: '/r' };

let runner: JobRunner;
let workers: FakeWorker[];
function fakeRunner(writeGate?: WriteGate, record?: (r: JobRecord) => void): JobRunner {
  workers = [];
  runner = new JobRunner({
    spawn: (req) => {
      const w = new FakeWorker(req);
      workers.push(w);
      return w;
    },
    writeGate,
    record,
  });
  return runner;
}
const start = (job: JobSpec) => runner.start({ dbPath: '/datos/recupera.sqlite', job });
const kinds = () => workers.map((w) => w.req.job.kind);
const status = (id: string) => runner.get(id)?.status;

afterEach(async () => {
  await runner?.shutdown();
});

describe('the writing-job queue', () => {
  it('runs writers one at a time, in the order they came; the rest wait queued and say so', async () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(consolidateSpec);
    const c = start(depurateSpec);
    expect(kinds()).toEqual(['export']);
    expect(runner.get(a)).toMatchObject({ kind: 'export', status: 'running' });
    expect(runner.get(b)).toMatchObject({ kind: 'consolidate', status: 'queued', progress: { stage: WAITING_STAGE } });
    expect(status(c)).toBe('queued');

    workers[0]!.reply({ type: 'done', result: EXPORTED });
    expect(await runner.wait(a)).toMatchObject({ status: 'done', result: EXPORTED, progress: { fraction: 1 } });
    expect(kinds()).toEqual(['export', 'consolidate']);
    expect(runner.get(b)).toMatchObject({ status: 'running', progress: { stage: null } });
    expect(status(c)).toBe('queued');

    workers[1]!.reply({ type: 'cancelled' });
    expect((await runner.wait(b)).status).toBe('cancelled');
    expect(kinds()).toEqual(['export', 'consolidate', 'depurate']);
    expect(status(c)).toBe('running');
  });

  it('drops a queued job at once when it is cancelled, and never starts it', async () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(consolidateSpec);
    const c = start(depurateSpec);
    expect(runner.cancel(b)).toBe(true);
    expect(status(b)).toBe('cancelled');
    expect(await runner.wait(b)).toMatchObject({ status: 'cancelled' });
    expect(runner.cancel(b)).toBe(false);

    workers[0]!.reply({ type: 'done', result: EXPORTED });
    await runner.wait(a);
    expect(kinds()).toEqual(['export', 'depurate']);
    expect(status(c)).toBe('running');
  });

  it('asks a running job to stop through its cancel flag; it ends when the worker says so', async () => {
    fakeRunner();
    const a = start(exportSpec);
    expect(workers[0]!.cancelRequested()).toBe(false);
    expect(runner.cancel(a)).toBe(true);
    expect(workers[0]!.cancelRequested()).toBe(true);
    expect(status(a)).toBe('running');
    workers[0]!.reply({ type: 'cancelled' });
    expect((await runner.wait(a)).status).toBe('cancelled');
  });

  it('passes the turn on when a job fails, crashes or exits without a word', async () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(consolidateSpec);
    const c = start(depurateSpec);
    const d = start(exportSpec);

    workers[0]!.reply({ type: 'failed', error: { kind: 'refused', message: 'Configure la estación antes de exportar.' } });
    expect(await runner.wait(a)).toMatchObject({ status: 'failed', error: { kind: 'refused', message: 'Configure la estación antes de exportar.' } });
    expect(status(b)).toBe('running');

    workers[1]!.emit('error', new Error('boom'));
    // A thread's own (English) error text never reaches the user: it goes to the log.
    const crashed = await runner.wait(b);
    expect(crashed).toMatchObject({ status: 'failed', error: { kind: 'internal', message: expect.stringContaining('error inesperado') } });
    expect(crashed.error?.message).not.toContain('boom');
    expect(status(c)).toBe('running');

    workers[2]!.emit('exit', 1);
    expect(await runner.wait(c)).toMatchObject({ status: 'failed', error: { kind: 'internal', message: 'La tarea terminó sin responder.' } });
    expect(status(d)).toBe('running');
  });

  it('refuses a result that is not what the kind promises, as an internal failure, and frees the queue', async () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(depurateSpec);
    workers[0]!.reply({ type: 'done', result: { ...EXPORTED, handovers: 'uno' } });
    const end = await runner.wait(a);
    expect(end).toMatchObject({ status: 'failed', error: { kind: 'internal', message: expect.stringMatching(/^La tarea terminó con un resultado no válido \(handovers: .+\)/) } });
    expect(end.result).toBeUndefined();
    expect(status(b)).toBe('running');
  });

  it('lets a job that only reads run beside the writer', () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(depurateSpec);
    const inspect = start(inspectSpec);
    expect(kinds()).toEqual(['export', 'importBase']);
    expect([status(a), status(b), status(inspect)]).toEqual(['running', 'queued', 'running']);
  });

  it('keeps a writer queued while the write gate holds it, and lets go of the gate when the job ends', async () => {
    const log: string[] = [];
    let open!: () => void;
    const gate: WriteGate = {
      acquire: (id) =>
        new Promise((resolve) => {
          log.push(`acquire ${id}`);
          open = () => resolve(() => log.push(`release ${id}`));
        }),
    };
    fakeRunner(gate);
    const a = start(exportSpec);
    await Promise.resolve();
    expect(status(a)).toBe('queued');
    expect(workers).toEqual([]);
    open();
    await new Promise((r) => setTimeout(r, 0));
    expect(status(a)).toBe('running');
    workers[0]!.reply({ type: 'done', result: EXPORTED });
    await runner.wait(a);
    expect(log).toEqual([`acquire ${a}`, `release ${a}`]);
  });

  it('cancels what waits and stops what runs on shutdown', async () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(depurateSpec);
    await runner.shutdown();
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[0]!.cancelRequested()).toBe(true);
    expect((await runner.wait(b)).status).toBe('cancelled');
    expect((await runner.wait(a)).status).toBe('failed');
    expect(kinds()).toEqual(['export']);
  });
});

describe('jobs:get', () => {
  it('accepts every state the runner reports, queued and finished alike', async () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(depurateSpec);
    const c = start(consolidateSpec);
    for (const id of [a, b]) expect(jobsGet.output.parse(runner.get(id))).toEqual(runner.get(id));
    workers[0]!.emit('message', { type: 'progress', rowsRead: 10, bytesRead: 50, totalBytes: 100, stage: 'Escribiendo entregas' } satisfies WorkerReply);
    expect(jobsGet.output.parse(runner.get(a))).toMatchObject({ status: 'running', progress: { fraction: 0.5, stage: 'Escribiendo entregas' } });
    runner.cancel(c);
    workers[0]!.reply({ type: 'done', result: EXPORTED });
    await runner.wait(a);
    for (const id of [a, b, c]) expect(jobsGet.output.parse(runner.get(id))).toEqual(runner.get(id));
  });
});

describe('reading a job result', () => {
  it('gives the result typed by its kind, checked against the kind schema', async () => {
    fakeRunner();
    const a = start(exportSpec);
    workers[0]!.reply({ type: 'done', result: EXPORTED });
    const state = await runner.wait(a);
    const r = jobResult(exportJob, state);
    expect(r).toEqual({ ok: true, value: EXPORTED });
    if (r.ok) expect(r.value.package.endsWith('.recupera')).toBe(true);
    expect(jobResult(depurateJob, state)).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('says why there is no result', async () => {
    fakeRunner();
    const a = start(exportSpec);
    const b = start(consolidateSpec);
    expect(jobResult(importBaseJob, runner.get(b)!)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    runner.cancel(b);
    expect(jobResult(exportJob, runner.get(b)!)).toEqual({ ok: false, error: { kind: 'refused', message: 'Cancelado por el usuario.' } });
    workers[0]!.reply({ type: 'failed', error: { kind: 'not_found', message: 'No existe.' } });
    expect(jobResult(exportJob, await runner.wait(a))).toEqual({ ok: false, error: { kind: 'not_found', message: 'No existe.' } });
  });
});

describe('the worker thread', () => {
  it('checks what it is asked to do before it opens anything', async () => {
    runner = new JobRunner();
    const id = runner.start({ dbPath: '/no/existe/recupera.sqlite', job: { kind: 'depurate', outDir: 42 } as never });
    expect(await runner.wait(id)).toMatchObject({
      status: 'failed',
      error: { kind: 'internal', message: expect.stringMatching(/^La tarea recibió datos no válidos \(outDir: /) },
    });
  });
});

describe('the job history', () => {
  /** What the recorder was told, job by job, in order. */
  function recorded(): { records: JobRecord[]; of: (id: string) => Array<Pick<JobRecord, 'status' | 'stage' | 'message'>> } {
    const records: JobRecord[] = [];
    fakeRunner(undefined, (r) => records.push(r));
    return { records, of: (id) => records.filter((r) => r.id === id).map(({ status, stage, message }) => ({ status, stage, message })) };
  }

  it('reports a writing job when it is queued, starts, changes stage and ends, with a summary in Spanish', async () => {
    const { records, of } = recorded();
    const a = runner.start({ dbPath: '/datos/recupera.sqlite', userId: 'u-1', job: exportSpec });
    const b = start(depurateSpec);
    const progress = (stage: string, bytesRead: number) => workers[0]!.emit('message', { type: 'progress', rowsRead: 1, bytesRead, totalBytes: 10, stage } satisfies WorkerReply);
    progress('Escribiendo entregas', 1);
    progress('Escribiendo entregas', 2);
    progress('Comprimiendo el paquete', 3);
    workers[0]!.reply({ type: 'done', result: EXPORTED });
    await runner.wait(a);
    expect(of(a)).toEqual([
      { status: 'queued', stage: null, message: null },
      { status: 'running', stage: null, message: null },
      { status: 'running', stage: 'Escribiendo entregas', message: null },
      { status: 'running', stage: 'Comprimiendo el paquete', message: null },
      { status: 'done', stage: 'Comprimiendo el paquete', message: 'Paquete UIO-01_20260101-1000.recupera: 1 acta.' },
    ]);
    // The depuración waited its turn: queued (without the waiting text as its stage), then running.
    expect(of(b)).toEqual([
      { status: 'queued', stage: null, message: null },
      { status: 'running', stage: null, message: null },
    ]);
    const first = records.find((r) => r.id === a)!;
    const last = records.filter((r) => r.id === a).at(-1)!;
    expect(first).toMatchObject({ kind: 'export', userId: 'u-1', finishedAt: null });
    expect(last.startedAt).toBeInstanceOf(Date);
    expect(last.finishedAt).toBeInstanceOf(Date);
    expect(records.find((r) => r.id === b)).toMatchObject({ kind: 'depurate', userId: null, startedAt: null });
  });

  it('keeps why a job failed or was cancelled, and leaves out jobs that only read', async () => {
    const { records, of } = recorded();
    const a = start(exportSpec);
    const b = start(consolidateSpec);
    const inspect = start(inspectSpec);
    runner.cancel(b);
    workers[0]!.reply({ type: 'failed', error: { kind: 'refused', message: 'No hay espacio suficiente en el disco de la carpeta /datos.' } });
    await runner.wait(a);
    expect(of(a).at(-1)).toEqual({ status: 'failed', stage: null, message: 'No hay espacio suficiente en el disco de la carpeta /datos.' });
    expect(of(b).at(-1)).toEqual({ status: 'cancelled', stage: null, message: 'Cancelada por el usuario.' });
    expect(records.filter((r) => r.id === inspect)).toEqual([]);
  });

  it('marks what shutdown stops as interrupted, saying to run it again', async () => {
    const { of } = recorded();
    const a = start(exportSpec);
    const b = start(depurateSpec);
    await runner.shutdown();
    expect(of(a).at(-1)).toEqual({ status: 'interrupted', stage: null, message: 'Recupera se cerró mientras la tarea corría. Vuelva a ejecutarla.' });
    expect(of(b).at(-1)).toEqual({ status: 'interrupted', stage: null, message: 'Recupera se cerró antes de que la tarea empezara. Vuelva a ejecutarla.' });
  });

  it('goes on with the job when the history cannot be written', async () => {
    fakeRunner(undefined, () => {
      throw new Error('disco lleno');
    });
    const a = start(exportSpec);
    workers[0]!.reply({ type: 'done', result: EXPORTED });
    expect(await runner.wait(a)).toMatchObject({ status: 'done' });
  });
});
