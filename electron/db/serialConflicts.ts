import type { Conflict } from '../../shared/contracts/sync';
import { newId } from './ids';
import type { Tx } from './open';

/**
 * Re-evaluates the serials a consolidation touched (temp table `c_ser`): a serial in two actas
 * that are not voided is a conflict; one that no longer is (a void arrived) stops being listed.
 * The list is the same whatever order the packages came in. A conflict a person resolved stays as
 * they left it: never removed, reworded or listed again for the same actas; another acta claiming
 * the serial later opens a new conflict beside it.
 */
export function recheckSerials(db: Tx, packageSha: string | null, now: string, found: Conflict[]): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS c_ser_hit (serial_key TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM c_ser_hit;
    INSERT INTO c_ser_hit SELECT t.serial_key FROM c_ser t
    WHERE (SELECT count(DISTINCT hi.handover_id) FROM main.handover_items hi
           WHERE hi.serial_key = t.serial_key AND NOT EXISTS (SELECT 1 FROM main.handover_voids v WHERE v.handover_id = hi.handover_id)) > 1;
    DELETE FROM main.sync_conflicts WHERE kind = 'SERIE_DUPLICADA' AND resolution IS NULL
      AND conflict_key IN (SELECT serial_key FROM c_ser) AND conflict_key NOT IN (SELECT serial_key FROM c_ser_hit);`);
  const actas = db.prepare(
    `SELECT DISTINCT h.acta_number, h.origin_station, hi.serial FROM main.handover_items hi JOIN main.handovers h ON h.id = hi.handover_id
     WHERE hi.serial_key = ? AND NOT EXISTS (SELECT 1 FROM main.handover_voids v WHERE v.handover_id = h.id) ORDER BY h.acta_number, h.origin_station`,
  );
  const insert = db.prepare(
    "INSERT OR IGNORE INTO main.sync_conflicts (id, kind, conflict_key, detail, package_sha256, created_at) VALUES (?, 'SERIE_DUPLICADA', ?, ?, ?, ?)",
  );
  const update = db.prepare("UPDATE main.sync_conflicts SET detail = ? WHERE kind = 'SERIE_DUPLICADA' AND conflict_key = ? AND detail <> ? AND resolution IS NULL");
  const resolvedDetail = db.prepare("SELECT detail FROM main.sync_conflicts WHERE kind = 'SERIE_DUPLICADA' AND conflict_key = ? AND resolution IS NOT NULL").pluck();
  // The decision stays in the history under its own key; the serial's key is free for the new case.
  const archive = db.prepare(
    "UPDATE main.sync_conflicts SET conflict_key = conflict_key || '@' || resolved_at WHERE kind = 'SERIE_DUPLICADA' AND conflict_key = ? AND resolution IS NOT NULL",
  );
  for (const key of db.prepare('SELECT serial_key FROM c_ser_hit').pluck().all() as string[]) {
    const rows = actas.all(key) as Array<{ acta_number: string; origin_station: string; serial: string | null }>;
    const where = rows.map((r) => `${r.acta_number} (${r.origin_station})`).join(', ');
    const detail = `La serie ${rows[0]?.serial ?? key} consta como devuelta en ${rows.length} actas: ${where}.`;
    if (insert.run(newId(), key, detail, packageSha, now).changes > 0) {
      found.push({ kind: 'SERIE_DUPLICADA', detail });
      continue;
    }
    // A person decided about other actas: a new acta claiming the serial is a new case for a person,
    // never silently covered by the earlier decision.
    const decided = resolvedDetail.get(key) as string | undefined;
    if (decided !== undefined && decided !== detail) {
      archive.run(key);
      insert.run(newId(), key, detail, packageSha, now);
      found.push({ kind: 'SERIE_DUPLICADA', detail });
    } else update.run(detail, key, detail);
  }
}

/** The same check for serials a conflict resolution brought into play (an acta restored under a new number). */
export function recheckSerialKeys(tx: Tx, keys: string[], now: string): Conflict[] {
  tx.exec('CREATE TEMP TABLE IF NOT EXISTS c_ser (serial_key TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM c_ser;');
  const add = tx.prepare('INSERT OR IGNORE INTO c_ser VALUES (?)');
  for (const k of keys) add.run(k);
  const found: Conflict[] = [];
  recheckSerials(tx, null, now, found);
  return found;
}
