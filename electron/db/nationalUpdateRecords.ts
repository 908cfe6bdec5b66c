import type { UpdateChanges } from '../../shared/contracts/updates';
import { serviceKey } from '../../shared/values';
import { moveBackupLinks, removeUnusedOutOfBaseService, serviceRefByKey } from './conflicts';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';
import { touchService } from './writeSession';

/**
 * The records of a national update (attached as `u`): every office's voids, its actas with their
 * items (a range of actas per write session), respaldos with their reviews, and conflicts with their resolutions, matched by UUID.
 * The central is authoritative for what it sends: an acta's number, paper number and links follow
 * it. What the office recorded that the central has not seen yet is left as it is.
 */

// u_h.state, for the actas of one range: 0 new here, 1 already here, 2 held back.
const NEW = 0;
const HERE = 1;
const HELD = 2;

const LIVE_CUSTOMER = (key: string) => `(SELECT c.id FROM main.customers c WHERE c.customer_key = ${key})`;
const HELD_REASON = 'Otra acta registrada en esta oficina tiene el mismo número; se resolverá en Posventa.';

/**
 * Actas here whose number the central changed (a resolution of two actas with one number), read
 * before the update's first session: usually none, and at most the few Posventa resolved.
 */
export function renumberedActas(db: ReadDb): string[] {
  return stmt(db, 'SELECT p.id FROM u.handovers p CROSS JOIN main.handovers h ON h.id = p.id WHERE h.acta_number IS NOT p.acta_number').pluck().all() as string[];
}

/**
 * The renumbered actas take their new numbers in one session and in two steps, so two actas
 * trading numbers never collide midway. One whose new number is held here by an acta that keeps
 * it (one the central does not list, or one itself held back) waits for an update where the clash
 * is resolved.
 */
export function applyRenumbering(tx: Tx, candidates: readonly string[], c: UpdateChanges): void {
  tx.exec('CREATE TEMP TABLE IF NOT EXISTS u_r (id TEXT PRIMARY KEY, held INTEGER NOT NULL) WITHOUT ROWID; DELETE FROM u_r;');
  const add = stmt(tx, 'INSERT OR IGNORE INTO u_r SELECT p.id, 0 FROM u.handovers p CROSS JOIN main.handovers h ON h.id = p.id WHERE p.id = ? AND h.acta_number IS NOT p.acta_number');
  for (const id of candidates) add.run(id);
  const clash = stmt(
    tx,
    `SELECT p.id, p.acta_number FROM u_r r CROSS JOIN u.handovers p ON p.id = r.id
     CROSS JOIN main.handovers h ON h.origin_station = p.origin_station AND h.acta_number = p.acta_number
     WHERE r.held = 0 AND h.id <> p.id AND NOT EXISTS (SELECT 1 FROM u_r m WHERE m.id = h.id AND m.held = 0)`,
  );
  const hold = stmt(tx, 'UPDATE u_r SET held = 1 WHERE id = ?');
  // Holding one back keeps its old number, which another may have been waiting for: until none is left.
  for (let held = clash.all() as Array<{ id: string; acta_number: string }>; held.length > 0; held = clash.all() as typeof held) {
    for (const h of held) {
      hold.run(h.id);
      c.heldBack.push({ actaNumber: h.acta_number, reason: HELD_REASON });
    }
  }
  tx.exec("UPDATE main.handovers SET acta_number = '~' || id WHERE id IN (SELECT id FROM u_r WHERE held = 0)");
  c.handoversUpdated += stmt(
    tx,
    `UPDATE main.handovers SET acta_number = p.acta_number, acta_year = p.acta_year, acta_seq = p.acta_seq, original_number = p.original_number,
       signature = coalesce(p.signature, main.handovers.signature), customer_id = coalesce(${LIVE_CUSTOMER('p.customer_key')}, main.handovers.customer_id)
     FROM (SELECT x.* FROM u.handovers x JOIN u_r r ON r.id = x.id AND r.held = 0) AS p
     WHERE main.handovers.id = p.id`,
  ).run().changes;
}

/**
 * The actas of one range of the update, each with its items in the same session. An acta already
 * here follows the central (its paper number, signature and customer; its number moved in the
 * first session). A new one whose number an acta here already has is held back; so is one here
 * whose new number could not be taken. Held back, its items wait with it.
 */
export function applyHandoversWithItems(tx: Tx, range: { after: number; upto: number }, c: UpdateChanges): void {
  tx.exec('CREATE TEMP TABLE IF NOT EXISTS u_h (id TEXT PRIMARY KEY, state INTEGER NOT NULL) WITHOUT ROWID; DELETE FROM u_h;');
  stmt(
    tx,
    `INSERT INTO u_h SELECT p.id, CASE
       WHEN h.id IS NULL THEN CASE WHEN EXISTS (SELECT 1 FROM main.handovers x WHERE x.origin_station = p.origin_station AND x.acta_number = p.acta_number)
         THEN ${HELD} ELSE ${NEW} END
       WHEN h.acta_number IS NOT p.acta_number THEN ${HELD} ELSE ${HERE} END
     FROM u.handovers p LEFT JOIN main.handovers h ON h.id = p.id WHERE p.rowid > @after AND p.rowid <= @upto`,
  ).run(range);
  const heldNew = stmt(tx, `SELECT p.acta_number FROM u_h t CROSS JOIN u.handovers p ON p.id = t.id WHERE t.state = ${HELD} AND NOT EXISTS (SELECT 1 FROM main.handovers h WHERE h.id = t.id)`)
    .pluck()
    .all() as string[];
  for (const actaNumber of heldNew) c.heldBack.push({ actaNumber, reason: HELD_REASON });
  c.handoversUpdated += stmt(
    tx,
    `UPDATE main.handovers SET acta_year = p.acta_year, acta_seq = p.acta_seq, original_number = p.original_number,
       signature = coalesce(p.signature, main.handovers.signature), customer_id = coalesce(${LIVE_CUSTOMER('p.customer_key')}, main.handovers.customer_id)
     FROM (SELECT x.* FROM u.handovers x JOIN u_h t ON t.id = x.id AND t.state = ${HERE}) AS p
     WHERE main.handovers.id = p.id AND (main.handovers.original_number IS NOT p.original_number
       OR main.handovers.signature IS NOT coalesce(p.signature, main.handovers.signature)
       OR main.handovers.customer_id IS NOT coalesce(${LIVE_CUSTOMER('p.customer_key')}, main.handovers.customer_id))`,
  ).run().changes;
  c.handoversInserted += stmt(
    tx,
    `INSERT INTO main.handovers (id, origin_station, acta_number, acta_year, acta_seq, historical, out_of_base, customer_id, holder_identification,
       holder_name, delivered_by, third_party_identification, third_party_name, third_party_documents, observations, office, city,
       clerk_user_id, clerk_name, delivered_at, created_at, content_hash, verification_code, pdf_path, signature, original_number)
     SELECT p.id, p.origin_station, p.acta_number, p.acta_year, p.acta_seq, p.historical, p.out_of_base, ${LIVE_CUSTOMER('p.customer_key')},
       p.holder_identification, p.holder_name, p.delivered_by, p.third_party_identification, p.third_party_name, p.third_party_documents,
       p.observations, p.office, p.city, p.clerk_user_id, p.clerk_name, p.delivered_at, p.created_at, p.content_hash, p.verification_code, NULL,
       p.signature, p.original_number
     FROM u.handovers p JOIN u_h t ON t.id = p.id AND t.state = ${NEW}`,
  ).run().changes;
  applyItems(tx, c);
}

const LIVE_SERVICE = '(SELECT s.id FROM main.services s WHERE s.service_key = i.service_key)';
const LIVE_EXPECTED = `(SELECT e.id FROM main.expected_items e WHERE e.service_id = ${LIVE_SERVICE} AND e.line_key = i.line_key)`;

/** The items of the range's actas (u_h), found by the index indexUpdateItems made. */
function applyItems(tx: Tx, c: UpdateChanges): void {
  c.itemsInserted += stmt(
    tx,
    `INSERT INTO main.handover_items (id, origin_station, handover_id, service_id, expected_item_id, service_number, equipment_type, brand, model,
       serial, serial_key, condition, accessories, note, unexpected, created_at)
     SELECT i.id, i.origin_station, i.handover_id, ${LIVE_SERVICE}, ${LIVE_EXPECTED}, i.service_number, i.equipment_type, i.brand, i.model,
       i.serial, i.serial_key, i.condition, i.accessories, i.note, i.unexpected, i.created_at
     FROM u_h t CROSS JOIN u.items i ON i.handover_id = t.id
     WHERE t.state <> ${HELD} AND NOT EXISTS (SELECT 1 FROM main.handover_items x WHERE x.id = i.id)`,
  ).run().changes;
  // Items already here follow the central: their links (a service outside the base linked to a
  // base one) and whether they return their serial (a serial a resolution gave to another acta).
  const relinked = stmt(
    tx,
    `SELECT i.id, ${LIVE_SERVICE} AS service, ${LIVE_EXPECTED} AS expected, i.service_number AS number, i.serial_key AS serial, i.unexpected
     FROM u_h t CROSS JOIN u.items i ON i.handover_id = t.id CROSS JOIN main.handover_items x ON x.id = i.id
     WHERE t.state = ${HERE} AND ((i.service_key IS NOT NULL AND (x.service_id IS NOT ${LIVE_SERVICE} OR x.expected_item_id IS NOT ${LIVE_EXPECTED}))
       OR x.serial_key IS NOT i.serial_key OR x.unexpected IS NOT i.unexpected)`,
  ).all() as Array<{ id: string; service: string | null; expected: string | null; number: string | null; serial: string | null; unexpected: number }>;
  // Links move only to a service known here; setting service_id always lets the status trigger see the item.
  const relink = stmt(
    tx,
    `UPDATE main.handover_items SET service_id = coalesce(@service, service_id), expected_item_id = CASE WHEN @service IS NULL THEN expected_item_id ELSE @expected END,
       service_number = coalesce(@number, service_number), serial_key = @serial, unexpected = @unexpected WHERE id = @id`,
  );
  for (const r of relinked) relink.run(r);
}

/**
 * A void is kept whether or not its acta is here: the acta ends voided in either order. Written in
 * the update's first session, so an acta the central voided is voided here from the moment it
 * arrives, never shown valid for the minutes until the last session.
 */
export function applyVoids(tx: Tx, c: UpdateChanges): void {
  c.voidsInserted += stmt(
    tx,
    `INSERT INTO main.handover_voids (id, origin_station, handover_id, reason, user_id, user_name, created_at)
     SELECT v.id, v.origin_station, v.handover_id, v.reason, v.user_id, v.user_name, v.created_at FROM u.voids v
     WHERE NOT EXISTS (SELECT 1 FROM main.handover_voids x WHERE x.id = v.id OR x.handover_id = v.handover_id)`,
  ).run().changes;
}

function applyBackups(tx: Tx, c: UpdateChanges): void {
  c.backupsInserted = tx
    .prepare(
      `INSERT INTO main.backups (id, origin_station, customer_id, status, acta_number, acta_date, office, source, note, review_reason, reviewed_by,
         reviewed_at, created_by, created_at)
       SELECT b.id, b.origin_station, ${LIVE_CUSTOMER('b.customer_key')}, b.status, b.acta_number, b.acta_date, b.office, b.source, b.note,
         b.review_reason, b.reviewed_by, b.reviewed_at, b.created_by, b.created_at
       FROM u.backups b WHERE NOT EXISTS (SELECT 1 FROM main.backups x WHERE x.id = b.id)`,
    )
    .run().changes;
  // Posventa's review reaches the office; a review made here later than the central's stays.
  c.reviews = tx
    .prepare(
      `UPDATE main.backups SET status = b.status, review_reason = b.review_reason, reviewed_by = b.reviewed_by, reviewed_at = b.reviewed_at
       FROM u.backups b
       WHERE main.backups.id = b.id AND b.reviewed_at IS NOT NULL
         AND (main.backups.reviewed_at IS NULL OR b.reviewed_at >= main.backups.reviewed_at)
         AND (main.backups.status IS NOT b.status OR main.backups.review_reason IS NOT b.review_reason OR main.backups.reviewed_at IS NOT b.reviewed_at
              OR main.backups.reviewed_by IS NOT b.reviewed_by)`,
    )
    .run().changes;
  tx.exec(
    `INSERT OR IGNORE INTO main.backup_services (backup_id, service_id)
       SELECT bs.backup_id, s.id FROM u.backup_services bs CROSS JOIN main.backups b ON b.id = bs.backup_id CROSS JOIN main.services s ON s.service_key = bs.service_key;
     INSERT OR IGNORE INTO main.backup_files (id, backup_id, sha256, file_name, mime, size)
       SELECT f.id, f.backup_id, f.sha256, f.file_name, f.mime, f.size FROM u.backup_files f WHERE EXISTS (SELECT 1 FROM main.backups b WHERE b.id = f.backup_id);`,
  );
}

/**
 * Out-of-base services Posventa linked to a base one (SERVICIO_FUERA_DE_BASE, VINCULAR): what is
 * still recorded here against the out-of-base service (this office's returns the central has not
 * seen yet, its respaldos) moves to the base service, where its later packages land at the central
 * too, and the out-of-base service is removed once nothing refers to it, as at the central.
 */
function applyServiceLinks(tx: Tx): void {
  const links = stmt(
    tx,
    `SELECT f.id AS outOfBase, json_extract(k.resolution_detail, '$.serviceNumber') AS baseNumber
     FROM u.conflicts k CROSS JOIN main.services f ON f.service_key = k.conflict_key AND f.in_base = 0
     WHERE k.kind = 'SERVICIO_FUERA_DE_BASE' AND k.resolution = 'VINCULAR' AND json_valid(k.resolution_detail)`,
  ).all() as Array<{ outOfBase: string; baseNumber: unknown }>;
  for (const l of links) {
    const to = typeof l.baseNumber === 'string' ? serviceRefByKey(tx, serviceKey(l.baseNumber)) : null;
    if (to?.in_base !== 1) continue;
    stmt(tx, 'UPDATE main.handover_items SET service_id = ? WHERE service_id = ?').run(to.id, l.outOfBase);
    moveBackupLinks(tx, l.outOfBase, to.id);
    touchService(tx, l.outOfBase);
    removeUnusedOutOfBaseService(tx, l.outOfBase);
  }
}

const CONFLICT_COLS = ['kind', 'conflict_key', 'detail', 'payload', 'package_sha256', 'created_at', 'resolution', 'resolution_reason', 'resolution_detail', 'resolved_by', 'resolved_at'];

/** Conflicts and their resolutions, as the central keeps them (one row per kind and key). */
function applyConflicts(tx: Tx, c: UpdateChanges): void {
  tx.exec(
    `DELETE FROM main.sync_conflicts WHERE id NOT IN (SELECT id FROM u.conflicts)
       AND EXISTS (SELECT 1 FROM u.conflicts x WHERE x.kind = sync_conflicts.kind AND x.conflict_key = sync_conflicts.conflict_key)`,
  );
  c.conflicts = tx
    .prepare(
      `INSERT INTO main.sync_conflicts (id, ${CONFLICT_COLS.join(', ')}) SELECT id, ${CONFLICT_COLS.join(', ')} FROM u.conflicts WHERE true
       ON CONFLICT (id) DO UPDATE SET ${CONFLICT_COLS.map((k) => `${k} = excluded.${k}`).join(', ')}
       WHERE ${CONFLICT_COLS.map((k) => `sync_conflicts.${k} IS NOT excluded.${k}`).join(' OR ')}`,
    )
    .run().changes;
}

/** What follows the actas, in the update's last session: respaldos, links and conflicts. */
export function applyUpdateRest(tx: Tx, c: UpdateChanges): void {
  applyBackups(tx, c);
  applyServiceLinks(tx);
  applyConflicts(tx, c);
}
