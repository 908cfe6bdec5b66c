import type { BillingBatch } from '../../shared/contracts/billing';
import type { DepurationCounts } from '../../shared/contracts/sync';
import { formatDateTime } from '../../shared/dates';
import { cents, parseMoneyToCents, type Cents } from '../../shared/money';
import { AppFailure } from '../../shared/result';
import { batchByNumber, laterSentBatch, linesAlreadyBilled, listBatches, markBatchConfirmed, markBatchSent, type BatchRow } from '../db/billing';
import { nowIso } from '../db/ids';
import type { Db, ReadDb } from '../db/open';
import { runWrite } from '../db/writeSession';
import type { BatchFiles } from './batchFiles';

/**
 * A batch's life: generado → enviado (to billing) → confirmado (billing received it), each step
 * with its date and who, never skipped and never undone. Sending is what makes its charges count
 * as billed, so a batch is sent only if billing does not already have any of its lines.
 */

/** Counts as recorded: batches from before money was kept in cents hold the total in dollars; older ones have no billing lines. */
interface StoredCounts extends Omit<DepurationCounts, 'chargeTotalCents'> {
  chargeTotalCents?: Cents;
  chargeTotal?: number;
  billing?: BillingBatch['billing'];
}

const LISTED = 200;

function view(b: BatchRow, replacedBy: string | null): BillingBatch {
  const { chargeTotalCents, chargeTotal, billing, pending = 0, partial = 0, delivered = 0, regularized = 0, inReview = 0 } = JSON.parse(b.counts) as Partial<StoredCounts>;
  const f = JSON.parse(b.files) as BatchFiles;
  return {
    batch: b.batch,
    createdAt: b.created_at,
    status: b.status,
    sent: b.sent_at ? { at: b.sent_at, by: b.sent_by } : null,
    confirmed: b.confirmed_at ? { at: b.confirmed_at, by: b.confirmed_by } : null,
    replacedBy,
    counts: { pending, partial, delivered, regularized, inReview, chargeTotalCents: chargeTotalCents ?? parseMoneyToCents(chargeTotal ?? 0) ?? cents(0) },
    billing: billing ?? { chargeItems: 0, chargeCents: cents(0), reversalItems: 0, reversalCents: cents(0) },
    files: f.files,
    sha256: f.sha256,
  };
}

/** Batches newest first; a generated batch older than a sent one names it (it can no longer be sent). */
export function billingBatchList(db: ReadDb): BillingBatch[] {
  let newestSent: string | null = null;
  return listBatches(db, LISTED).map((b) => {
    const v = view(b, b.status === 'GENERADO' ? newestSent : null);
    if (b.status !== 'GENERADO') newestSent ??= b.batch;
    return v;
  });
}

function find(db: ReadDb, batch: string): BatchRow {
  const b = batchByNumber(db, batch);
  if (!b) throw new AppFailure('not_found', `No existe el lote ${batch} en esta base de datos.`);
  return b;
}

const when = (at: string | null, by: string | null) => `el ${formatDateTime(at ?? '')}${by ? ` por ${by}` : ''}`;

export function markSent(db: Db, batch: string, by: string | null, now = new Date()): BillingBatch {
  runWrite(db, (tx) => {
    const b = find(tx, batch);
    if (b.status === 'ENVIADO') throw new AppFailure('refused', `El lote ${batch} ya se marcó como enviado a facturación ${when(b.sent_at, b.sent_by)}.`);
    if (b.status === 'CONFIRMADO') throw new AppFailure('refused', `El lote ${batch} ya tiene la recepción confirmada; un lote no vuelve a un paso anterior.`);
    const later = laterSentBatch(tx, b);
    if (later) {
      throw new AppFailure(
        'refused',
        `El lote ${batch} es anterior al lote ${later}, que ya se envió a facturación: sus cargos ya no están al día. No lo envíe; genere una depuración nueva si hace falta.`,
      );
    }
    const twice = linesAlreadyBilled(tx, b.id);
    if (twice.charges > 0 || twice.reversals > 0) {
      const what = [twice.charges > 0 ? `${twice.charges} cargos` : '', twice.reversals > 0 ? `${twice.reversals} reversos` : ''].filter(Boolean).join(' y ');
      throw new AppFailure(
        'refused',
        `El lote ${batch} repite ${what} que facturación ya recibió en otro lote enviado. No lo envíe: genere una depuración nueva y envíe ese lote.`,
      );
    }
    markBatchSent(tx, b.id, nowIso(now), by);
  });
  return view(find(db, batch), null);
}

export function markConfirmed(db: Db, batch: string, by: string | null, now = new Date()): BillingBatch {
  runWrite(db, (tx) => {
    const b = find(tx, batch);
    if (b.status === 'GENERADO') {
      throw new AppFailure('refused', `El lote ${batch} todavía no se ha enviado a facturación: márquelo como enviado antes de confirmar su recepción.`);
    }
    if (b.status === 'CONFIRMADO') throw new AppFailure('refused', `La recepción del lote ${batch} ya se confirmó ${when(b.confirmed_at, b.confirmed_by)}.`);
    markBatchConfirmed(tx, b.id, nowIso(now), by);
  });
  return view(find(db, batch), null);
}
