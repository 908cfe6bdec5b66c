const EPOCH_MS = Date.UTC(2024, 0, 1);
const secondsNow = (): number => Math.floor((Date.now() - EPOCH_MS) / 1000);

/**
 * Who goes first for the write lock: the desk. A clerk's save runs on the main thread, a long
 * job on a worker writes in short sessions; between two sessions the job looks at this shared
 * counter and, while the desk is writing or waiting to, steps aside. SQLite's busy handler alone
 * would let a job that commits and begins again at once starve the desk.
 */
export class DeskGate {
  /** [0]: desk writes under way or waiting; [1]: when the desk last wrote, in seconds since EPOCH. */
  private readonly cell: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.cell = new Int32Array(buffer);
  }

  /** The desk is about to write (called by runWrite on a connection the gate is registered for). */
  enter(): void {
    Atomics.add(this.cell, 0, 1);
  }

  /** The write is over; `deskWork` false for bookkeeping no one at the desk did (see runWrite). */
  leave(deskWork = true): void {
    if (deskWork) Atomics.store(this.cell, 1, secondsNow());
    Atomics.sub(this.cell, 0, 1);
    Atomics.notify(this.cell, 0);
  }

  /**
   * Whether the desk wrote in the last `withinMs`: then a job keeps its write sessions short, so a
   * clerk's next save waits little; with nobody at the desk it writes in longer sessions, whose
   * commits cost far less at a million rows (every session rewrites the index pages it touched).
   */
  deskActive(withinMs = 120_000): boolean {
    const last = Atomics.load(this.cell, 1);
    return last > 0 && (secondsNow() - last) * 1000 <= withinMs;
  }

  /** How many desk writes are under way or waiting. */
  waiting(): number {
    return Atomics.load(this.cell, 0);
  }

  /**
   * For a job between two write sessions: waits while the desk writes, at most `maxMs` (a desk
   * that never leaves must not stop the job for good). Blocks the calling thread, so only a
   * worker may call it.
   */
  yieldToDesk(maxMs = 5_000): void {
    const until = Date.now() + maxMs;
    for (let n = Atomics.load(this.cell, 0); n > 0 && Date.now() < until; n = Atomics.load(this.cell, 0)) {
      Atomics.wait(this.cell, 0, n, 50);
    }
  }
}
