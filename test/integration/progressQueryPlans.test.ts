import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRESS_SQL } from '../../electron/db/progress';
import { openTestDatabase } from '../helpers/encryptedDb';

// Avance over a central's million-row base: what grows with the actas reaches them through
// indexes; the state of the whole base is one pass over services and one over expected items,
// the honest cost of an aggregate of every row (no index narrows "all of them").

const dir = mkdtempSync(join(tmpdir(), 'recupera-progress-plans-'));
const db = openTestDatabase(join(dir, 'recupera.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string, params: Record<string, unknown> = {}): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
}

const scans = (steps: string[], tables: string[]) => steps.filter((d) => tables.some((t) => d === `SCAN ${t}` || d.startsWith(`SCAN ${t} `)));

describe('Avance query plans', () => {
  it('actas by day and station walk the delivery-date index for the period, items through their acta', () => {
    const steps = plan(PROGRESS_SQL.activity, { from: 'a', to: 'z', station: 'x' });
    expect(steps.join(' | ')).toMatch(/SEARCH h USING INDEX handovers_delivered_at \(delivered_at>\? AND delivered_at<\?\)/);
    expect(steps.join(' | ')).toMatch(/SEARCH hi USING (COVERING )?INDEX handover_items_handover \(handover_id=\?\)/);
    expect(scans(steps, ['h', 'hi', 'e', 'm', 'v', 'handovers', 'handover_items', 'expected_items']), steps.join(' | ')).toEqual([]);
  });

  it('what came back is found from the returned items (by item and by serial), never by walking the expected items', () => {
    const steps = plan(PROGRESS_SQL.returnedByLineType);
    const text = steps.join(' | ');
    expect(text).toMatch(/SEARCH hi USING INDEX handover_items_expected \(expected_item_id>\?\)/);
    expect(text).toMatch(/SEARCH hi USING INDEX handover_items_serial \(serial_key>\?\)/);
    expect(text).toMatch(/SEARCH e USING INDEX expected_items_serial \(serial_key=\?\)/);
    expect(text).toMatch(/SEARCH e USING INDEX sqlite_autoindex_expected_items_\d \(id=\?\)/);
    expect(scans(steps, ['e', 's', 'hi', 'h', 'services', 'expected_items', 'handover_items', 'handovers']), text).toEqual([]);
  });

  it('whether a station has actas is one index search per station, not a walk of the actas', () => {
    const steps = plan(PROGRESS_SQL.stations);
    expect(steps.join(' | ')).toMatch(/SEARCH h USING COVERING INDEX handovers_created \(origin_station=\?\)/);
    expect(scans(steps, ['h', 'handovers']), steps.join(' | ')).toEqual([]);
  });

  it('full scan, honestly: the state of the whole base reads every service once and every expected item once', () => {
    expect(plan(PROGRESS_SQL.servicesByLine)).toContain('SCAN services');
    const items = plan(PROGRESS_SQL.expectedByLineType);
    expect(items).toContain('SCAN e');
    expect(items.join(' | ')).toMatch(/SEARCH s USING INDEX sqlite_autoindex_services_\d \(id=\?\)/);
  });
});
