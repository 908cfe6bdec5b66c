import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTA_SQL } from '../../electron/db/actas';
import { CARGA_SQL, DEPURATION_SQL, REVERSALS_SQL } from '../../electron/db/depuration';
import { applyBaseRange, applyHandoverRange, applyUpdateFinish, applyUpdatePrelude, attachUpdate, detachUpdate, emptyChanges, indexUpdateItems, updateRangeEnd } from '../../electron/db/nationalUpdateApply';
import { renumberedActas } from '../../electron/db/nationalUpdateRecords';
import { openUpdateData } from '../../electron/db/nationalUpdateExport';
import { openTestDatabase } from '../helpers/encryptedDb';
import type { StationKeyRow } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { SEARCH_SQL, SHORTEST_POOL } from '../../electron/db/search';

// The statements the desk runs on every keystroke and card, held to their indexes: over a
// million-row base a full scan of customers, services or expected items is seconds, not a blink.

const dir = mkdtempSync(join(tmpdir(), 'recupera-plans-'));
const db = openTestDatabase(join(dir, 'recupera.sqlite'));
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
    for (const sql of [SEARCH_SQL.byName, SEARCH_SQL.byNameShortest]) {
      const steps = plan(sql);
      expect(steps.join(' | ')).toMatch(/SCAN customers_fts VIRTUAL TABLE INDEX \d+:M/);
      expectNoBigScan(steps);
    }
  });

  it('orders names shortest first within a bounded pool, never ranking every match of the phrase', () => {
    const steps = plan(SEARCH_SQL.byNameShortest);
    const fts = steps.find((d) => d.startsWith('SCAN customers_fts VIRTUAL TABLE'));
    // FTS5's index number carries 32 when it sorts by rank itself: bm25 over every match first.
    expect(Number(/INDEX (\d+):/.exec(fts ?? '')?.[1] ?? 32) & 32, steps.join(' | ')).toBe(0);
    expect(steps.some((d) => /^(CO-ROUTINE|MATERIALIZE)/.test(d)), steps.join(' | ')).toBe(true);
    expect(SEARCH_SQL.byNameShortest).toContain(`LIMIT ${SHORTEST_POOL}`);
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
    // Whether a charge Recupera sent stands on one of its items: the service's billing lines, by index.
    expect(services.join(' | ')).toMatch(/SEARCH c USING INDEX billing_lines_service \(service_id=\?\)/);
    expectNoBigScan(services);
    const items = plan(SEARCH_SQL.items(3));
    expect(items.join(' | ')).toMatch(/SEARCH i USING INDEX sqlite_autoindex_expected_items_\d \(service_id=\?\)/);
    expect(items.join(' | ')).toMatch(/SEARCH hi USING INDEX handover_items_expected \(expected_item_id=\?\)/);
    expect(items.join(' | ')).toMatch(/SEARCH v USING COVERING INDEX sqlite_autoindex_handover_voids_\d \(handover_id=\?\)/);
    expectNoBigScan(items, ['i', 'hi', 'h']);
  });

  it('finds an item taken by its serial, and the items the base did not list, by index', () => {
    const items = plan(SEARCH_SQL.items(3)).join(' | ');
    expect(items).toMatch(/SEARCH hi USING INDEX handover_items_(serial \(serial_key=\?\)|service \(service_id=\?\))/);
    expect(items).not.toMatch(/SCAN hi/);
    const unlisted = plan(SEARCH_SQL.unlisted(3));
    expect(unlisted.join(' | ')).toMatch(/SEARCH hi USING INDEX handover_items_service \(service_id=\?\)/);
    expectNoBigScan(unlisted, ['hi', 'h', 'e']);
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
    for (const sql of [DEPURATION_SQL, CARGA_SQL, REVERSALS_SQL]) {
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

/** Every statement the apply runs on the attached update (`u`) or its temporary tables, with its plan, taken as it is prepared. */
function applyPlans(): Array<{ sql: string; steps: Array<{ detail: string; correlated: boolean }> }> {
  const path = join(dir, 'actualizacion.sqlite');
  openUpdateData(path, db).close();
  const seen: Array<{ sql: string; steps: Array<{ detail: string; correlated: boolean }> }> = [];
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  const explain = (sql: string) => {
    if (!/\bu\.|\bu_h\b|\bu_r\b|\bu_aff\b/.test(sql) || /^\s*(CREATE|DROP)\b/i.test(sql)) return;
    const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], 'x']));
    const s = prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const rows = (Object.keys(named).length ? s.all(named) : s.all(...new Array<string>((sql.match(/\?/g) ?? []).length).fill('x'))) as Array<{ id: number; parent: number; detail: string }>;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const inCorrelated = (r: { parent: number }): boolean => {
      const up = byId.get(r.parent);
      return !!up && (up.detail.startsWith('CORRELATED') || inCorrelated(up));
    };
    seen.push({ sql, steps: rows.map((r) => ({ detail: r.detail, correlated: inCorrelated(r) })) });
  };
  db.prepare = ((sql: string) => {
    explain(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  // exec'd scripts are planned and run one statement at a time, each after the temporary tables it reads exist (the trigger script plans nothing).
  db.exec = ((sql: string) => {
    if (/TRIGGER/.test(sql)) return exec(sql);
    for (const one of sql.split(/;\s*\n/).map((x) => x.trim().replace(/;$/, '')).filter(Boolean)) {
      explain(one);
      exec(one);
    }
    return db;
  }) as typeof db.exec;
  const station = (code: string, role: 'OFICINA' | 'CENTRAL'): StationKeyRow => ({ id: code, code, office: code, regional: null, city: null, role, public_key: null, fingerprint: null, enrolled_at: null, is_local: role === 'OFICINA' ? 1 : 0, encryption_key: null });
  indexUpdateItems(db, path);
  attachUpdate(db, path);
  try {
    // Every statement of every kind of session, once: the first, a range of each table, the last.
    const c = emptyChanges();
    const renumbered = renumberedActas(db);
    updateRangeEnd(db, 'customers', 0, 100);
    runWrite(db, (tx) => {
      applyUpdatePrelude(tx, { local: station('UIO-01', 'OFICINA'), renumbered: [...renumbered, 'x'] }, c);
      for (const table of ['customers', 'services', 'expected_items'] as const) applyBaseRange(tx, table, { after: 0, upto: 100 }, 'PV-01', c);
      applyHandoverRange(tx, { after: 0, upto: 100 }, c);
      applyUpdateFinish(tx, c);
    });
  } finally {
    db.prepare = prepare;
    db.exec = exec;
    detachUpdate(db);
  }
  return seen;
}

describe('national update apply', () => {
  // A full update at an office walks the update's rows once; each is matched with the office's by an index (key, UUID, number).
  it('matches every incoming row through an index: no walk of an office table per row, none of its base or actas whole', () => {
    const plans = applyPlans();
    expect(plans.length).toBeGreaterThan(15);
    // The office's respaldos and conflicts may be walked once (a review or a resolution changes rows the update names); never the base nor the actas.
    const big = ['customers', 'services', 'expected_items', 'handovers', 'handover_items', 'backup_services'];
    for (const { sql, steps } of plans) {
      const text = `${steps.map((s) => s.detail).join(' | ')}\n${sql}`;
      expect(steps.filter((s) => s.correlated && s.detail.startsWith('SCAN ')), text).toEqual([]);
      expect(steps.filter((s) => big.some((t) => new RegExp(`^SCAN (main\\.)?${t}( |$)`).test(s.detail))), text).toEqual([]);
      // The update is written a range of actas per session: walking all its items for each range would grow with the square of the actas.
      expect(steps.filter((s) => /^SCAN (u\.)?items\b|^SCAN i\b|AUTOMATIC/.test(s.detail)), text).toEqual([]);
    }
  });
});
