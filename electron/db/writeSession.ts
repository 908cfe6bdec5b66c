import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db, Tx } from './open';
import { storeServiceStatus } from './serviceStatus';
import { stmt } from './stmt';

/** What one write session has done so far that must be settled before it commits. */
interface SessionState {
  /** Customers with a larger `num` were inserted by this session: their names go into the index. */
  firstNewCustomerNum: number;
  /** Services whose facts (items expected or returned, backups) changed: statuses to recompute. */
  touched: Set<string>;
  /** Services this session created: their status is the default until something else touches them. */
  created: Set<string>;
  afterCommit: Array<() => void>;
  depth: number;
}

const sessions = new WeakMap<Database.Database, SessionState>();
/** Connections whose writes go ahead of long jobs' (the main process's): see deskGate.ts. */
const gates = new WeakMap<Database.Database, WriteGate>();

/** What a prioritised connection tells the jobs: a write is coming, and it is over (and whether it was a person's work). */
export interface WriteGate {
  enter(): void;
  leave(deskWork: boolean): void;
}

/** Makes every write session on `db` announce itself to the jobs first. */
export function giveWritePriority(db: Db, gate: WriteGate): void {
  gates.set(db, gate);
}

function stateOf(tx: Tx): SessionState {
  const s = sessions.get(tx);
  if (!s) throw new Error('Repository write outside a write session (use runWrite).');
  return s;
}

/** Marks a service whose returned items, voids or backups changed: its status is recomputed before commit. */
export function touchService(tx: Tx, serviceId: string): void {
  stateOf(tx).touched.add(serviceId);
}

/**
 * Marks a service whose expected items changed. A service created in this same session needs no
 * recomputation for that alone (a new service is PENDIENTE until something is returned for it).
 */
export function touchServiceItems(tx: Tx, serviceId: string): void {
  const s = stateOf(tx);
  if (!s.created.has(serviceId)) s.touched.add(serviceId);
}

/** Records a service inserted by this session (see touchServiceItems). */
export function markServiceCreated(tx: Tx, serviceId: string): void {
  stateOf(tx).created.add(serviceId);
}

/** Runs `fn` once the session's transaction has committed (files to remove, caches to drop). */
export function afterCommit(tx: Tx, fn: () => void): void {
  stateOf(tx).afterCommit.push(fn);
}

/** How many services the open session will recompute; for jobs that report what they did. */
export function touchedCount(tx: Tx): number {
  return stateOf(tx).touched.size;
}

function maxCustomerNum(db: Database.Database): number {
  return (stmt(db as Tx, 'SELECT coalesce(max(num), 0) FROM customers').pluck().get() as number) ?? 0;
}

/** Before commit: what every writer would otherwise have to remember. */
function settle(tx: Tx, s: SessionState): void {
  stmt(tx, 'INSERT INTO customers_fts(rowid, name) SELECT num, name FROM customers WHERE num > ?').run(s.firstNewCustomerNum);
  const now = new Date().toISOString();
  for (const id of s.touched) storeServiceStatus(tx, id, now);
}

export interface WriteOptions {
  /**
   * False for a write no one at the desk is doing (the job table's own records): it still goes
   * ahead of the jobs, but does not tell them a clerk is saving, which would keep their write
   * sessions short (and an import slower) for nothing.
   */
  deskWork?: boolean;
}

/**
 * The one way to write: an IMMEDIATE transaction in which repositories record what they touched;
 * before it commits, new customers' names are indexed for search and the touched services'
 * statuses recomputed. A session opened inside another on the same connection joins it.
 * The connection is query-only outside sessions, so a stray write fails loudly.
 */
export function runWrite<T>(db: Db, fn: (tx: Tx) => T, opts: WriteOptions = {}): T {
  const tx = db as unknown as Tx;
  const open = sessions.get(db);
  if (open) {
    open.depth++;
    try {
      return fn(tx);
    } finally {
      open.depth--;
    }
  }
  const queryOnly = db.pragma('query_only', { simple: true }) === 1;
  if (queryOnly) db.pragma('query_only = OFF');
  let state: SessionState | null = null;
  const gate = gates.get(db);
  gate?.enter();
  try {
    db.exec('BEGIN IMMEDIATE');
    state = { firstNewCustomerNum: maxCustomerNum(db), touched: new Set(), created: new Set(), afterCommit: [], depth: 1 };
    sessions.set(db, state);
    let value: T;
    try {
      value = fn(tx);
      if (value instanceof Promise) throw new Error('runWrite takes a synchronous function: a transaction must not wait.');
      settle(tx, state);
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    for (const f of state.afterCommit) f();
    return value;
  } finally {
    gate?.leave(opts.deskWork ?? true);
    sessions.delete(db);
    if (queryOnly) db.pragma('query_only = ON');
  }
}

/** Whether a write session is open on this connection (for assertions in repositories and tests). */
export function inWriteSession(db: Db | Tx): boolean {
  return sessions.has(db);
}
