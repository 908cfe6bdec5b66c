import type { ConflictKind, DepurationCounts, DepurationFiles, RecordCounts } from '../../shared/contracts/sync';
import { cents, parseMoneyToCents, type Cents } from '../../shared/money';
import type { Db } from '../db/open';

/**
 * A batch's counts as recorded: batches written before money was carried in cents hold the
 * total in dollars (`chargeTotal`), later ones in cents.
 */
type StoredBatchCounts = Omit<DepurationCounts, 'chargeTotalCents'> & {
  chargeTotalCents?: Cents;
  chargeTotal?: number;
  rows: { baseDepurada: number; cargaValores: number; reversals: number; comunicaciones: number };
};

const LISTED = 200;

/** Exports and consolidations done here, open conflicts and depuración batches, newest first. */
export function syncOverviewOf(db: Db) {
  const packages = (
    db
      .prepare(
        `SELECT direction, station_code, file_name, created_at, range_from, range_to, summary, path FROM sync_packages
         ORDER BY created_at DESC LIMIT ${LISTED}`,
      )
      .all() as Array<{
      direction: 'EXPORT' | 'IMPORT';
      station_code: string;
      file_name: string | null;
      created_at: string;
      range_from: string | null;
      range_to: string | null;
      summary: string;
      path: string | null;
    }>
  ).map((r) => {
    const c = JSON.parse(r.summary) as Partial<RecordCounts>;
    return {
      direction: r.direction,
      station: r.station_code,
      fileName: r.file_name ?? '',
      createdAt: r.created_at,
      from: r.range_from,
      to: r.range_to,
      counts: { handovers: c.handovers ?? 0, items: c.items ?? 0, backups: c.backups ?? 0, voids: c.voids ?? 0 },
      path: r.path,
    };
  });
  const lastExport = packages.find((p) => p.direction === 'EXPORT') ?? null;
  const conflicts = (
    db.prepare(`SELECT kind, detail, created_at FROM sync_conflicts ORDER BY created_at DESC, kind, conflict_key LIMIT ${LISTED}`).all() as Array<{
      kind: ConflictKind;
      detail: string;
      created_at: string;
    }>
  ).map((c) => ({ kind: c.kind, detail: c.detail, createdAt: c.created_at }));
  const batches = (
    db.prepare(`SELECT batch, created_at, counts, files FROM depuration_batches ORDER BY created_at DESC LIMIT ${LISTED}`).all() as Array<{
      batch: string;
      created_at: string;
      counts: string;
      files: string;
    }>
  ).map((b) => {
    const stored = JSON.parse(b.counts) as StoredBatchCounts;
    const f = JSON.parse(b.files) as { files: DepurationFiles; sha256: DepurationFiles };
    const { rows, chargeTotal, chargeTotalCents, ...rest } = stored;
    const counts: DepurationCounts = { ...rest, chargeTotalCents: chargeTotalCents ?? parseMoneyToCents(chargeTotal ?? 0) ?? cents(0) };
    return { batch: b.batch, createdAt: b.created_at, files: f.files, sha256: f.sha256, counts, rows };
  });
  return {
    lastExport: lastExport ? { at: lastExport.createdAt, to: lastExport.to ?? lastExport.createdAt, fileName: lastExport.fileName } : null,
    packages,
    conflicts,
    batches,
  };
}
