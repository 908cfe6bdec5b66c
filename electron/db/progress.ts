import { UNTYPED } from '../../shared/prices';
import type { ServiceStatus } from '../../shared/status';
import type { ReadDb } from './open';
import { stmt } from './stmt';

/**
 * What Avance reads (docs/domain.md "Avance"). Read-only; the use case (electron/app/progress.ts)
 * adds up these rows. The state of the campaign is a national aggregate over every service and
 * expected item held here, so it scans those tables once each: no index narrows "all of them".
 * What came back is found from the actas' side (proportional to the returns, through indexes),
 * and the activity through the delivery-date index.
 */

const NOT_VOIDED = (h: string) => `NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = ${h}.id)`;

/**
 * Expected items an acta that is not voided took: by the item itself, or by its serial within the
 * same service (the rule of docs/domain.md §6.2, as serviceFacts applies it). CROSS JOIN keeps the
 * returned items as the outer loop: left to itself the planner walks every expected item instead.
 */
const RETURNED_ITEMS = `
  SELECT hi.expected_item_id AS id FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
  WHERE hi.expected_item_id IS NOT NULL AND ${NOT_VOIDED('h')}
  UNION
  SELECT e.id FROM handover_items hi CROSS JOIN expected_items e ON e.serial_key = hi.serial_key AND e.service_id = hi.service_id
    JOIN handovers h ON h.id = hi.handover_id
  WHERE hi.serial_key IS NOT NULL AND ${NOT_VOIDED('h')}`;

/**
 * The price of a returned item's type (shared/prices.ts priceKey's form, as the depuración reads
 * it), for items the base gives no value: returned items it did not list, or an unusable VALOR.
 */
const PRICE_OF_RETURNED = `(SELECT CASE WHEN json_type(st.value, p.path) = 'integer' THEN json_extract(st.value, p.path) END
    FROM settings st, (SELECT '$."' || replace(replace(coalesce(nullif(upper(trim(hi.equipment_type)), ''), '${UNTYPED}'), '"', ''''), '\\', '/') || '"' AS path) p
    WHERE st.key = 'prices' AND json_valid(st.value))`;

/** The statements behind Avance, named so the query-plan test checks what runs. */
export const PROGRESS_SQL = {
  servicesByLine: `SELECT business_line AS line, status, count(*) AS n FROM services GROUP BY business_line, status`,
  expectedByLineType: `SELECT s.business_line AS line, e.equipment_type AS type, s.status, count(*) AS n,
      coalesce(sum(CASE WHEN e.value_cents >= 0 THEN e.value_cents END), 0) AS cents, sum(NOT coalesce(e.value_cents >= 0, 0)) AS unvalued
    FROM expected_items e JOIN services s ON s.id = e.service_id
    GROUP BY s.business_line, e.equipment_type, s.status`,
  returnedByLineType: `WITH returned(id) AS (${RETURNED_ITEMS})
    SELECT s.business_line AS line, e.equipment_type AS type, s.status, count(*) AS n,
      coalesce(sum(CASE WHEN e.value_cents >= 0 THEN e.value_cents END), 0) AS cents, sum(NOT coalesce(e.value_cents >= 0, 0)) AS unvalued
    FROM returned r CROSS JOIN expected_items e ON e.id = r.id CROSS JOIN services s ON s.id = e.service_id
    GROUP BY s.business_line, e.equipment_type, s.status`,
  /**
   * Actas delivered in [from, to) by UTC hour and station (the use case folds hours into the PC's
   * local days: SQLite's 'localtime' costs more than the rest of the query): voided ones counted
   * apart, items and their base value only for the others. `+origin_station` keeps the planner on
   * the date index (a station's actas are nearly all of an office's).
   */
  activity: `SELECT substr(h.delivered_at, 1, 13) AS hour, h.origin_station AS station,
      sum(v.id IS NULL) AS actas, sum(v.id IS NOT NULL) AS voided,
      coalesce(sum(CASE WHEN v.id IS NULL THEN (SELECT count(*) FROM handover_items hi WHERE hi.handover_id = h.id) END), 0) AS items,
      coalesce(sum(CASE WHEN v.id IS NULL THEN (SELECT count(*) FROM handover_items hi WHERE hi.handover_id = h.id AND hi.unexpected = 1) END), 0) AS unlisted,
      coalesce(sum(CASE WHEN v.id IS NULL THEN (
        SELECT sum(coalesce(e.value_cents, (SELECT m.value_cents FROM expected_items m
                                             WHERE hi.serial_key IS NOT NULL AND m.serial_key = hi.serial_key AND m.service_id = hi.service_id LIMIT 1),
                            ${PRICE_OF_RETURNED}, 0))
        FROM handover_items hi LEFT JOIN expected_items e ON e.id = hi.expected_item_id WHERE hi.handover_id = h.id) END), 0) AS cents
    FROM handovers h LEFT JOIN handover_voids v ON v.handover_id = h.id
    WHERE h.delivered_at >= @from AND h.delivered_at < @to AND (@station IS NULL OR +h.origin_station = @station)
    GROUP BY hour, h.origin_station`,
  /**
   * Stations known here (every package's station is enrolled at the central before it is
   * consolidated), and whether any acta here is theirs: the central issues none as a rule, but one
   * that does is counted, and must be choosable like any office.
   */
  stations: `SELECT code, office, role, EXISTS (SELECT 1 FROM handovers h WHERE h.origin_station = stations.code) AS has_actas FROM stations ORDER BY code`,
} as const;

export interface LineStatusRow {
  line: string | null;
  status: ServiceStatus;
  n: number;
}

export interface LineTypeStatusRow extends LineStatusRow {
  type: string | null;
  /** The base's usable VALOR of the items (whole, not negative). */
  cents: number;
  /** Items without a usable VALOR: the use case values them at their type's price. */
  unvalued: number;
}

export interface ActivityRow {
  /** `YYYY-MM-DDTHH` of the UTC instant the actas were delivered. */
  hour: string;
  station: string;
  actas: number;
  voided: number;
  items: number;
  unlisted: number;
  cents: number;
}

export function servicesByLine(db: ReadDb): LineStatusRow[] {
  return stmt(db, PROGRESS_SQL.servicesByLine).all() as LineStatusRow[];
}

export function expectedByLineType(db: ReadDb): LineTypeStatusRow[] {
  return stmt(db, PROGRESS_SQL.expectedByLineType).all() as LineTypeStatusRow[];
}

export function returnedByLineType(db: ReadDb): LineTypeStatusRow[] {
  return stmt(db, PROGRESS_SQL.returnedByLineType).all() as LineTypeStatusRow[];
}

/** Actas delivered in `[fromIso, toIso)` (instants), of one station or all (`station` null). */
export function activityRows(db: ReadDb, fromIso: string, toIso: string, station: string | null): ActivityRow[] {
  return stmt(db, PROGRESS_SQL.activity).all({ from: fromIso, to: toIso, station }) as ActivityRow[];
}

export interface ProgressStationRow {
  code: string;
  office: string;
  /** OFICINA or CENTRAL. */
  role: string;
  /** 1 when an acta of this station is held here. */
  has_actas: number;
}

/**
 * Changes when anything in the database may have: commits by other connections (data_version)
 * and rows changed by this one (total_changes). Equal markers: the state read before still holds.
 */
export function changeMarker(db: ReadDb): string {
  return `${String(db.pragma('data_version', { simple: true }))}:${String(stmt(db, 'SELECT total_changes()').pluck().get())}`;
}

export function progressStations(db: ReadDb): ProgressStationRow[] {
  return stmt(db, PROGRESS_SQL.stations).all() as ProgressStationRow[];
}
