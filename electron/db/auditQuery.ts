import type { AuditRecord } from './audit';
import type { ReadDb } from './open';
import { stmt } from './stmt';

/**
 * Reading the audit log for people: the Auditoría screen's pages, its export and `auditoria`.
 * Only the filters given become conditions, so each combination gets its own statement and the
 * planner its index (by time, user name, action, customer or station); pages walk the time index
 * backwards, newest first, never sorting the log.
 */
export interface AuditQuery {
  /** ISO instants: `at >= fromAt` and `at < toAt`. */
  fromAt?: string;
  toAt?: string;
  /** Case-insensitive, as typed at sign-in. */
  username?: string;
  action?: string;
  /** Entries naming one of these customer ids (this PC's and offices' ids of the same customers). */
  customerIds?: string[];
  /** Only this station's entries. */
  station?: string;
}

/** What the screen and the export read of an entry: everything but the hashes and who recorded it when. */
export type AuditRow = Omit<AuditRecord, 'user_id' | 'prev_hash' | 'hash' | 'recorded_at'>;

const COLUMNS = 'seq, id, station_code, station_seq, at, username, user_name, role, action, target_kind, target_id, customer_id, description, detail';

function where(q: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.station !== undefined) {
    conditions.push('station_code = @station');
    params.station = q.station;
  }
  if (q.fromAt !== undefined) {
    conditions.push('at >= @fromAt');
    params.fromAt = q.fromAt;
  }
  if (q.toAt !== undefined) {
    conditions.push('at < @toAt');
    params.toAt = q.toAt;
  }
  if (q.username !== undefined) {
    conditions.push('username = @username COLLATE NOCASE');
    params.username = q.username;
  }
  if (q.action !== undefined) {
    conditions.push('action = @action');
    params.action = q.action;
  }
  if (q.customerIds !== undefined) {
    conditions.push('customer_id IN (SELECT value FROM json_each(@customerIds))');
    params.customerIds = JSON.stringify(q.customerIds);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** The statement of one page (exported for the plan test). */
export function auditPageSql(q: AuditQuery): string {
  return `SELECT ${COLUMNS} FROM audit_log ${where(q).sql} ORDER BY at DESC, seq DESC LIMIT @limit OFFSET @offset`;
}

/** One page, newest first. */
export function auditPage(db: ReadDb, q: AuditQuery, limit: number, offset: number): AuditRow[] {
  const w = where(q);
  return stmt(db, auditPageSql(q)).all({ ...w.params, limit, offset }) as AuditRow[];
}

/**
 * The entries after `after` (newest first), `limit` at a time: the export reads the whole selection
 * in short reads, so the connection is never held by a statement while the workbook is written.
 */
export function auditBatch(db: ReadDb, q: AuditQuery, after: { at: string; seq: number } | null, limit: number): AuditRow[] {
  const w = where(q);
  const keyset = after ? `${w.sql ? `${w.sql} AND` : 'WHERE'} (at < @afterAt OR (at = @afterAt AND seq < @afterSeq))` : w.sql;
  return stmt(db, `SELECT ${COLUMNS} FROM audit_log ${keyset} ORDER BY at DESC, seq DESC LIMIT @limit`).all({
    ...w.params,
    ...(after ? { afterAt: after.at, afterSeq: after.seq } : {}),
    limit,
  }) as AuditRow[];
}

/** Station codes a filter may name: this PC's first, then every other station it knows. */
export function auditStations(db: ReadDb): string[] {
  return stmt(db, 'SELECT code FROM stations ORDER BY is_local DESC, code').pluck().all() as string[];
}

/**
 * Every customer id entries may name for these customers of this PC: their own ids and the ids
 * offices gave them (learned when the offices' entries arrived).
 */
export function auditCustomerIds(db: ReadDb, localIds: string[]): string[] {
  if (localIds.length === 0) return [];
  const others = stmt(
    db,
    `SELECT k.customer_id FROM customers c JOIN audit_customer_keys k ON k.customer_key = c.customer_key
     WHERE c.id IN (SELECT value FROM json_each(?))`,
  )
    .pluck()
    .all(JSON.stringify(localIds)) as string[];
  return [...new Set([...localIds, ...others])];
}
