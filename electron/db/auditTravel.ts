import { AUDIT_GENESIS, auditHash, chainHead, insertAuditEntry, type AuditEntry } from './audit';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/**
 * An office's audit entries on their way to the central: which the next package carries, and how
 * the central takes them — only as the continuation of the chain it already holds for that office.
 */

/** The last entry of its own chain an earlier export of this station carried (0: none yet). */
export function lastExportedAuditSeq(db: ReadDb, station: string): number {
  const n = stmt(
    db,
    `SELECT max(CAST(json_extract(summary, '$.auditThrough') AS INTEGER)) FROM sync_packages
     WHERE direction = 'EXPORT' AND station_code = ? AND json_valid(summary)`,
  )
    .pluck()
    .get(station) as number | null;
  return n ?? 0;
}

/** The customer key behind each of these customer ids of this PC (ids unknown here are left out). */
export function customerKeysOfIds(db: ReadDb, ids: string[]): Record<string, string> {
  if (ids.length === 0) return {};
  const rows = stmt(db, 'SELECT id, customer_key FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Array<{
    id: string;
    customer_key: string;
  }>;
  return Object.fromEntries(rows.map((r) => [r.id, r.customer_key]));
}

/** Remembers which customer an office's id names, so its entries are found by customer here. */
export function rememberCustomerKeys(tx: Tx, keys: Record<string, string>): void {
  const ins = stmt(tx, 'INSERT OR IGNORE INTO audit_customer_keys (customer_id, customer_key) VALUES (?, ?)');
  for (const [id, key] of Object.entries(keys)) ins.run(id, key);
}

/** The hash of a station's entry number `seq` here, or null when it is not here. */
export function auditHashAt(db: ReadDb, station: string, seq: number): string | null {
  return (stmt(db, 'SELECT hash FROM audit_log WHERE station_code = ? AND station_seq = ?').pluck().get(station, seq) as string | undefined) ?? null;
}

/** Why an entry cannot be taken as the next of its station's chain here. */
export type ChainStop =
  | { kind: 'differs'; stationSeq: number }
  | { kind: 'gap'; expected: number; stationSeq: number }
  | { kind: 'broken'; stationSeq: number }
  | { kind: 'altered'; stationSeq: number };

/**
 * Appends an office's entries (one station's, in chain order) to the chain held here, inside the
 * caller's write session. An entry already here with the same hash is skipped (a package sent
 * twice); anything that does not continue the chain exactly stops the walk and nothing after it is
 * stored: an entry here is never replaced.
 */
export function appendStationEntries(tx: Tx, station: string, entries: AuditEntry[]): { inserted: number; skipped: number; stop: ChainStop | null } {
  let inserted = 0;
  let skipped = 0;
  for (const e of entries) {
    const here = auditHashAt(tx, station, e.stationSeq);
    if (here !== null) {
      if (here !== e.hash) return { inserted, skipped, stop: { kind: 'differs', stationSeq: e.stationSeq } };
      skipped++;
      continue;
    }
    const head = chainHead(tx, station);
    const expected = (head?.stationSeq ?? 0) + 1;
    if (e.stationSeq !== expected) return { inserted, skipped, stop: { kind: 'gap', expected, stationSeq: e.stationSeq } };
    if (e.prevHash !== (head?.hash ?? AUDIT_GENESIS)) return { inserted, skipped, stop: { kind: 'broken', stationSeq: e.stationSeq } };
    const { hash, ...body } = e;
    if (auditHash(body) !== hash) return { inserted, skipped, stop: { kind: 'altered', stationSeq: e.stationSeq } };
    insertAuditEntry(tx, e);
    inserted++;
  }
  return { inserted, skipped, stop: null };
}
