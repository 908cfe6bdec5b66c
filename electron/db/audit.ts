import { createHash } from 'node:crypto';
import type { AuditActor, AuditEvent } from '../../shared/audit';
import { newId, nowIso } from './ids';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

/** The previous hash of a station's first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** The station code recorded before a station exists (only setup itself can be that early). */
const NO_STATION = 'SIN-ESTACION';

/** One entry as stored and as it travels in a package: every field the hash covers, and the hash. */
export interface AuditEntry {
  id: string;
  stationCode: string;
  stationSeq: number;
  at: string;
  userId: string | null;
  username: string | null;
  userName: string | null;
  role: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  customerId: string | null;
  description: string;
  /** JSON text, exactly as hashed. */
  detail: string | null;
  prevHash: string;
  hash: string;
}

/** A row of audit_log as SQLite returns it. */
export interface AuditRecord {
  seq: number;
  id: string;
  station_code: string;
  station_seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  user_name: string | null;
  role: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  customer_id: string | null;
  description: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
  recorded_at: string;
}

function toEntry(r: AuditRecord): AuditEntry {
  return {
    id: r.id,
    stationCode: r.station_code,
    stationSeq: r.station_seq,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    userName: r.user_name,
    role: r.role,
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    customerId: r.customer_id,
    description: r.description,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** SHA-256 over the previous hash and every field of the entry, in a fixed order (hex). */
export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([
    e.prevHash,
    e.id,
    e.stationCode,
    e.stationSeq,
    e.at,
    e.userId,
    e.username,
    e.userName,
    e.role,
    e.action,
    e.targetKind,
    e.targetId,
    e.customerId,
    e.description,
    e.detail,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function localStationCode(db: ReadDb): string {
  const row = stmt(db, 'SELECT code FROM stations WHERE is_local = 1').get() as { code: string } | undefined;
  return row?.code ?? NO_STATION;
}

/** The last entry of a station's chain, or null when it has none here. */
export function chainHead(db: ReadDb, stationCode: string): { stationSeq: number; hash: string } | null {
  const row = stmt(db, 'SELECT station_seq, hash FROM audit_log WHERE station_code = ? ORDER BY station_seq DESC LIMIT 1').get(stationCode) as
    | { station_seq: number; hash: string }
    | undefined;
  return row ? { stationSeq: row.station_seq, hash: row.hash } : null;
}

/**
 * Appends one entry to this station's chain, inside the caller's write session: the change and its
 * entry commit together or not at all. `actor` null: the system itself (start-up, a timer).
 */
export function recordAudit(tx: Tx, actor: AuditActor | null, event: AuditEvent): AuditEntry {
  const stationCode = localStationCode(tx);
  const head = chainHead(tx, stationCode);
  const body: Omit<AuditEntry, 'hash'> = {
    id: newId(),
    stationCode,
    stationSeq: (head?.stationSeq ?? 0) + 1,
    at: nowIso(),
    userId: actor?.id ?? null,
    username: actor?.username ?? null,
    userName: actor?.fullName ?? null,
    role: actor?.role ?? null,
    action: event.action,
    targetKind: event.targetKind ?? null,
    targetId: event.targetId ?? null,
    customerId: event.customerId ?? null,
    description: event.description,
    detail: event.detail ? JSON.stringify(event.detail) : null,
    prevHash: head?.hash ?? AUDIT_GENESIS,
  };
  const entry: AuditEntry = { ...body, hash: auditHash(body) };
  insertAuditEntry(tx, entry, body.at);
  return entry;
}

/**
 * Stores an entry made elsewhere (an office's, arriving in its package) exactly as it was made;
 * the caller has checked it continues that station's chain here.
 */
export function insertAuditEntry(tx: Tx, e: AuditEntry, recordedAt: string = nowIso()): void {
  stmt(
    tx,
    `INSERT INTO audit_log (id, station_code, station_seq, at, user_id, username, user_name, role, action, target_kind, target_id,
       customer_id, description, detail, prev_hash, hash, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.id,
    e.stationCode,
    e.stationSeq,
    e.at,
    e.userId,
    e.username,
    e.userName,
    e.role,
    e.action,
    e.targetKind,
    e.targetId,
    e.customerId,
    e.description,
    e.detail,
    e.prevHash,
    e.hash,
    recordedAt,
  );
}

/** A station's entries after `afterSeq`, in chain order (what a package carries). */
export function auditEntriesAfter(db: ReadDb, stationCode: string, afterSeq: number): AuditEntry[] {
  return (
    stmt(db, 'SELECT * FROM audit_log WHERE station_code = ? AND station_seq > ? ORDER BY station_seq').all(stationCode, afterSeq) as AuditRecord[]
  ).map(toEntry);
}

export type ChainProblem =
  | { kind: 'missing'; stationCode: string; stationSeq: number }
  | { kind: 'altered'; stationCode: string; stationSeq: number }
  | { kind: 'broken'; stationCode: string; stationSeq: number };

export interface ChainReport {
  stations: { stationCode: string; entries: number; lastSeq: number }[];
  problems: ChainProblem[];
}

/**
 * Walks every station's chain: a gap in the sequence is a deleted entry, a hash that does not
 * match its fields an edited one, a previous hash that does not match the entry before a chain
 * rebuilt from the middle. Reads in a stream: the log of a busy central is large.
 */
export function verifyAuditChains(db: ReadDb): ChainReport {
  const stations = new Map<string, { entries: number; lastSeq: number; lastHash: string }>();
  const problems: ChainProblem[] = [];
  const rows = stmt(db, 'SELECT * FROM audit_log ORDER BY station_code, station_seq').iterate() as IterableIterator<AuditRecord>;
  for (const r of rows) {
    const e = toEntry(r);
    let s = stations.get(e.stationCode);
    if (!s) {
      s = { entries: 0, lastSeq: 0, lastHash: AUDIT_GENESIS };
      stations.set(e.stationCode, s);
    }
    if (e.stationSeq !== s.lastSeq + 1) {
      for (let missing = s.lastSeq + 1; missing < e.stationSeq && problems.length < 1000; missing++) {
        problems.push({ kind: 'missing', stationCode: e.stationCode, stationSeq: missing });
      }
    } else if (e.prevHash !== s.lastHash) {
      problems.push({ kind: 'broken', stationCode: e.stationCode, stationSeq: e.stationSeq });
    }
    const { hash, ...body } = e;
    if (auditHash(body) !== hash) problems.push({ kind: 'altered', stationCode: e.stationCode, stationSeq: e.stationSeq });
    s.entries++;
    s.lastSeq = e.stationSeq;
    s.lastHash = e.hash;
  }
  return { stations: [...stations].map(([stationCode, s]) => ({ stationCode, entries: s.entries, lastSeq: s.lastSeq })), problems };
}

/**
 * The latest refusal of each package refused here (PAQUETE_RECHAZADO), by the package's SHA-256:
 * when and why. Read through the action's index; refusals are few.
 */
export function packageRefusals(db: ReadDb): Map<string, { at: string; reason: string }> {
  const rows = stmt(
    db,
    `SELECT json_extract(detail, '$.sha256') AS sha256, at, json_extract(detail, '$.reason') AS reason
     FROM audit_log WHERE action = 'PAQUETE_RECHAZADO' AND json_valid(detail) ORDER BY at`,
  ).all() as Array<{ sha256: unknown; at: string; reason: unknown }>;
  const out = new Map<string, { at: string; reason: string }>();
  for (const r of rows) if (typeof r.sha256 === 'string') out.set(r.sha256, { at: r.at, reason: typeof r.reason === 'string' ? r.reason : '' });
  return out;
}
