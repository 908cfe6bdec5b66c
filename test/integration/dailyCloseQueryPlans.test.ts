import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOSE_SQL } from '../../electron/db/dailyCloses';
import { openTestDatabase } from '../helpers/encryptedDb';

// The cierre del día reads one day of a station's actas: the delivery-date index narrows it to the
// day, items and voids are reached from their acta, whatever the size of the campaign.

const dir = mkdtempSync(join(tmpdir(), 'recupera-close-plans-'));
const db = openTestDatabase(join(dir, 'recupera.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

const bigScan = /SCAN (h|hi|v|handovers|handover_items|handover_voids)\b(?! USING)/;

describe('Cierre del día query plans', () => {
  it('the day’s figures walk the delivery-date index, items by their acta', () => {
    const text = plan(CLOSE_SQL.figures, ['x', 'a', 'z', 'x', 'a', 'z']);
    expect(text.match(/SEARCH h USING INDEX handovers_delivered_at \(delivered_at>\? AND delivered_at<\?\)/g)).toHaveLength(2);
    expect(text).toMatch(/SEARCH hi USING (COVERING )?INDEX handover_items_handover \(handover_id=\?\)/);
    expect(text, text).not.toMatch(bigScan);
  });

  it('the day’s actas per clerk too', () => {
    const text = plan(CLOSE_SQL.actas, ['x', 'a', 'z']);
    expect(text).toMatch(/SEARCH h USING INDEX handovers_delivered_at/);
    expect(text, text).not.toMatch(bigScan);
  });
});
