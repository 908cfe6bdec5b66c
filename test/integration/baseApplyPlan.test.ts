import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BaseStage } from '../../electron/db/baseStage';
import { attachStage, detachStage, UPSERT } from '../../electron/db/baseApply';
import { openTestDatabase } from '../helpers/encryptedDb';

const dir = mkdtempSync(join(tmpdir(), 'recupera-plan-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('applying a stage to the live base', () => {
  it('finds the live service of each item once, not once per place that reads it', () => {
    const db = openTestDatabase(join(dir, 'live.sqlite'));
    const stage = BaseStage.create(join(dir, 'stage.sqlite'), db);
    stage.seal();
    attachStage(db, stage.path);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${UPSERT.items}`).all(1, 10) as Array<{ detail: string }>).map((r) => r.detail);
    detachStage(db);
    db.close();
    // One search of main.services by service_key per item (at 200,000 items, the second was ~400,000 B-tree searches more).
    expect(plan.filter((d) => /sqlite_autoindex_services_2 \(service_key=\?\)/.test(d))).toHaveLength(1);
  });
});
