import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { depurateJob, exportJob, importBaseJob, type JobSpec } from '../../shared/contracts/jobKinds';
import { jobResult, jobsGet } from '../../shared/contracts/jobs';
import { JobRunner, WAITING_STAGE, type JobWorker, type WriteGate } from '../../electron/jobs/jobRunner';
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
function fakeRunner(writeGate?: WriteGate): JobRunner {
  workers = [];
  runner = new JobRunner({
    spawn: (req) => {
      const w = new FakeWorker(req);
      workers.push(w);
      return w;
    },
    writeGate,
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
    expect(await runner.wait(b)).toMatchObject({ status: 'failed', error: { kind: 'internal', message: expect.stringContaining('boom') } });
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
