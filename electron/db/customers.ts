import type { ServiceStatus } from '../../shared/status';
import type { ReadDb, Tx } from './open';
import { markServiceCreated } from './writeSession';
import { stmt } from './stmt';

// Customers and their services. Inserted customers are indexed for search by the write session.

export interface CustomerHolder {
  id: string;
  identification: string | null;
  name: string | null;
}

export function customerById(db: ReadDb, id: string): CustomerHolder | null {
  return (stmt(db, 'SELECT id, identification, name FROM customers WHERE id = ?').get(id) as CustomerHolder | undefined) ?? null;
}

/** The customer with this normalised identification (`customer_key`). */
export function customerByKey(db: ReadDb, key: string): { id: string; name: string | null } | null {
  return (stmt(db, 'SELECT id, name FROM customers WHERE customer_key = ?').get(key) as { id: string; name: string | null } | undefined) ?? null;
}

export function insertCustomer(
  tx: Tx,
  c: { id: string; originStation: string; key: string; identification: string; idType: string | null; name: string; now: string },
): void {
  stmt(
    tx,
    `INSERT INTO customers (id, origin_station, customer_key, identification, id_type, name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.originStation, c.key, c.identification, c.idType, c.name, c.now, c.now);
}

/** How big the loaded base is, for the home screen. */
export function baseCounts(db: ReadDb): { customers: number; services: number; items: number } {
  const n = (sql: string) => stmt(db, sql).pluck().get() as number;
  return {
    customers: n('SELECT count(*) FROM customers'),
    services: n('SELECT count(*) FROM services'),
    items: n('SELECT count(*) FROM expected_items'),
  };
}

export interface ServiceByKey {
  id: string;
  in_base: number;
  customer_id: string;
  name: string | null;
}

/** The service with this normalised number (`service_key`), with its customer's name. */
export function serviceByKey(db: ReadDb, key: string): ServiceByKey | null {
  return (
    (stmt(db, 'SELECT s.id, s.in_base, c.id AS customer_id, c.name FROM services s JOIN customers c ON c.id = s.customer_id WHERE s.service_key = ?').get(
      key,
    ) as ServiceByKey | undefined) ?? null
  );
}

export function serviceOwner(db: ReadDb, id: string): { service_number: string; customer_id: string; status: ServiceStatus } | null {
  return (
    (stmt(db, 'SELECT service_number, customer_id, status FROM services WHERE id = ?').get(id) as
      | { service_number: string; customer_id: string; status: ServiceStatus }
      | undefined) ?? null
  );
}

export function servicesOfCustomer(db: ReadDb, customerId: string): Array<{ id: string; business_line: string | null; status: string }> {
  return stmt(db, 'SELECT id, business_line, status FROM services WHERE customer_id = ?').all(customerId) as Array<{
    id: string;
    business_line: string | null;
    status: string;
  }>;
}

/** A service the base does not list, recorded at the desk (an out-of-base handover). */
export function insertOutOfBaseService(
  tx: Tx,
  s: { id: string; originStation: string; customerId: string; serviceNumber: string; key: string; businessLine: string | null; businessLineRaw: string | null; now: string },
): void {
  stmt(
    tx,
    `INSERT INTO services (id, origin_station, customer_id, service_number, service_key, business_line, business_line_raw, in_base, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(s.id, s.originStation, s.customerId, s.serviceNumber, s.key, s.businessLine, s.businessLineRaw, s.now, s.now);
  markServiceCreated(tx, s.id);
}
