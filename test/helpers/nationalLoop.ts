import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { backupsRegister } from '../../shared/contracts/backups';
import { applyUpdateJob, consolidateJob, exportJob, publishUpdateJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate, syncExport } from '../../shared/contracts/sync';
import { updatesApply, updatesPublish } from '../../shared/contracts/updates';
import { call } from '../../electron/handlers/call';
import type { TestApp } from './app';
import { card, coordinator, office, posventa, runJob } from './offices';
import { linkStations } from './trust';
import { validPdf } from './documents';
import { pick } from './files';

export const PDF = validPdf();

/** The national loop's stations: Posventa's central P and offices, each office trusting P and enrolled there. */
export async function nationalLoop(offices: Array<[string, string]>, centralCode = 'PV-01'): Promise<{ p: TestApp; offices: TestApp[] }> {
  const p = await office(centralCode, 'Posventa Nacional', undefined, { central: true });
  const list: TestApp[] = [];
  for (const [code, name] of offices) list.push(await office(code, name));
  await linkStations(p.ctx.app, list.map((o) => o.ctx.app));
  return { p, offices: list };
}

export const exportNow = (t: TestApp) => runJob(t, exportJob, syncExport, { includeDocuments: false }, coordinator);
export const consolidate = (t: TestApp, paths: string[]) => runJob(t, consolidateJob, syncConsolidate, { packages: paths.map((path) => pick(t.ctx.session, path)) }, posventa);

/** Publishes at the central into a folder of its own; returns the job's result. */
export function publish(p: TestApp, sinceSeq?: number) {
  const destination = mkdtempSync(join(p.dir, 'salida-'));
  return runJob(p, publishUpdateJob, updatesPublish, { destination, ...(sinceSeq ? { sinceSeq } : {}) }, posventa);
}

export const applyAt = (t: TestApp, path: string) => runJob(t, applyUpdateJob, updatesApply, { file: pick(t.ctx.session, path) }, coordinator);

/** Applies and returns the refusal's message, or null when it applied. */
export async function applyRefusal(t: TestApp, path: string): Promise<string | null> {
  try {
    await applyAt(t, path);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Registers a respaldo at an office for one service of a customer. */
export async function registerBackup(t: TestApp, identification: string, serviceNumber: string): Promise<string> {
  const c = await card(t, identification);
  const pdf = join(t.dir, `respaldo-${serviceNumber}.pdf`);
  writeFileSync(pdf, PDF);
  const previous = t.ctx.session.user;
  t.ctx.session.user = coordinator;
  try {
    const r = await call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services.find((s) => s.serviceNumber === serviceNumber)!.id], files: [pick(t.ctx.session, pdf, 'acta.pdf')] });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  } finally {
    t.ctx.session.user = previous;
  }
}

/**
 * An office's national truth by content: base rows by their keys, records by their UUIDs, statuses
 * with their reasons. Local bookkeeping (internal ids, stamps, the update history) is left out.
 */
export function officeContent(db: Database.Database) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    customers: all('SELECT customer_key, identification, name, phone FROM customers ORDER BY customer_key'),
    services: all(
      `SELECT s.service_key, c.customer_key, s.service_number, s.status, s.status_reason, s.in_base, s.charges_loaded
       FROM services s JOIN customers c ON c.id = s.customer_id ORDER BY s.service_key`,
    ),
    expected: all('SELECT s.service_key, e.line_key, e.serial, e.value_cents FROM expected_items e JOIN services s ON s.id = e.service_id ORDER BY 1, 2'),
    handovers: all('SELECT h.id, h.origin_station, h.acta_number, h.original_number, c.customer_key FROM handovers h LEFT JOIN customers c ON c.id = h.customer_id ORDER BY h.id'),
    items: all(
      `SELECT hi.id, hi.handover_id, s.service_key, e.line_key, hi.serial_key FROM handover_items hi LEFT JOIN services s ON s.id = hi.service_id
       LEFT JOIN expected_items e ON e.id = hi.expected_item_id ORDER BY hi.id`,
    ),
    voids: all('SELECT id, handover_id, reason FROM handover_voids ORDER BY id'),
    backups: all('SELECT id, status, review_reason, reviewed_at FROM backups ORDER BY id'),
    backupServices: all('SELECT bs.backup_id, s.service_key FROM backup_services bs JOIN services s ON s.id = bs.service_id ORDER BY 1, 2'),
    conflicts: all('SELECT kind, conflict_key, resolution FROM sync_conflicts ORDER BY kind, conflict_key'),
    stations: all('SELECT code, public_key, enrolled_at IS NOT NULL AS trusted FROM stations WHERE is_local = 0 ORDER BY code'),
    settings: all('SELECT key, value FROM settings ORDER BY key'),
  };
}
