import type { ItemKind } from '../../shared/contracts/dailyClose';
import type { Figure, SavedLine } from '../../shared/dailyClose';
import { newId, nowIso } from './ids';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

// The cierre del día (migration 0010): what the station's actas of a local day hold, per clerk and
// item, and the close stored for that day with its lines.

/**
 * The items of a station's actas delivered in `[fromIso, toIso)`: equipment by type and accessories
 * by name, per clerk. Voided actas never count; historical ones (loaded from an earlier list) were
 * not received at the desk that day, so they do not either. Same range and index as the Actas
 * screen's count by type (db/actas.ts `itemTypesBetween`).
 */
export const CLOSE_SQL = {
  figures: `SELECT coalesce(h.clerk_user_id, '') AS clerkId, coalesce(max(h.clerk_name), 'Sin asesor') AS clerkName, 'EQUIPO' AS kind,
       coalesce(hi.equipment_type, '') AS type, count(*) AS count
     FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
     WHERE +h.origin_station = ? AND h.delivered_at >= ? AND h.delivered_at < ? AND h.historical = 0
       AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)
     GROUP BY 1, 4
   UNION ALL
   SELECT coalesce(h.clerk_user_id, ''), coalesce(max(h.clerk_name), 'Sin asesor'), 'ACCESORIO', a.value, count(*)
     FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id JOIN json_each(CASE WHEN json_valid(hi.accessories) THEN hi.accessories ELSE '[]' END) a
     WHERE +h.origin_station = ? AND h.delivered_at >= ? AND h.delivered_at < ? AND h.historical = 0
       AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)
     GROUP BY 1, 4`,
  actas: `SELECT coalesce(h.clerk_user_id, '') AS clerkId, coalesce(max(h.clerk_name), 'Sin asesor') AS clerkName,
       sum(v.id IS NULL) AS actas, sum(v.id IS NOT NULL) AS voided
     FROM handovers h LEFT JOIN handover_voids v ON v.handover_id = h.id
     WHERE +h.origin_station = ? AND h.delivered_at >= ? AND h.delivered_at < ? AND h.historical = 0
     GROUP BY 1`,
} as const;

export function dayFigures(db: ReadDb, station: string, fromIso: string, toIso: string): Figure[] {
  return stmt(db, CLOSE_SQL.figures).all(station, fromIso, toIso, station, fromIso, toIso) as Figure[];
}

export function dayActas(db: ReadDb, station: string, fromIso: string, toIso: string): Array<{ clerkId: string; clerkName: string; actas: number; voided: number }> {
  return stmt(db, CLOSE_SQL.actas).all(station, fromIso, toIso) as Array<{ clerkId: string; clerkName: string; actas: number; voided: number }>;
}

export interface CloseRow {
  id: string;
  campaign_id: string;
  station_code: string;
  day: string;
  status: 'BORRADOR' | 'FIRMADO';
  note: string | null;
  counted_by: string | null;
  counted_at: string | null;
  signed_by: string | null;
  signed_by_name: string | null;
  signed_at: string | null;
}

export function findClose(db: ReadDb, station: string, day: string): CloseRow | null {
  return (
    (stmt(db, 'SELECT id, campaign_id, station_code, day, status, note, counted_by, counted_at, signed_by, signed_by_name, signed_at FROM daily_closes WHERE station_code = ? AND day = ?').get(station, day) as
      | CloseRow
      | undefined) ?? null
  );
}

export function closeLines(db: ReadDb, closeId: string): SavedLine[] {
  return stmt(
    db,
    'SELECT clerk_id AS clerkId, clerk_name AS clerkName, item_kind AS kind, item_type AS type, recorded, counted FROM daily_close_counts WHERE close_id = ?',
  ).all(closeId) as SavedLine[];
}

/** The campaign a new close belongs to: the open one (migration 0010 keeps exactly one open). */
function openCampaignId(db: ReadDb): string {
  return (stmt(db, 'SELECT id FROM campaigns WHERE closed_at IS NULL LIMIT 1').pluck().get() as string | undefined) ?? 'inicial';
}

/** The day's draft, created if there is none yet; its id. Refused by the triggers once signed. */
export function upsertDraft(tx: Tx, station: string, day: string, note: string | null, countedBy: string): string {
  const now = nowIso();
  const existing = findClose(tx, station, day);
  if (existing) {
    stmt(tx, 'UPDATE daily_closes SET note = ?, counted_by = ?, counted_at = ?, updated_at = ? WHERE id = ?').run(note, countedBy, now, now, existing.id);
    return existing.id;
  }
  const id = newId();
  stmt(
    tx,
    `INSERT INTO daily_closes (id, campaign_id, station_code, day, status, note, counted_by, counted_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'BORRADOR', ?, ?, ?, ?, ?)`,
  ).run(id, openCampaignId(tx), station, day, note, countedBy, now, now, now);
  return id;
}

export interface LineToStore {
  clerkId: string;
  clerkName: string;
  kind: ItemKind;
  type: string;
  recorded: number;
  counted: number | null;
}

/** Replaces the draft's lines with `lines` (the figures of the moment and the counts). */
export function replaceLines(tx: Tx, closeId: string, lines: LineToStore[]): void {
  stmt(tx, 'DELETE FROM daily_close_counts WHERE close_id = ?').run(closeId);
  const insert = stmt(tx, 'INSERT INTO daily_close_counts (close_id, clerk_id, clerk_name, item_kind, item_type, recorded, counted) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const l of lines) insert.run(closeId, l.clerkId, l.clerkName, l.kind, l.type, l.recorded, l.counted);
}

export function markSigned(tx: Tx, closeId: string, by: string, byName: string): string {
  const at = nowIso();
  stmt(tx, "UPDATE daily_closes SET status = 'FIRMADO', signed_by = ?, signed_by_name = ?, signed_at = ?, updated_at = ? WHERE id = ?").run(by, byName, at, at, closeId);
  return at;
}
