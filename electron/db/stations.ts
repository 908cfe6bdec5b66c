import type { StationRole } from '../../shared/identity';
import type { ReadDb, Tx } from './open';
import { newId, nowIso } from './ids';
import { stmt } from './stmt';

export interface StationRow {
  id: string;
  code: string;
  office: string;
  regional: string | null;
  city: string | null;
}

/** A station with its key: the local one, the central this office trusts, or one enrolled or learned. */
export interface StationKeyRow extends StationRow {
  role: StationRole;
  public_key: string | null;
  fingerprint: string | null;
  enrolled_at: string | null;
  is_local: number;
  /** Base64 X25519 public key packages are encrypted to; null until an identity file carrying one is trusted. */
  encryption_key: string | null;
}

const KEY_COLUMNS = 'id, code, office, regional, city, role, public_key, fingerprint, enrolled_at, is_local, encryption_key';

export function getLocalStation(db: ReadDb): StationRow | null {
  return (stmt(db, 'SELECT id, code, office, regional, city FROM stations WHERE is_local = 1').get() as StationRow | undefined) ?? null;
}

/** The local station with its role and key columns. */
export function getLocalStationKey(db: ReadDb): StationKeyRow | null {
  return (stmt(db, `SELECT ${KEY_COLUMNS} FROM stations WHERE is_local = 1`).get() as StationKeyRow | undefined) ?? null;
}

export function stationByCode(db: ReadDb, code: string): StationKeyRow | null {
  return (stmt(db, `SELECT ${KEY_COLUMNS} FROM stations WHERE code = ?`).get(code) as StationKeyRow | undefined) ?? null;
}

/** The central this station trusts (or itself, at the central). */
export function centralStation(db: ReadDb): StationKeyRow | null {
  return (stmt(db, `SELECT ${KEY_COLUMNS} FROM stations WHERE role = 'CENTRAL' AND enrolled_at IS NOT NULL ORDER BY is_local DESC LIMIT 1`).get() as
    | StationKeyRow
    | undefined) ?? null;
}

/** The public key trusted for a station code here: its enrolled or learned key, or none. */
export function trustedKeyOf(db: ReadDb, code: string): string | null {
  return (stmt(db, 'SELECT public_key FROM stations WHERE code = ? AND enrolled_at IS NOT NULL').pluck().get(code) as string | null | undefined) ?? null;
}

/**
 * The offices enrolled at this central (their identity file registered), with the X25519 key their
 * national updates are encrypted to, or null for an office that has not sent a file carrying one.
 */
export function enrolledOffices(db: ReadDb): Array<{ code: string; office: string; encryption_key: string | null }> {
  return stmt(
    db,
    "SELECT code, office, encryption_key FROM stations WHERE is_local = 0 AND role = 'OFICINA' AND enrolled_at IS NOT NULL AND public_key IS NOT NULL ORDER BY code",
  ).all() as Array<{ code: string; office: string; encryption_key: string | null }>;
}

export function listStations(db: ReadDb): StationKeyRow[] {
  return stmt(db, `SELECT ${KEY_COLUMNS} FROM stations ORDER BY is_local DESC, role DESC, code`).all() as StationKeyRow[];
}

export function insertLocalStation(
  tx: Tx,
  s: Omit<StationRow, 'id'> & { id?: string; role?: StationRole; publicKey?: string; fingerprint?: string; encryptionKey?: string | null },
): StationRow {
  const row = { id: s.id ?? newId(), code: s.code, office: s.office, regional: s.regional, city: s.city };
  const now = nowIso();
  stmt(
    tx,
    `INSERT INTO stations (id, code, office, regional, city, is_local, created_at, role, public_key, fingerprint, enrolled_at, encryption_key)
     VALUES (@id, @code, @office, @regional, @city, 1, @now, @role, @publicKey, @fingerprint, @enrolledAt, @encryptionKey)`,
  ).run({
    ...row,
    now,
    role: s.role ?? 'OFICINA',
    publicKey: s.publicKey ?? null,
    fingerprint: s.fingerprint ?? null,
    enrolledAt: s.publicKey ? now : null,
    encryptionKey: s.encryptionKey ?? null,
  });
  return row;
}

/** Sets the local station's key (a station from before keys existed gets its first one). */
export function setLocalStationKey(tx: Tx, publicKey: string, fingerprint: string): void {
  stmt(tx, 'UPDATE stations SET public_key = ?, fingerprint = ?, enrolled_at = ? WHERE is_local = 1').run(publicKey, fingerprint, nowIso());
}

/** Sets the local station's X25519 public key (a station from before encryption keys gets its first one). */
export function setLocalEncryptionKey(tx: Tx, encryptionKey: string): void {
  stmt(tx, 'UPDATE stations SET encryption_key = ? WHERE is_local = 1').run(encryptionKey);
}

/** Records the X25519 key a trusted station's newer identity file carries (signed by the key trusted for it). */
export function setTrustedEncryptionKey(tx: Tx, code: string, encryptionKey: string): void {
  stmt(tx, 'UPDATE stations SET encryption_key = ? WHERE code = ? AND is_local = 0').run(encryptionKey, code);
}

export type KeyEvent = 'CREADA' | 'REGISTRADA' | 'REEMPLAZADA' | 'CENTRAL_CONFIADA' | 'CENTRAL_REEMPLAZADA' | 'RECIBIDA';

/** Every change of a station's key leaves one row: who, when, which key replaced which, and why. */
export function recordKeyEvent(
  tx: Tx,
  e: {
    stationId: string;
    stationCode: string;
    event: KeyEvent;
    publicKey: string;
    fingerprint: string;
    previousFingerprint?: string | null;
    reason?: string | null;
    userId?: string | null;
    userName?: string | null;
  },
): void {
  stmt(
    tx,
    `INSERT INTO station_key_events (id, station_id, station_code, event, public_key, fingerprint, previous_fingerprint, reason, user_id, user_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), e.stationId, e.stationCode, e.event, e.publicKey, e.fingerprint, e.previousFingerprint ?? null, e.reason ?? null, e.userId ?? null, e.userName ?? null, nowIso());
}

/**
 * Records another station's key as trusted here (enrolled at the central, the central trusted at
 * an office, or learned from a signed update), creating the station or replacing its key. The
 * caller has decided the change is allowed and records the event. `encryptionKey` is what the
 * identity file carried (null: none, so a replaced key's X25519 key goes too); left undefined (a
 * station learned from an update) the stored one stays.
 */
export function upsertTrustedStation(
  tx: Tx,
  s: StationRow & { role: StationRole; publicKey: string; fingerprint: string; encryptionKey?: string | null },
): void {
  const { encryptionKey, ...row } = s;
  stmt(
    tx,
    `INSERT INTO stations (id, code, office, regional, city, is_local, created_at, role, public_key, fingerprint, enrolled_at, encryption_key)
     VALUES (@id, @code, @office, @regional, @city, 0, @now, @role, @publicKey, @fingerprint, @now, @encryptionKey)
     ON CONFLICT(code) DO UPDATE SET id = excluded.id, office = excluded.office, regional = excluded.regional, city = excluded.city,
       role = excluded.role, public_key = excluded.public_key, fingerprint = excluded.fingerprint, enrolled_at = excluded.enrolled_at,
       encryption_key = CASE WHEN @setEncryption = 1 THEN excluded.encryption_key ELSE stations.encryption_key END
     WHERE is_local = 0`,
  ).run({ ...row, now: nowIso(), encryptionKey: encryptionKey ?? null, setEncryption: encryptionKey === undefined ? 0 : 1 });
}

export function stationById(db: ReadDb, id: string): StationKeyRow | null {
  return (stmt(db, `SELECT ${KEY_COLUMNS} FROM stations WHERE id = ?`).get(id) as StationKeyRow | undefined) ?? null;
}

/** The station (other than this one) that holds a public key here, trusted or only seen. */
export function stationByPublicKey(db: ReadDb, publicKey: string): StationKeyRow | null {
  return (stmt(db, `SELECT ${KEY_COLUMNS} FROM stations WHERE public_key = ? ORDER BY is_local DESC LIMIT 1`).get(publicKey) as StationKeyRow | undefined) ?? null;
}

/** A station whose key is no longer vouched for here (a central replaced by one with another code). */
export function revokeTrust(tx: Tx, code: string): void {
  stmt(tx, 'UPDATE stations SET enrolled_at = NULL WHERE code = ? AND is_local = 0').run(code);
}

export interface KeyEventRow {
  id: string;
  station_code: string;
  event: KeyEvent;
  fingerprint: string;
  previous_fingerprint: string | null;
  reason: string | null;
  user_name: string | null;
  created_at: string;
}

/** The key history here, newest first. */
export function listKeyEvents(db: ReadDb, limit: number): KeyEventRow[] {
  return stmt(
    db,
    `SELECT id, station_code, event, fingerprint, previous_fingerprint, reason, user_name, created_at
     FROM station_key_events ORDER BY created_at DESC, id DESC LIMIT ?`,
  ).all(limit) as KeyEventRow[];
}
