import type Database from 'better-sqlite3-multiple-ciphers';
import type { ReadDb } from './open';

const caches = new WeakMap<ReadDb, Map<string, Database.Statement>>();

/** Prepares once per connection: hot paths (search, card) reuse compiled statements. */
export function stmt(db: ReadDb, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
