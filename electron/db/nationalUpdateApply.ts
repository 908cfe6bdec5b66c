import type { UpdateChanges, UpdateCounts } from '../../shared/contracts/updates';
import { keepOpenCampaignInStep } from './campaigns';
import { newId, nowIso } from './ids';
import { updateDataCounts } from './nationalUpdateExport';
import { NATIONAL_SETTINGS } from './nationalUpdateSchema';
import { attachPlainFile, openScratchDatabase, type Db, type ReadDb, type Tx } from './open';
import { recordKeyEvent, stationByCode, upsertTrustedStation, type StationKeyRow } from './stations';
import { stmt } from './stmt';
import { storedStatus } from './serviceStatus';
import { applyHandoversWithItems, applyRenumbering, applyUpdateRest, applyVoids } from './nationalUpdateRecords';

/**
 * Applying a national update (attached as `u`) at an office, one part per write session: the
 * first session (applyUpdatePrelude), ranges of each table in turn (applyBaseRange,
 * applyHandoverRange), and the last (applyUpdateFinish). Base rows are matched by their keys,
 * records by UUID; the central is authoritative for what it sends, and the office's own records
 * it has not seen yet stay as they are. Every part writes only what differs, so writing a part
 * again (an apply resumed after a crash, the same update again) changes nothing.
 */

export function attachUpdate(db: Db, path: string): void {
  attachPlainFile(db, path, 'u');
}

/**
 * Lets a range of actas find its items: the update's file (this office's own copy, already
 * checked whole) gets an index of items by acta, on a connection of its own, so the live
 * database's lock is not taken for it.
 */
export function indexUpdateItems(like: ReadDb, path: string): void {
  const data = openScratchDatabase(path, like, { portable: true });
  try {
    data.exec('CREATE INDEX IF NOT EXISTS items_by_handover ON items (handover_id)');
  } finally {
    data.close();
  }
}

export function detachUpdate(db: Db): void {
  if (db.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'u'").get()) db.exec('DETACH DATABASE u');
}

/** Why the attached update's data does not match its manifest, or null when it does. */
export function updateContentsProblem(db: ReadDb, m: { seq: number; central: { code: string }; counts: UpdateCounts }): string | null {
  let meta: Record<string, string>;
  let counts: UpdateCounts;
  try {
    meta = Object.fromEntries((db.prepare('SELECT key, value FROM u.meta').all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
    counts = updateDataCounts(db, 'u');
  } catch {
    return 'Los datos de la actualización no tienen el formato esperado.';
  }
  if (meta.central !== m.central.code || Number(meta.seq) !== m.seq) return 'Los datos de la actualización no corresponden a su manifiesto.';
  for (const k of Object.keys(m.counts) as Array<keyof UpdateCounts>) {
    if (counts[k] !== m.counts[k]) return 'La cantidad de registros de la actualización no coincide con la que declara su manifiesto.';
  }
  return null;
}

/**
 * Services whose status may change are collected by temporary triggers while the update is
 * written: an acta item added or relinked, a void, a review, a respaldo's service, or an expected
 * item added or changed on a service something was already returned or claimed for. A service
 * nothing was returned for stays PENDIENTE whatever its items, so a full base costs no recheck.
 */
const TRIGGERS = `
CREATE TEMP TABLE IF NOT EXISTS u_aff (service_id TEXT PRIMARY KEY) WITHOUT ROWID;
DELETE FROM u_aff;
CREATE TEMP TRIGGER u_aff_item_ins AFTER INSERT ON main.handover_items WHEN new.service_id IS NOT NULL
  BEGIN INSERT OR IGNORE INTO u_aff VALUES (new.service_id); END;
CREATE TEMP TRIGGER u_aff_item_upd AFTER UPDATE OF service_id, expected_item_id ON main.handover_items BEGIN
  INSERT OR IGNORE INTO u_aff SELECT new.service_id WHERE new.service_id IS NOT NULL;
  INSERT OR IGNORE INTO u_aff SELECT old.service_id WHERE old.service_id IS NOT NULL;
END;
CREATE TEMP TRIGGER u_aff_void AFTER INSERT ON main.handover_voids BEGIN
  INSERT OR IGNORE INTO u_aff SELECT service_id FROM main.handover_items WHERE handover_id = new.handover_id AND service_id IS NOT NULL;
END;
CREATE TEMP TRIGGER u_aff_review AFTER UPDATE OF status, review_reason ON main.backups BEGIN
  INSERT OR IGNORE INTO u_aff SELECT service_id FROM main.backup_services WHERE backup_id = new.id;
END;
CREATE TEMP TRIGGER u_aff_backup_service AFTER INSERT ON main.backup_services BEGIN INSERT OR IGNORE INTO u_aff VALUES (new.service_id); END;
CREATE TEMP TRIGGER u_aff_expected_ins AFTER INSERT ON main.expected_items
  WHEN EXISTS (SELECT 1 FROM main.handover_items WHERE service_id = new.service_id) OR EXISTS (SELECT 1 FROM main.backup_services WHERE service_id = new.service_id)
  BEGIN INSERT OR IGNORE INTO u_aff VALUES (new.service_id); END;
CREATE TEMP TRIGGER u_aff_expected_upd AFTER UPDATE OF serial_key ON main.expected_items
  WHEN EXISTS (SELECT 1 FROM main.handover_items WHERE service_id = new.service_id) OR EXISTS (SELECT 1 FROM main.backup_services WHERE service_id = new.service_id)
  BEGIN INSERT OR IGNORE INTO u_aff VALUES (new.service_id); END;
`;
const DROP_TRIGGERS = ['item_ins', 'item_upd', 'void', 'review', 'backup_service', 'expected_ins', 'expected_upd']
  .map((t) => `DROP TRIGGER IF EXISTS temp.u_aff_${t};`)
  .join('\n');

/**
 * Runs one session's part of the update with the triggers collecting the services whose status
 * may change, and settles them at once (the session's own settle then finds them right): every
 * session leaves the statuses right, so a crash between two loses nothing and the desk never sees
 * them stale. Counts the statuses that changed; a count of those recomputed added up across
 * sessions, where a service can be seen twice, read more than the office's services.
 */
export function withStatusTriggers<T>(tx: Tx, c: UpdateChanges, fn: () => T): T {
  tx.exec(DROP_TRIGGERS + TRIGGERS);
  try {
    const value = fn();
    const affected = stmt(tx, 'SELECT service_id FROM u_aff').pluck().all() as string[];
    const now = nowIso();
    for (const id of affected) if (storedStatus(tx, id, now).changed) c.statuses++;
    return value;
  } finally {
    tx.exec(DROP_TRIGGERS);
  }
}

const differs = (cols: string[], table: string) => cols.map((c) => `${table}.${c} IS NOT excluded.${c}`).join(' OR ');

const CUSTOMER_COLS = ['identification', 'id_type', 'name', 'phone', 'email'];
const SERVICE_COLS = ['customer_id', 'service_number', 'business_line', 'business_line_raw', 'cancel_date', 'regional', 'province', 'city', 'charges_loaded', 'paid', 'claim', 'in_base'];
const ITEM_COLS = ['equipment_type', 'brand', 'model', 'serial', 'serial_key', 'value_cents'];

/** One base table of the update: the live row is matched by key, or takes a new id (counted as inserted). */
const BASE_UPSERTS = {
  customers: {
    cols: CUSTOMER_COLS,
    sql: `INSERT INTO main.customers (id, origin_station, customer_key, ${CUSTOMER_COLS.join(', ')}, created_at, updated_at)
     SELECT coalesce((SELECT l.id FROM main.customers l WHERE l.customer_key = s.customer_key), recupera_new_id()), @central, s.customer_key,
       ${CUSTOMER_COLS.map((k) => `s.${k}`).join(', ')}, s.created_at, s.updated_at
     FROM u.customers s WHERE s.rowid > @after AND s.rowid <= @upto`,
  },
  services: {
    cols: SERVICE_COLS,
    sql: `INSERT INTO main.services (id, origin_station, service_key, ${SERVICE_COLS.join(', ')}, created_at, updated_at)
     SELECT coalesce((SELECT l.id FROM main.services l WHERE l.service_key = s.service_key), recupera_new_id()), @central, s.service_key,
       lc.id, ${SERVICE_COLS.slice(1).map((k) => `s.${k}`).join(', ')}, s.created_at, s.updated_at
     FROM u.services s JOIN main.customers lc ON lc.customer_key = s.customer_key WHERE s.rowid > @after AND s.rowid <= @upto`,
  },
  expected_items: {
    cols: ITEM_COLS,
    sql: `INSERT INTO main.expected_items (id, origin_station, service_id, line_key, ${ITEM_COLS.join(', ')}, created_at, updated_at)
     SELECT coalesce((SELECT l.id FROM main.expected_items l WHERE l.service_id = ls.id AND l.line_key = s.line_key), recupera_new_id()), @central,
       ls.id, s.line_key, ${ITEM_COLS.map((k) => `s.${k}`).join(', ')}, s.created_at, s.updated_at
     FROM u.expected_items s JOIN main.services ls ON ls.service_key = s.service_key WHERE s.rowid > @after AND s.rowid <= @upto`,
  },
} as const;
export type UpdateBaseTable = keyof typeof BASE_UPSERTS;

/**
 * The last rowid of the next `rows` rows of an update table after `after`, or null when none is
 * left. Rowids are whatever the update's file holds; ranges of them only need to be in order.
 */
export function updateRangeEnd(db: ReadDb, table: UpdateBaseTable | 'handovers', after: number, rows: number): number | null {
  const sql = `SELECT max(rowid) FROM (SELECT rowid FROM u.${table} WHERE rowid > ? ORDER BY rowid LIMIT ?)`;
  return (stmt(db, sql).pluck().get(after, Math.max(1, Math.trunc(rows))) as number | null) ?? null;
}

/** Upserts the rows (after, upto] of one base table of the update; updates the counts in `c`. */
export function applyBaseRange(tx: Tx, table: UpdateBaseTable, range: { after: number; upto: number }, central: string, c: UpdateChanges): void {
  const { cols, sql } = BASE_UPSERTS[table];
  let inserted = 0;
  // A row takes a new id exactly when no live row has its key: the calls are the inserts.
  tx.function('recupera_new_id', { deterministic: false }, () => {
    inserted++;
    return newId();
  });
  const set = [...cols, 'updated_at'].map((k) => `${k} = excluded.${k}`).join(', ');
  const changes = withStatusTriggers(tx, c, () => stmt(tx, `${sql} ON CONFLICT (id) DO UPDATE SET ${set} WHERE ${differs([...cols], table)}`).run({ central, ...range }).changes);
  const updated = changes - inserted;
  if (table === 'customers') [c.customersInserted, c.customersUpdated] = [c.customersInserted + inserted, c.customersUpdated + updated];
  else if (table === 'services') [c.servicesInserted, c.servicesUpdated] = [c.servicesInserted + inserted, c.servicesUpdated + updated];
  else [c.expectedItemsInserted, c.expectedItemsUpdated] = [c.expectedItemsInserted + inserted, c.expectedItemsUpdated + updated];
}

/**
 * A conflict resolution that renamed this station (two stations had one code): the local station
 * takes its new code. Its key is untouched.
 */
function renameLocal(tx: Tx, local: StationKeyRow): string | null {
  const rows = stmt(
    tx,
    "SELECT resolution_detail FROM u.conflicts WHERE kind = 'ESTACION_DUPLICADA' AND resolution IS NOT NULL AND resolution_detail IS NOT NULL ORDER BY resolved_at",
  )
    .pluck()
    .all() as string[];
  let renamed: string | null = null;
  for (const text of rows) {
    let detail: unknown;
    try {
      detail = JSON.parse(text);
    } catch {
      continue;
    }
    const d = detail as { stationId?: unknown; newCode?: unknown };
    if (d.stationId !== local.id || typeof d.newCode !== 'string' || !d.newCode.trim()) continue;
    const code = d.newCode.trim();
    const holder = stationByCode(tx, code);
    if (holder && holder.id !== local.id) continue;
    if (stmt(tx, 'UPDATE stations SET code = ? WHERE is_local = 1 AND code IS NOT ?').run(code, code).changes > 0) renamed = code;
  }
  return renamed;
}

interface IncomingStation {
  id: string;
  code: string;
  office: string;
  regional: string | null;
  city: string | null;
  role: 'OFICINA' | 'CENTRAL';
  public_key: string;
  fingerprint: string;
}

/**
 * Stations the central enrolled become trusted here, and a changed key is recorded (RECIBIDA).
 * Never this station's own row or key, and never a central: the trusted central changes only by
 * a person's explicit act (confiar-central).
 */
function learnStations(tx: Tx, local: StationKeyRow): number {
  let learned = 0;
  const incoming = stmt(tx, 'SELECT id, code, office, regional, city, role, public_key, fingerprint FROM u.stations ORDER BY code').all() as IncomingStation[];
  for (const s of incoming) {
    if (s.id === local.id || s.role !== 'OFICINA') continue;
    const here = stationByCode(tx, s.code);
    if (here?.is_local || here?.role === 'CENTRAL') continue;
    // The same station under a new code (a resolved duplicate): its old row moves to the new code.
    if (!here) stmt(tx, 'DELETE FROM stations WHERE id = ? AND is_local = 0').run(s.id);
    else if (here.id !== s.id) stmt(tx, 'DELETE FROM stations WHERE id = ? AND is_local = 0 AND code <> ?').run(s.id, s.code);
    const sameKey = here?.public_key === s.public_key && here.enrolled_at !== null;
    const sameRow = sameKey && here.id === s.id && here.office === s.office && here.regional === s.regional && here.city === s.city;
    if (sameRow) continue;
    upsertTrustedStation(tx, { id: s.id, code: s.code, office: s.office, regional: s.regional, city: s.city, role: 'OFICINA', publicKey: s.public_key, fingerprint: s.fingerprint });
    if (sameKey) continue;
    recordKeyEvent(tx, {
      stationId: s.id,
      stationCode: s.code,
      event: 'RECIBIDA',
      publicKey: s.public_key,
      fingerprint: s.fingerprint,
      previousFingerprint: here?.enrolled_at ? here.fingerprint : null,
      reason: 'Recibida en una actualización nacional firmada por la central.',
    });
    learned++;
  }
  return learned;
}

function applySettings(tx: Tx): number {
  const keys = NATIONAL_SETTINGS.map((k) => `'${k}'`).join(', ');
  return tx
    .prepare(
      `INSERT INTO main.settings (key, value) SELECT key, value FROM u.settings WHERE key IN (${keys}) AND true
       ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value IS NOT excluded.value`,
    )
    .run().changes;
}

export function emptyChanges(): UpdateChanges {
  return {
    customersInserted: 0,
    customersUpdated: 0,
    servicesInserted: 0,
    servicesUpdated: 0,
    expectedItemsInserted: 0,
    expectedItemsUpdated: 0,
    handoversInserted: 0,
    handoversUpdated: 0,
    itemsInserted: 0,
    voidsInserted: 0,
    backupsInserted: 0,
    reviews: 0,
    conflicts: 0,
    stations: 0,
    settings: 0,
    statuses: 0,
    renamedTo: null,
    heldBack: [],
  };
}

/**
 * The update's first session: the central's settings, this station's new code if a resolution
 * renamed it, the stations the central enrolled, the actas the central renumbered (all in
 * this one session, so two that trade numbers never meet midway) and the voids (applyVoids). `renumbered` comes from
 * `renumberedActas`, read before the session.
 */
export function applyUpdatePrelude(tx: Tx, o: { local: StationKeyRow; renumbered: readonly string[] }, c: UpdateChanges): void {
  c.settings = applySettings(tx);
  // The open campaign's row follows its name and year in the settings in the same session.
  keepOpenCampaignInStep(tx);
  c.renamedTo = renameLocal(tx, o.local);
  c.stations = learnStations(tx, o.local);
  withStatusTriggers(tx, c, () => {
    applyRenumbering(tx, o.renumbered, c);
    applyVoids(tx, c);
  });
}

/** The update's acta records (attached as `u`) whose rowid is in (after, upto], with their items. */
export function applyHandoverRange(tx: Tx, range: { after: number; upto: number }, c: UpdateChanges): void {
  withStatusTriggers(tx, c, () => applyHandoversWithItems(tx, range, c));
}

/** The update's last session: respaldos, links and conflicts (see applyUpdateRest). */
export function applyUpdateFinish(tx: Tx, c: UpdateChanges): void {
  withStatusTriggers(tx, c, () => applyUpdateRest(tx, c));
}
