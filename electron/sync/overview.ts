import type { DepurationCounts, DepurationFiles, RecordCounts } from '../../shared/contracts/sync';
import { cents, parseMoneyToCents, type Cents } from '../../shared/money';
import { recentBatches } from '../db/depuration';
import type { ReadDb } from '../db/open';
import { recentConflicts } from '../db/conflicts';
import { recentPackages } from '../db/syncPackages';

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
export function syncOverviewOf(db: ReadDb) {
  const packages = recentPackages(db, LISTED).map((r) => {
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
  const conflicts = recentConflicts(db, LISTED).map((c) => ({ kind: c.kind, detail: c.detail, createdAt: c.created_at }));
  const batches = recentBatches(db, LISTED).map((b) => {
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
