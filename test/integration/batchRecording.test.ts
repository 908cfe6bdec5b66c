import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServices, createServices } from '../../electron/app/services';
import { batchByNumber, batchLineTotals, listBatches } from '../../electron/db/billing';
import type { Db } from '../../electron/db/open';
import { runWrite } from '../../electron/db/writeSession';
import { depurate, type DepurateOptions } from '../../electron/depuration/depurate';
import type { TestApp } from '../helpers/app';
import { office } from '../helpers/offices';

// A depuración records its batch and the carga's lines in short write sessions (a million-row
// carga held the write lock for six seconds in one): the batch is hidden until the last one, a
// failure half-way removes what was written, and a crash half-way is cleaned up on the next open.

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/** Posventa with the small base: its carga de valores lists three items (test/integration/billing.test.ts). */
async function posventaStation(): Promise<TestApp> {
  const t = await office('PV-01', 'Posventa Nacional');
  open.push(t);
  return t;
}

const db = (t: TestApp): Db => t.ctx.app.db;
const count = (d: Db, sql: string) => d.prepare(sql).pluck().get() as number;
const year = new Date().getFullYear();
const run = (t: TestApp, extra: Partial<DepurateOptions>) => depurate({ db: db(t), outDir: join(t.dir, 'depuraciones'), linesPerSession: 1, ...extra });
const auditEntries = (d: Db) => count(d, "SELECT count(*) FROM audit_log WHERE action = 'DEPURACION_GENERADA'");
/** A depuración that runs `sql` just before its `session`-th write session after the batch's first. */
const runChangingBefore = (t: TestApp, session: number, sql: string, extra: Partial<DepurateOptions> = {}) => {
  let calls = 0;
  return run(t, {
    ...extra,
    between: () => {
      if (++calls === session) runWrite(db(t), (tx) => tx.prepare(sql).run());
    },
  });
};

describe('recording a depuración batch', () => {
  it('writes its lines in sessions of their own, with the lock free between them, and shows the batch only once whole', async () => {
    const t = await posventaStation();
    const seen: Array<{ listed: number; found: boolean; lines: number }> = [];
    const r = await run(t, {
      between: () => {
        seen.push({ listed: listBatches(db(t), 10).length, found: batchByNumber(db(t), `DEP-${year}-0001`) !== undefined, lines: count(db(t), 'SELECT count(*) FROM billing_lines') });
        // A clerk's write gets the lock between two of the batch's sessions.
        runWrite(db(t), (tx) => tx.prepare("INSERT INTO settings (key, value) VALUES ('prueba', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(seen.length)));
      },
    });
    expect(r.batch).toBe(`DEP-${year}-0001`);
    // Three lines, one per session, then the session that completes the batch.
    expect(seen).toEqual([
      { listed: 0, found: false, lines: 0 },
      { listed: 0, found: false, lines: 1 },
      { listed: 0, found: false, lines: 2 },
      { listed: 0, found: false, lines: 3 },
    ]);
    const batch = batchByNumber(db(t), r.batch)!;
    expect(listBatches(db(t), 10).map((b) => b.batch)).toEqual([r.batch]);
    expect(batchLineTotals(db(t), batch.id)).toEqual({ chargeItems: 3, chargeCents: 9600, reversalItems: 0, reversalCents: 0 });
    expect(count(db(t), 'SELECT count(*) FROM depuration_recordings')).toBe(0);
    expect(auditEntries(db(t))).toBe(1);
  });

  it('removes the batch and the lines written so far when the base changes half-way, and the number is free again', async () => {
    const t = await posventaStation();
    const destination = join(t.dir, 'entrega');
    mkdirSync(destination);
    const someoneElses = join(destination, 'notas.txt');
    writeFileSync(someoneElses, 'de otra persona');
    // After two of its three lines: an item of the carga is replaced (deleted from the base).
    const failed = runChangingBefore(t, 3, "DELETE FROM expected_items WHERE serial = 'HW-5'", { destination });
    await expect(failed).rejects.toMatchObject({
      kind: 'conflict',
      message: `La base cambió mientras se generaba el lote DEP-${year}-0001 (se reemplazaron equipos). Vuelva a depurar. Sus archivos se quitaron, también de la carpeta elegida.`,
    });
    // No file named for a batch that lists nothing: not kept, not in the user's folder (which keeps what was there).
    expect(existsSync(join(t.dir, 'depuraciones', `DEP-${year}-0001`))).toBe(false);
    expect(readdirSync(destination)).toEqual(['notas.txt']);
    expect(count(db(t), 'SELECT count(*) FROM depuration_batches')).toBe(0);
    expect(count(db(t), 'SELECT count(*) FROM billing_lines')).toBe(0);
    expect(count(db(t), 'SELECT count(*) FROM depuration_recordings')).toBe(0);
    expect(auditEntries(db(t))).toBe(0);
    expect((await run(t, {})).batch).toBe(`DEP-${year}-0001`);
  });

  it('a batch left half-recorded by a dead process is removed on the next open; one a live process records stays', async () => {
    const t = await posventaStation();
    const dead = await run(t, {});
    const live = await run(t, {});
    const lines = (batch: string) => count(db(t), `SELECT count(*) FROM billing_lines WHERE batch_id = '${batchByNumber(db(t), batch)!.id}'`);
    expect(lines(dead.batch)).toBe(3);
    expect(lines(live.batch)).toBe(3);
    // As a crash would leave them: each batch still marked as being recorded, one by a process that is gone.
    runWrite(db(t), (tx) => {
      const mark = tx.prepare('INSERT INTO depuration_recordings (batch_id, pid, started_at) VALUES (?, ?, ?)');
      mark.run(batchByNumber(db(t), dead.batch)!.id, 999_999_999, new Date().toISOString());
      mark.run(batchByNumber(db(t), live.batch)!.id, process.pid, new Date().toISOString());
    });
    expect(listBatches(db(t), 10)).toEqual([]);

    const reopened = createServices({ dbPath: t.dbPath, dataDir: t.dir, backgroundRecovery: false });
    try {
      const d = reopened.db;
      expect(d.prepare('SELECT batch FROM depuration_batches ORDER BY batch').pluck().all()).toEqual([live.batch]);
      expect(count(d, 'SELECT count(*) FROM billing_lines')).toBe(3);
      expect(d.prepare('SELECT pid FROM depuration_recordings').pluck().all()).toEqual([process.pid]);
    } finally {
      await closeServices(reopened);
    }
    expect([dead.batch, live.batch]).toEqual([`DEP-${year}-0001`, `DEP-${year}-0002`]);
    // The removed batch's files went with it; the live one's are there.
    for (const path of Object.values(dead.files)) expect(existsSync(path)).toBe(false);
    for (const path of Object.values(live.files)) expect(existsSync(path)).toBe(true);
    // The number removed below a newer batch is not handed out again: the next one follows the highest.
    runWrite(db(t), (tx) => tx.prepare('DELETE FROM depuration_recordings').run());
    expect((await run(t, {})).batch).toBe(`DEP-${year}-0003`);
  });

  it('is not reported as generated when its batch was removed half-way (a new campaign cleared the records)', async () => {
    const t = await posventaStation();
    // Before the session that completes it: what a campaign start clears, as far as this batch goes.
    const failed = runChangingBefore(t, 4, 'DELETE FROM depuration_recordings');
    await expect(failed).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('se eliminó mientras se registraba') });
    expect(auditEntries(db(t))).toBe(0);
    expect(count(db(t), 'SELECT count(*) FROM depuration_batches')).toBe(0);
    expect(count(db(t), 'SELECT count(*) FROM billing_lines')).toBe(0);
  });
});
