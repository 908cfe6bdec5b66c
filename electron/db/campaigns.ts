import type { CampaignSummary } from '../../shared/contracts/campaigns';
import { cents } from '../../shared/money';
import type { ReadDb, Tx } from './open';
import { campaignOf, readSetting, writeSetting } from './settings';
import { stmt } from './stmt';

/**
 * The campaigns table (migration 0010): one open row, the closed ones with their archive. Also the
 * one statement list that empties a campaign's working records when a new one starts.
 */

export interface CampaignRow {
  id: string;
  name: string;
  year: number;
  started_at: string;
  started_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  archive_file: string | null;
  archive_sha256: string | null;
  summary: string | null;
}

/** The campaign id a package or update without one belongs to: the one every station shared before campaigns. */
export const FIRST_CAMPAIGN_ID = 'inicial';

const COLUMNS = 'id, name, year, started_at, started_by, closed_at, closed_by, archive_file, archive_sha256, summary';

/** The open campaign (migration 0010 made one; starting a campaign always closes one and opens one). */
export function openCampaign(db: ReadDb): CampaignRow {
  const row = stmt(db, `SELECT ${COLUMNS} FROM campaigns WHERE closed_at IS NULL`).get() as CampaignRow | undefined;
  if (!row) throw new Error('No open campaign');
  return row;
}

export function closedCampaigns(db: ReadDb): CampaignRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM campaigns WHERE closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC`).all() as CampaignRow[];
}

export function campaignById(db: ReadDb, id: string): CampaignRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM campaigns WHERE id = ?`).get(id) as CampaignRow | undefined) ?? null;
}

/** The name and year in Configuración are the open campaign's: the row follows every change of them. */
export function keepOpenCampaignInStep(tx: Tx): void {
  const c = campaignOf(tx);
  stmt(tx, 'UPDATE campaigns SET name = ?, year = ? WHERE closed_at IS NULL AND (name <> ? OR year <> ?)').run(c.name, c.year, c.name, c.year);
}

export function closeCampaignRow(tx: Tx, o: { id: string; closedAt: string; closedBy: string | null; archiveFile: string; archiveSha256: string; summary: CampaignSummary }): void {
  stmt(tx, 'UPDATE campaigns SET closed_at = ?, closed_by = ?, archive_file = ?, archive_sha256 = ?, summary = ? WHERE id = ? AND closed_at IS NULL').run(
    o.closedAt,
    o.closedBy,
    o.archiveFile,
    o.archiveSha256,
    JSON.stringify(o.summary),
    o.id,
  );
}

export function insertCampaign(tx: Tx, o: { id: string; name: string; year: number; startedAt: string; startedBy: string | null }): void {
  stmt(tx, 'INSERT INTO campaigns (id, name, year, started_at, started_by) VALUES (?, ?, ?, ?, ?)').run(o.id, o.name, o.year, o.startedAt, o.startedBy);
}

/** What the open campaign holds now: the closing row's summary. */
export function campaignSummary(db: ReadDb): CampaignSummary {
  const n = (sql: string) => stmt(db, sql).pluck().get() as number;
  return {
    customers: n('SELECT count(*) FROM customers'),
    services: n('SELECT count(*) FROM services'),
    items: n('SELECT count(*) FROM expected_items'),
    actas: n('SELECT count(*) FROM handovers h WHERE NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)'),
    voided: n('SELECT count(*) FROM handover_voids'),
    returnedItems: n('SELECT count(*) FROM handover_items hi WHERE NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = hi.handover_id)'),
    backups: n('SELECT count(*) FROM backups'),
    totalCents: cents(n('SELECT coalesce(sum(value_cents), 0) FROM expected_items')),
    recoveredCents: cents(
      n(`SELECT coalesce(sum(e.value_cents), 0) FROM handover_items hi JOIN expected_items e ON e.id = hi.expected_item_id
         WHERE NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = hi.handover_id)`),
    ),
  };
}

/**
 * A campaign's working records, children before parents (foreign keys are on). Each table is
 * decided in docs/domain.md ("Campañas"); what is not here stays: users, stations, settings,
 * acta_counters (numbers never restart), audit_log and audit_customer_keys, db_backups, jobs,
 * sign-in attempts, station keys, daily closes, national_updates and sync_packages (the
 * registries of files exchanged, whose numbering continues).
 */
export const WORKING_TABLES = [
  'depuration_recordings',
  'billing_lines',
  'depuration_batches',
  'mail_messages',
  'backup_files',
  'backup_services',
  'backups',
  'handover_documents',
  'handover_items',
  'handover_voids',
  'handovers',
  'sync_conflicts',
  'staged_applies',
  'update_applies',
  'expected_items',
  'services',
  'customers',
  'imports',
] as const;

/** What a new campaign keeps (see WORKING_TABLES); a table in neither list fails a test, so none is forgotten. */
export const KEPT_TABLES = [
  'settings',
  'stations',
  'users',
  'acta_counters',
  'sync_packages',
  'jobs',
  'station_key_events',
  'national_updates',
  'sign_in_attempts',
  'audit_log',
  'audit_customer_keys',
  'db_backups',
  'campaigns',
  'daily_closes',
  'daily_close_counts',
] as const;

/** Empties the working records in the caller's write session; the FTS delete trigger follows the customers. */
export function clearWorkingRecords(tx: Tx): Record<string, number> {
  const removed: Record<string, number> = {};
  for (const table of WORKING_TABLES) {
    removed[table] = stmt(tx, `DELETE FROM ${table}`).run().changes;
  }
  return removed;
}

/** The search index matches the customers table (FTS5's own check), after the customers left. */
export function searchIndexSound(tx: Tx): boolean {
  try {
    stmt(tx, "INSERT INTO customers_fts (customers_fts, rank) VALUES ('integrity-check', 1)").run();
    return true;
  } catch {
    return false;
  }
}

/** At an office: the campaign a refused national update named, until this office starts it. */
export interface PendingCampaign {
  id: string;
  name: string;
  year: number;
}

const PENDING_KEY = 'pendingCampaign';

export function pendingCampaign(db: ReadDb): PendingCampaign | null {
  return readSetting<PendingCampaign>(db, PENDING_KEY);
}

export function setPendingCampaign(tx: Tx, pending: PendingCampaign | null): void {
  if (pending) writeSetting(tx, PENDING_KEY, pending);
  else stmt(tx, 'DELETE FROM settings WHERE key = ?').run(PENDING_KEY);
}

/** The open campaign as packages and national updates name it. */
export function campaignRef(db: ReadDb): { id: string; name: string; year: number } {
  const c = openCampaign(db);
  return { id: c.id, name: c.name, year: c.year };
}

/**
 * The open campaign when a package or an update names another one (none named: the first
 * campaign, from a version before campaigns); null when they match.
 */
export function otherCampaign(db: ReadDb, named: { id: string } | undefined): CampaignRow | null {
  const here = openCampaign(db);
  return (named?.id ?? FIRST_CAMPAIGN_ID) === here.id ? null : here;
}

/** Rows per working table: read in the archive and again in the write session, they must agree. */
export function workingRowCounts(db: ReadDb): string {
  return WORKING_TABLES.map((t) => `${t}:${stmt(db, `SELECT count(*) FROM ${t}`).pluck().get() as number}`).join(',');
}

/** Whether a database file is one of Recupera's with campaigns (an archive), before reading it as one. */
export function hasCampaignsTable(db: ReadDb): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'campaigns'").get() !== undefined;
}
