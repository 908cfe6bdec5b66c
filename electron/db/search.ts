import type { Cents } from '../../shared/money';
import type { ServiceStatus } from '../../shared/status';
import type { ReadDb } from './open';
import { serviceChargedByBatch } from './depuration';
import { stmt } from './stmt';

// The lookups behind the search box and the customer card: every one goes through an index
// (test/integration/queryPlans.test.ts holds them to it), because the base has a million rows.

/**
 * An expected item's acta, when one that is not voided took it: by its line, or by its serial on
 * the same service (an item the clerk added by hand), the depuración's rule for an item no longer owed.
 */
const RETURNED_IN = `coalesce(
  (SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
    WHERE hi.expected_item_id = i.id AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) LIMIT 1),
  (SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
    WHERE i.serial_key IS NOT NULL AND hi.serial_key = i.serial_key AND hi.service_id = i.service_id
      AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) LIMIT 1))`;

function placeholders(n: number): string {
  return new Array(n).fill('?').join(',');
}

/**
 * How many names the shortest-first lookup orders at most: every name that starts with the typed
 * words when fewer do (all but a handful of phrases, such as «DE LA»), the first ones in index
 * order when more do, so the cost stays bounded however common the phrase.
 */
export const SHORTEST_POOL = 500;

/** The statements, named, so the query-plan test checks exactly what search runs. */
export const SEARCH_SQL = {
  byIdentification: 'SELECT num FROM customers WHERE customer_key = ?',
  byServiceNumber: 'SELECT c.num FROM services s JOIN customers c ON c.id = s.customer_id WHERE s.service_key = ?',
  bySerial: `SELECT c.num FROM expected_items i JOIN services s ON s.id = i.service_id JOIN customers c ON c.id = s.customer_id
         WHERE i.serial_key = ? LIMIT 50`,
  byPhone: 'SELECT num FROM customers WHERE phone = ? LIMIT 50',
  byName: 'SELECT rowid AS num, name FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?',
  /**
   * Shortest first, so the name that is exactly the phrase leads. Only the first SHORTEST_POOL
   * matches are ordered: `ORDER BY rank` (bm25) counted every match of the phrase for its weight
   * and read every match's size before its LIMIT, and a phrase as common as «DE LA» (twelve
   * thousand names of a million-row base) made that 15 ms.
   */
  byNameShortest: `SELECT num, name FROM (
      SELECT rowid AS num, name FROM customers_fts WHERE customers_fts MATCH ? LIMIT ${SHORTEST_POOL}
    ) ORDER BY length(name), num LIMIT ?`,
  numById: 'SELECT num FROM customers WHERE id = ?',
  customers: (n: number) => `SELECT num, id, identification, id_type, name, phone, email FROM customers WHERE num IN (${placeholders(n)})`,
  /** `charged_in_batch`: a charge Recupera sent billing stands on one of its items (depuration.ts), whatever the base says. */
  services: (n: number) => `SELECT id, customer_id, service_number, business_line, cancel_date, status, status_reason, charges_loaded, paid, claim,
              in_base, regional, province, city,
              ${serviceChargedByBatch('services.id')} AS charged_in_batch
       FROM services WHERE customer_id IN (${placeholders(n)}) ORDER BY cancel_date, service_number`,
  items: (n: number) => `SELECT i.id, i.service_id, i.equipment_type, i.brand, i.model, i.serial, i.value_cents, ${RETURNED_IN} AS returned_in
         FROM expected_items i WHERE i.service_id IN (${placeholders(n)}) ORDER BY i.source_row, i.rowid`,
  /**
   * Items actas (not voided) took on these services that the base did not list (not even by serial).
   * The `+` keeps SQLite off the expected-item index: every station's unlisted items share its NULL.
   */
  unlisted: (n: number) => `SELECT hi.id, hi.service_id, hi.equipment_type, hi.brand, hi.model, hi.serial, h.acta_number AS returned_in
         FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
         WHERE hi.service_id IN (${placeholders(n)}) AND +hi.expected_item_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)
           AND NOT EXISTS (SELECT 1 FROM expected_items e WHERE e.serial_key = hi.serial_key AND e.service_id = hi.service_id)
         ORDER BY h.acta_number, hi.rowid`,
} as const;

const nums = (db: ReadDb, sql: string, ...args: unknown[]) => stmt(db, sql).pluck().all(...args) as number[];

export const customerNumsByIdentification = (db: ReadDb, key: string): number[] => nums(db, SEARCH_SQL.byIdentification, key);
export const customerNumsByServiceKey = (db: ReadDb, key: string): number[] => nums(db, SEARCH_SQL.byServiceNumber, key);
export const customerNumsBySerialKey = (db: ReadDb, key: string): number[] => nums(db, SEARCH_SQL.bySerial, key);
export const customerNumsByPhone = (db: ReadDb, phone: string): number[] => nums(db, SEARCH_SQL.byPhone, phone);

/** Names matching an FTS5 query, at most `cap` of them. */
export function customerNamesMatching(db: ReadDb, match: string, cap: number): Array<{ num: number; name: string }> {
  return stmt(db, SEARCH_SQL.byName).all(match, cap) as Array<{ num: number; name: string }>;
}

/** Names matching an FTS5 query, shortest first among its first SHORTEST_POOL matches, at most `cap` of them. */
export function customerNamesShortest(db: ReadDb, match: string, cap: number): Array<{ num: number; name: string }> {
  return stmt(db, SEARCH_SQL.byNameShortest).all(match, cap) as Array<{ num: number; name: string }>;
}

export function customerNumById(db: ReadDb, id: string): number | undefined {
  return stmt(db, SEARCH_SQL.numById).pluck().get(id) as number | undefined;
}

export interface CustomerRow {
  num: number;
  id: string;
  identification: string | null;
  id_type: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface ServiceRow {
  id: string;
  customer_id: string;
  service_number: string;
  business_line: string | null;
  cancel_date: string | null;
  status: ServiceStatus;
  status_reason: string | null;
  charges_loaded: number;
  charged_in_batch: number;
  paid: number;
  claim: number;
  in_base: number;
  regional: string | null;
  province: string | null;
  city: string | null;
}

export interface ItemRow {
  id: string;
  service_id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  value_cents: Cents | null;
  returned_in: string | null;
}

export function customersByNums(db: ReadDb, nums: number[]): CustomerRow[] {
  return nums.length ? (stmt(db, SEARCH_SQL.customers(nums.length)).all(...nums) as CustomerRow[]) : [];
}

/** The services of these customers, oldest cancellation first. */
export function servicesOfCustomers(db: ReadDb, customerIds: string[]): ServiceRow[] {
  return customerIds.length ? (stmt(db, SEARCH_SQL.services(customerIds.length)).all(...customerIds) as ServiceRow[]) : [];
}

/** The expected items of these services in base order, each with the acta that took it, if any. */
export function expectedItemsOfServices(db: ReadDb, serviceIds: string[]): ItemRow[] {
  return serviceIds.length ? (stmt(db, SEARCH_SQL.items(serviceIds.length)).all(...serviceIds) as ItemRow[]) : [];
}

export interface UnlistedRow {
  id: string;
  service_id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  returned_in: string;
}

/** What actas took on these services beyond the base's list, in acta order. */
export function unlistedItemsOfServices(db: ReadDb, serviceIds: string[]): UnlistedRow[] {
  return serviceIds.length ? (stmt(db, SEARCH_SQL.unlisted(serviceIds.length)).all(...serviceIds) as UnlistedRow[]) : [];
}
