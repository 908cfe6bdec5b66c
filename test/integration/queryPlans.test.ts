import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTA_SQL } from '../../electron/db/actas';
import { CARGA_SQL, REVERSALS_SQL } from '../../electron/db/depuration';
import { openDatabase } from '../../electron/db/open';
import { SEARCH_SQL } from '../../electron/db/search';

// The statements the desk runs on every keystroke and card, held to their indexes: over a
// million-row base a full scan of customers, services or expected items is seconds, not a blink.

const dir = mkdtempSync(join(tmpdir(), 'recupera-plans-'));
const db = openDatabase(join(dir, 'recupera.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plan's steps; parameters are bound with placeholders (the plan does not depend on them). */
function plan(sql: string): string[] {
  const s = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  for (let n = 0; n < 20; n++) {
    try {
      return (s.all(...new Array<string>(n).fill('x')) as Array<{ detail: string }>).map((r) => r.detail);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  throw new Error(`Could not bind the parameters of: ${sql}`);
}

/** No step walks a big table whole, under its name or its alias in the statement. */
function expectNoBigScan(steps: string[], aliases: string[] = []): void {
  const big = ['customers', 'services', 'expected_items', 'handover_items', 'handovers', ...aliases];
  const scans = steps.filter((d) => big.some((t) => d.startsWith(`SCAN ${t} `) || d === `SCAN ${t}`));
  expect(scans, steps.join(' | ')).toEqual([]);
}

describe('search', () => {
  it('finds a customer by identification through the customer_key index', () => {
    const steps = plan(SEARCH_SQL.byIdentification);
    expect(steps.join(' | ')).toMatch(/SEARCH customers USING (COVERING )?INDEX sqlite_autoindex_customers_\d \(customer_key=\?\)/);
    expectNoBigScan(steps);
  });

  it('finds a customer by service number through the service_key index', () => {
    const steps = plan(SEARCH_SQL.byServiceNumber);
    expect(steps.join(' | ')).toMatch(/SEARCH s USING INDEX sqlite_autoindex_services_\d \(service_key=\?\).*SEARCH c USING (COVERING )?INDEX/);
    expectNoBigScan(steps, ['s', 'c']);
  });

  it('finds a customer by serial through the expected items’ serial index', () => {
    const steps = plan(SEARCH_SQL.bySerial);
    expect(steps.join(' | ')).toMatch(/SEARCH i USING INDEX expected_items_serial \(serial_key=\?\)/);
    expectNoBigScan(steps, ['i', 's', 'c']);
  });

  it('finds a customer by phone through its partial index', () => {
    const steps = plan(SEARCH_SQL.byPhone);
    expect(steps.join(' | ')).toMatch(/SEARCH customers USING (COVERING )?INDEX customers_phone \(phone=\?\)/);
    expectNoBigScan(steps);
  });

  it('finds names through the full-text index', () => {
    const steps = plan(SEARCH_SQL.byName);
    expect(steps.join(' | ')).toMatch(/SCAN customers_fts VIRTUAL TABLE INDEX \d+:M/);
    expectNoBigScan(steps);
  });
});

describe('customer card', () => {
  it('reads the customer by id and by rowid', () => {
    expect(plan(SEARCH_SQL.numById).join(' | ')).toMatch(/SEARCH customers USING (COVERING )?INDEX sqlite_autoindex_customers_\d \(id=\?\)/);
    expect(plan(SEARCH_SQL.customers(3)).join(' | ')).toMatch(/SEARCH customers USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

  it('reads the services by customer and their items by service, each item’s acta by index', () => {
    const services = plan(SEARCH_SQL.services(2));
    expect(services.join(' | ')).toMatch(/SEARCH services USING INDEX services_customer \(customer_id=\?\)/);
    expectNoBigScan(services);
    const items = plan(SEARCH_SQL.items(3));
    expect(items.join(' | ')).toMatch(/SEARCH i USING INDEX sqlite_autoindex_expected_items_\d \(service_id=\?\)/);
    expect(items.join(' | ')).toMatch(/SEARCH hi USING INDEX handover_items_expected \(expected_item_id=\?\)/);
    expect(items.join(' | ')).toMatch(/SEARCH v USING COVERING INDEX sqlite_autoindex_handover_voids_\d \(handover_id=\?\)/);
    expectNoBigScan(items, ['i', 'hi', 'h']);
  });
});

describe('actas', () => {
  it('lists a customer’s actas through the customer index', () => {
    const steps = plan(ACTA_SQL.ofCustomer);
    expect(steps.join(' | ')).toMatch(/SEARCH h USING INDEX handovers_customer \(customer_id=\?\)/);
    expectNoBigScan(steps, ['h', 'hi']);
  });

  it('lists a station’s actas of some days through the delivery-date range, in its order', () => {
    for (const sql of [ACTA_SQL.ofStationBetween, ACTA_SQL.itemTypesBetween]) {
      const steps = plan(sql);
      expect(steps.join(' | ')).toMatch(/SEARCH h USING INDEX handovers_delivered_at \(delivered_at>\? AND delivered_at<\?\)/);
      expect(steps.join(' | ')).toMatch(/SEARCH hi USING (COVERING )?INDEX handover_items_handover \(handover_id=\?\)/);
      expectNoBigScan(steps, ['h', 'hi']);
    }
    expect(plan(ACTA_SQL.ofStationBetween).join(' | ')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});

describe('depuración billing', () => {
  // Both read every service once; what each item was billed must be an index probe, not a walk of billing_lines.
  it('checks each item’s charges and reversals through billing_lines_item, services scanned once in base order, no sort', () => {
    for (const sql of [CARGA_SQL, REVERSALS_SQL]) {
      const steps = plan(sql);
      const text = steps.join(' | ');
      expect(steps.filter((d) => d.startsWith('SCAN')), text).toEqual(['SCAN s']);
      expect(text).toMatch(/SEARCH e USING INDEX sqlite_autoindex_expected_items_2 \(service_id=\?\)/);
      expect(text).toMatch(/SEARCH (c|oc) USING INDEX billing_lines_item \(expected_item_id=\? AND kind=\?\)/);
      expect(text).toMatch(/SEARCH r USING INDEX billing_lines_item \(expected_item_id=\? AND kind=\?\)/);
      expect(text).toMatch(/SEARCH x USING INDEX billing_lines_item \(expected_item_id=\?\)/);
      expect(text).not.toMatch(/TEMP B-TREE/);
    }
    expect(plan(REVERSALS_SQL).join(' | ')).toMatch(/SEARCH x USING INDEX billing_lines_service \(service_id=\?\)/);
  });
});
