import type { Db } from './open';

export function maxCustomerNum(db: Db): number {
  return (db.prepare('SELECT coalesce(max(num), 0) FROM customers').pluck().get() as number) ?? 0;
}

/**
 * Adds the names of customers inserted after `afterNum` to the full-text index. Every code path
 * that inserts customers calls this before committing (updates and deletes are kept by triggers).
 */
export function indexNewCustomers(db: Db, afterNum: number): void {
  db.prepare('INSERT INTO customers_fts(rowid, name) SELECT num, name FROM customers WHERE num > ?').run(afterNum);
}
