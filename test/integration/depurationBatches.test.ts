import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncOverview } from '../../shared/contracts/sync';
import { call } from '../../electron/handlers/call';
import { runWrite } from '../../electron/db/writeSession';
import { admin, testApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = admin;
});
afterEach(async () => {
  await t.close();
});

const FILES = { baseDepurada: 'a.xlsx', cargaValores: 'b.xlsx', comunicaciones: 'c.xlsx' };
const ROWS = { baseDepurada: 3, cargaValores: 2, reversals: 0, comunicaciones: 1 };

function recordBatch(batch: string, createdAt: string, counts: Record<string, unknown>): void {
  runWrite(t.ctx.app.db, (tx) =>
    tx
      .prepare('INSERT INTO depuration_batches (id, batch, origin_station, user_id, created_at, counts, files) VALUES (?, ?, ?, NULL, ?, ?, ?)')
      .run(batch, batch, 'UIO-INAQUITO-01', createdAt, JSON.stringify({ ...counts, rows: ROWS }), JSON.stringify({ files: FILES, sha256: FILES })),
  );
}

describe('depuración batches in the overview', () => {
  it('reads the total in cents, also from batches recorded when it was kept in dollars', async () => {
    const counts = { pending: 2, partial: 1, delivered: 0, regularized: 0, inReview: 0 };
    recordBatch('DEP-2025-0001', '2025-03-01T10:00:00.000Z', { ...counts, chargeTotal: 45.1 });
    recordBatch('DEP-2025-0002', '2025-03-02T10:00:00.000Z', { ...counts, chargeTotalCents: 5100 });
    const r = await call(t.ctx, syncOverview, {});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.batches.map((b) => [b.batch, b.counts.chargeTotalCents, b.rows])).toEqual([
      ['DEP-2025-0002', 5100, ROWS],
      ['DEP-2025-0001', 4510, ROWS],
    ]);
  });
});
