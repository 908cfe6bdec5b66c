import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { DeskGate } from '../../electron/db/deskGate';
import { openTestDatabase } from '../helpers/encryptedDb';
import { writeSetting } from '../../electron/db/settings';
import { giveWritePriority, runWrite } from '../../electron/db/writeSession';
import { nextBatchSize } from '../../electron/import/stagedBase';
import { jobRecorder } from '../../electron/app/jobHistory';

/** A job thread that steps aside for the desk (the real gate): `ready` once it starts waiting, then how long it waited. */
function jobThread(buffer: SharedArrayBuffer, maxMs: number): { ready: Promise<void>; waited: Promise<number> } {
  const w = new Worker(new URL('../fixtures/deskGateWait.mjs', import.meta.url), { workerData: { buffer, maxMs } });
  const messages: Array<(m: unknown) => void> = [];
  const next = () => new Promise<unknown>((resolve) => messages.push(resolve));
  w.on('message', (m) => messages.shift()?.(m));
  const failed = new Promise<never>((_, reject) => w.once('error', reject));
  const ready = Promise.race([next(), failed]).then(() => undefined);
  const waited = ready.then(() => Promise.race([next(), failed])) as Promise<number>;
  return { ready, waited };
}

describe('desk gate', () => {
  it('does not hold a job up when the desk is not writing', () => {
    const gate = new DeskGate();
    const t0 = Date.now();
    gate.yieldToDesk(2_000);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('holds a job between sessions while the desk writes, and lets it go when the desk is done', async () => {
    const gate = new DeskGate();
    gate.enter();
    const job = jobThread(gate.buffer, 10_000);
    await job.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gate.waiting()).toBe(1);
    gate.leave();
    const ms = await job.waited;
    expect(ms).toBeGreaterThanOrEqual(200);
    expect(ms).toBeLessThan(10_000);
  });

  it('lets the job go after its limit if the desk never leaves', async () => {
    const gate = new DeskGate();
    gate.enter();
    const ms = await jobThread(gate.buffer, 200).waited;
    expect(ms).toBeGreaterThanOrEqual(200);
    gate.leave();
  });

  it('is announced by every write session of a connection given priority, failed ones too', () => {
    const db = openTestDatabase(':memory:');
    const seen: number[] = [];
    const gate = new DeskGate();
    giveWritePriority(db, { enter: () => (gate.enter(), seen.push(gate.waiting())), leave: (w) => gate.leave(w) });
    runWrite(db, (tx) => writeSetting(tx, 'a', 1));
    expect(() =>
      runWrite(db, () => {
        throw new Error('stop');
      }),
    ).toThrow('stop');
    // A nested session joins the outer one: one announcement.
    runWrite(db, (tx) => runWrite(tx as never, (inner) => writeSetting(inner, 'b', 2)));
    expect(seen).toEqual([1, 1, 1]);
    expect(gate.waiting()).toBe(0);
    db.close();
  });
});

describe('write sessions of a base import’s apply', () => {
  it('are sized from the last one’s pace: short while the desk saves, longer with nobody at it', () => {
    // 10,000 rows took 300 ms: with a clerk saving, the next session takes about 60 ms.
    expect(nextBatchSize(10_000, 300, true)).toBe(2_000);
    expect(nextBatchSize(10_000, 300, false)).toBe(10_000);
    // Fast sessions grow, at most twofold at a time, and never past 100,000 rows.
    expect(nextBatchSize(2_000, 60, false)).toBe(4_000);
    expect(nextBatchSize(80_000, 10, false)).toBe(100_000);
    expect(nextBatchSize(300, 5_000, true)).toBe(200);
  });

  it('hear from the desk through the gate they share with it', () => {
    const gate = new DeskGate();
    const seenByJob = new DeskGate(gate.buffer);
    expect(seenByJob.deskActive()).toBe(false);
    gate.enter();
    gate.leave();
    expect(seenByJob.deskActive()).toBe(true);
    expect(seenByJob.deskActive(-1)).toBe(false);
  });

  it('are not shortened by the job table’s own records, only by a person’s writes', () => {
    const db = openTestDatabase(':memory:');
    const gate = new DeskGate();
    giveWritePriority(db, gate);
    const record = jobRecorder(db);
    const at = new Date();
    record({ id: 'j1', kind: 'importBase', status: 'running', userId: null, subject: 'base.xlsx', stage: 'Leyendo', message: null, queuedAt: at, startedAt: at, finishedAt: null });
    expect(gate.deskActive()).toBe(false);
    // It still went ahead of the jobs: the gate was entered and left.
    expect(gate.waiting()).toBe(0);
    runWrite(db, (tx) => writeSetting(tx, 'a', 1));
    expect(gate.deskActive()).toBe(true);
    db.close();
  });
});
