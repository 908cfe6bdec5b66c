import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Cents } from '../../shared/money';
import { openScratchDatabase, type ReadDb } from './open';
import { stmt } from './stmt';

/**
 * The staging database of a base import: a private scratch file where the whole file is read,
 * checked and merged with what the live base already holds, without taking the live database's
 * write lock. Rows the file touches are copied in from the live database on first read
 * (`live = 1`), so the writer's rules see the real records; new rows get new ids (`live = 0`).
 * Applying the stage to the live database is `baseApply.ts`'s job, in short write sessions.
 */

export interface CustomerRec {
  id: string;
  id_type: string | null;
  identification: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  import_id: string | null;
  import_row: number | null;
}

export interface ServiceRec {
  id: string;
  customer_id: string;
  service_number: string;
  business_line: string | null;
  business_line_raw: string | null;
  cancel_date: string | null;
  regional: string | null;
  province: string | null;
  city: string | null;
  charges_loaded: number;
  paid: number;
  claim: number;
  in_base: number;
  /** Whether any acta took items of this service (read with the record, once per service). */
  has_returns: number;
  import_id: string | null;
  import_row: number | null;
  /** 1 when the record came from the live database. */
  live: number;
}

export interface ItemRec {
  id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  value_cents: Cents | null;
  source_row: number | null;
  import_id: string | null;
}

export interface NewCustomer {
  id: string;
  station: string;
  key: string;
  identification: string | null;
  idType: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  importId: string;
  row: number;
  now: string;
}

export type NewService = Omit<ServiceRec, 'has_returns' | 'live'> & { station: string; key: string; now: string };

/** What a base row says of an item, as the stage stores it. */
export interface StagedItemValues {
  type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  serialKey: string | null;
  valueCents: Cents | null;
  row: number;
  importId: string;
  now: string;
}

// The live tables' columns the import owns, plus `live` (and `recheck` for services). No foreign
// keys: the stage is checked by the live database's own constraints when it is applied.
const SCHEMA = `
CREATE TABLE customers (
  num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, origin_station TEXT NOT NULL, customer_key TEXT NOT NULL UNIQUE,
  identification TEXT, id_type TEXT, name TEXT, phone TEXT, email TEXT, import_id TEXT, import_row INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, live INTEGER NOT NULL DEFAULT 0);
CREATE TABLE services (
  num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, origin_station TEXT NOT NULL, customer_id TEXT NOT NULL,
  service_number TEXT NOT NULL, service_key TEXT NOT NULL UNIQUE, business_line TEXT, business_line_raw TEXT, cancel_date TEXT,
  regional TEXT, province TEXT, city TEXT, charges_loaded INTEGER NOT NULL, paid INTEGER NOT NULL, claim INTEGER NOT NULL,
  in_base INTEGER NOT NULL, has_returns INTEGER NOT NULL DEFAULT 0, import_id TEXT, import_row INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, live INTEGER NOT NULL DEFAULT 0, recheck INTEGER NOT NULL DEFAULT 0);
CREATE TABLE expected_items (
  num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, origin_station TEXT NOT NULL, service_id TEXT NOT NULL, line_key TEXT NOT NULL,
  equipment_type TEXT, brand TEXT, model TEXT, serial TEXT, serial_key TEXT, value_cents INTEGER, source_row INTEGER, import_id TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, live INTEGER NOT NULL DEFAULT 0, UNIQUE (service_id, line_key));
CREATE TABLE loose_prints (item_base TEXT NOT NULL, n INTEGER NOT NULL, print INTEGER NOT NULL, PRIMARY KEY (item_base, n)) WITHOUT ROWID;
`;

const CUSTOMER_COLS = 'id, origin_station, customer_key, identification, id_type, name, phone, email, import_id, import_row, created_at, updated_at';
const SERVICE_COLS = `id, origin_station, customer_id, service_number, service_key, business_line, business_line_raw, cancel_date, regional,
  province, city, charges_loaded, paid, claim, in_base, import_id, import_row, created_at, updated_at`;
const ITEM_COLS = `id, origin_station, service_id, line_key, equipment_type, brand, model, serial, serial_key, value_cents, source_row,
  import_id, created_at, updated_at`;

export class BaseStage {
  private readonly s: Database.Database;
  private readonly q;
  /**
   * Whether the live base held no customer when the stage was created (a station's first import):
   * then nothing is looked up there, row by row. A record a clerk creates meanwhile is still
   * matched by its key when the stage is applied (baseApply.ts), as one created after its lookup.
   */
  private readonly liveEmpty: boolean;

  private constructor(
    readonly path: string,
    private readonly live: ReadDb,
  ) {
    rmSync(path, { force: true });
    this.liveEmpty = live.prepare('SELECT 1 FROM customers LIMIT 1').get() === undefined;
    this.s = openScratchDatabase(path, live);
    // A scratch file: if the process dies before it is applied, it is thrown away and read again.
    this.s.pragma('journal_mode = OFF');
    this.s.pragma('synchronous = OFF');
    this.s.pragma('locking_mode = EXCLUSIVE');
    // 16 MB: a larger cache did not make the read faster at a million rows, and it is the bulk of
    // the import's peak memory while the file is read (64 MB: 357 MB peak; 16 MB: 306–313 MB).
    this.s.pragma('cache_size = -16384');
    this.s.exec(SCHEMA);
    const s = this.s;
    this.q = {
      selCustomer: s.prepare('SELECT id, id_type, identification, name, phone, email, import_id, import_row FROM customers WHERE customer_key = ?'),
      insCustomer: s.prepare(`INSERT INTO customers (${CUSTOMER_COLS}, live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insCustomerIfNew: s.prepare(`INSERT INTO customers (${CUSTOMER_COLS}, live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
        ON CONFLICT (customer_key) DO NOTHING`),
      updCustomer: s.prepare('UPDATE customers SET id_type = ?, name = ?, phone = ?, email = ?, import_id = ?, import_row = ?, updated_at = ? WHERE id = ?'),
      touchCustomer: s.prepare('UPDATE customers SET import_id = ?, import_row = ? WHERE id = ?'),
      customerKeyOf: s.prepare('SELECT customer_key FROM customers WHERE id = ?').pluck(),
      selService: s.prepare(
        `SELECT id, customer_id, service_number, business_line, business_line_raw, cancel_date, regional, province, city,
           charges_loaded, paid, claim, in_base, has_returns, import_id, import_row, live FROM services WHERE service_key = ?`,
      ),
      insService: s.prepare(`INSERT INTO services (${SERVICE_COLS}, has_returns, live) VALUES (${'?, '.repeat(20)}?)`),
      insServiceIfNew: s.prepare(`INSERT INTO services (${SERVICE_COLS}, has_returns, live) VALUES (${'?, '.repeat(18)}?, 0, 0)
        ON CONFLICT (service_key) DO NOTHING`),
      updService: s.prepare(
        `UPDATE services SET customer_id = ?, service_number = ?, business_line = ?, business_line_raw = ?, cancel_date = ?, regional = ?,
           province = ?, city = ?, charges_loaded = ?, paid = ?, claim = ?, in_base = 1, import_id = ?, import_row = ?, updated_at = ? WHERE id = ?`,
      ),
      touchService: s.prepare('UPDATE services SET in_base = 1, import_id = ?, import_row = ? WHERE id = ?'),
      recheck: s.prepare('UPDATE services SET recheck = 1 WHERE id = ?'),
      selItem: s.prepare('SELECT id, equipment_type, brand, model, serial, value_cents, source_row, import_id FROM expected_items WHERE service_id = ? AND line_key = ?'),
      insItem: s.prepare(`INSERT INTO expected_items (${ITEM_COLS}, live) VALUES (${'?, '.repeat(14)}?)`),
      updItem: s.prepare(
        `UPDATE expected_items SET equipment_type = ?, brand = ?, model = ?, serial = ?, serial_key = COALESCE(?, serial_key), value_cents = ?,
           source_row = ?, import_id = ?, updated_at = ? WHERE id = ?`,
      ),
      touchItem: s.prepare('UPDATE expected_items SET source_row = ?, import_id = ? WHERE id = ?'),
      // HAVING on the whole group: no row (nothing inserted) when the print is there already.
      addPrint: s.prepare(`INSERT INTO loose_prints (item_base, n, print)
        SELECT @base, coalesce(max(n), 0) + 1, @print FROM loose_prints WHERE item_base = @base
        HAVING NOT EXISTS (SELECT 1 FROM loose_prints WHERE item_base = @base AND print = @print)
        RETURNING n`).pluck(),
    };
    this.s.exec('BEGIN');
  }

  /** A new, empty stage at `path` (an old file there is a leftover and is replaced). */
  static create(path: string, live: ReadDb): BaseStage {
    return new BaseStage(path, live);
  }

  findCustomer(key: string): CustomerRec | null {
    const staged = this.q.selCustomer.get(key) as CustomerRec | undefined;
    if (staged || this.liveEmpty) return staged ?? null;
    const row = stmt(this.live, `SELECT ${CUSTOMER_COLS} FROM customers WHERE customer_key = ?`).get(key) as Record<string, unknown> | undefined;
    if (!row) return null;
    this.q.insCustomer.run(...Object.values(row), 1);
    // The copy holds exactly the live row: reading it back from the stage would be one more statement per row.
    return row as unknown as CustomerRec;
  }

  insertCustomer(r: NewCustomer): void {
    this.q.insCustomer.run(r.id, r.station, r.key, r.identification, r.idType, r.name, r.phone, r.email, r.importId, r.row, r.now, r.now, 0);
  }

  /**
   * Whether records can be inserted first and looked up only when their key is taken: true while
   * the live base held no customer at the start (nothing there to copy in first). For a station's
   * first import, most rows are new, and one statement does what a lookup and an insert did.
   */
  get insertsFirst(): boolean {
    return this.liveEmpty;
  }

  /** Inserts the customer unless its key is staged already; true when it was inserted. Only while `insertsFirst`. */
  insertCustomerIfNew(r: NewCustomer): boolean {
    return this.q.insCustomerIfNew.run(r.id, r.station, r.key, r.identification, r.idType, r.name, r.phone, r.email, r.importId, r.row, r.now, r.now).changes === 1;
  }

  updateCustomer(c: CustomerRec, now: string): void {
    this.q.updCustomer.run(c.id_type, c.name, c.phone, c.email, c.import_id, c.import_row, now, c.id);
  }

  markCustomerRead(id: string, importId: string, row: number): void {
    this.q.touchCustomer.run(importId, row, id);
  }

  customerKeyOf(customerId: string): string | null {
    const staged = this.q.customerKeyOf.get(customerId) as string | undefined;
    if (staged !== undefined || this.liveEmpty) return staged ?? null;
    return (stmt(this.live, 'SELECT customer_key FROM customers WHERE id = ?').pluck().get(customerId) as string | undefined) ?? null;
  }

  findService(key: string): ServiceRec | null {
    const staged = this.q.selService.get(key) as ServiceRec | undefined;
    if (staged || this.liveEmpty) return staged ?? null;
    const row = stmt(
      this.live,
      `SELECT ${SERVICE_COLS}, EXISTS (SELECT 1 FROM handover_items hi WHERE hi.service_id = services.id) AS has_returns
       FROM services WHERE service_key = ?`,
    ).get(key) as Record<string, unknown> | undefined;
    if (!row) return null;
    this.q.insService.run(...Object.values(row), 1);
    return { ...row, live: 1 } as unknown as ServiceRec;
  }

  insertService(s: NewService): void {
    this.q.insService.run(s.id, s.station, s.customer_id, s.service_number, s.key, s.business_line, s.business_line_raw, s.cancel_date,
      s.regional, s.province, s.city, s.charges_loaded, s.paid, s.claim, s.in_base, s.import_id, s.import_row, s.now, s.now, 0, 0);
  }

  /** Inserts the service unless its key is staged already; true when it was inserted. Only while `insertsFirst`. */
  insertServiceIfNew(s: NewService): boolean {
    return this.q.insServiceIfNew.run(s.id, s.station, s.customer_id, s.service_number, s.key, s.business_line, s.business_line_raw, s.cancel_date,
      s.regional, s.province, s.city, s.charges_loaded, s.paid, s.claim, s.in_base, s.import_id, s.import_row, s.now, s.now).changes === 1;
  }

  updateService(n: ServiceRec, now: string): void {
    this.q.updService.run(n.customer_id, n.service_number, n.business_line, n.business_line_raw, n.cancel_date, n.regional, n.province,
      n.city, n.charges_loaded, n.paid, n.claim, n.import_id, n.import_row, now, n.id);
  }

  markServiceRead(id: string, importId: string, row: number): void {
    this.q.touchService.run(importId, row, id);
  }

  /** A service already (partly) returned or recorded outside the base: its status is recomputed when applied. */
  markRecheck(id: string): void {
    this.q.recheck.run(id);
  }

  findItem(service: ServiceRec, lineKey: string): ItemRec | null {
    const staged = this.q.selItem.get(service.id, lineKey) as ItemRec | undefined;
    if (staged) return staged;
    if (service.live !== 1) return null;
    const row = stmt(this.live, `SELECT ${ITEM_COLS} FROM expected_items WHERE service_id = ? AND line_key = ?`).get(service.id, lineKey) as
      | Record<string, unknown>
      | undefined;
    if (!row) return null;
    this.q.insItem.run(...Object.values(row), 1);
    return row as unknown as ItemRec;
  }

  insertItem(i: { id: string; station: string; serviceId: string; lineKey: string } & StagedItemValues): void {
    this.q.insItem.run(i.id, i.station, i.serviceId, i.lineKey, i.type, i.brand, i.model, i.serial, i.serialKey, i.valueCents, i.row, i.importId, i.now, i.now, 0);
  }

  updateItem(id: string, v: StagedItemValues): void {
    this.q.updItem.run(v.type, v.brand, v.model, v.serial, v.serialKey, v.valueCents, v.row, v.importId, v.now, id);
  }

  markItemRead(id: string, row: number, importId: string): void {
    this.q.touchItem.run(row, importId, id);
  }

  /**
   * Records an item without serial met under `itemBase` (service, type, brand and model) with its
   * row's fingerprint: its occurrence under that base (1, 2…), or null when this file listed the
   * same print there already. Kept in the stage, not in memory: a base where most equipment has no
   * serial would otherwise hold one entry per item for the whole read.
   */
  addLoosePrint(itemBase: string, print: number): number | null {
    return (this.q.addPrint.get({ base: itemBase, print }) as number | undefined) ?? null;
  }

  /** Makes the stage durable, so an apply interrupted by a crash can be finished from it. */
  seal(): void {
    this.s.exec('COMMIT');
    this.s.close();
    const fd = openSync(this.path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Drops the stage: a preview, a cancel or a failure leaves nothing behind. */
  discard(): void {
    if (this.s.open) this.s.close();
    rmSync(this.path, { force: true });
  }
}
