import type { ReadDb, Tx } from './open';
import { CHARGED_BY_BASE, CHARGED_BY_BATCH, RECORDED } from './depuration';
import { stmt } from './stmt';

/**
 * A depuración batch's billing: the CARGO and REVERSO lines it carried, and its lifecycle
 * GENERADO → ENVIADO → CONFIRMADO. Only lines of a sent batch (ENVIADO or CONFIRMADO) count as
 * billed; what that means for the next carga de valores is in depuration.ts.
 */

export type BatchStatus = 'GENERADO' | 'ENVIADO' | 'CONFIRMADO';

export interface BatchRow {
  id: string;
  batch: string;
  created_at: string;
  status: BatchStatus;
  sent_at: string | null;
  sent_by: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  counts: string;
  files: string;
}

// Who is kept by name, as a respaldo's reviewer is: what people read, and it stays true if the user is renamed.
const BATCH_COLUMNS = `b.id, b.batch, b.created_at, b.status, b.sent_at, b.sent_by, b.confirmed_at, b.confirmed_by, b.counts, b.files
FROM depuration_batches b`;

export function batchByNumber(db: ReadDb, batch: string): BatchRow | undefined {
  return stmt(db, `SELECT ${BATCH_COLUMNS} WHERE b.batch = ? AND ${RECORDED}`).get(batch) as BatchRow | undefined;
}

/** Every batch, newest first. */
export function listBatches(db: ReadDb, limit: number): BatchRow[] {
  return stmt(db, `SELECT ${BATCH_COLUMNS} WHERE ${RECORDED} ORDER BY b.created_at DESC, b.batch DESC LIMIT ?`).all(limit) as BatchRow[];
}

/** The newest sent batch generated after the given one, if any: the given one is then out of date. */
export function laterSentBatch(db: ReadDb, b: { created_at: string; batch: string }): string | null {
  return (
    (stmt(
      db,
      `SELECT batch FROM depuration_batches WHERE status IN ('ENVIADO', 'CONFIRMADO') AND (created_at > ? OR (created_at = ? AND batch > ?))
       ORDER BY created_at DESC LIMIT 1`,
    )
      .pluck()
      .get(b.created_at, b.created_at, b.batch) as string | undefined) ?? null
  );
}

/**
 * Lines of a batch that billing already has from another sent batch: a CARGO on an item whose
 * charge stands, a REVERSO of a charge already reversed. Sending the batch would bill them twice.
 */
export function linesAlreadyBilled(db: ReadDb, batchId: string): { charges: number; reversals: number } {
  return stmt(
    db,
    `SELECT
       coalesce(sum(l.kind = 'CARGO' AND (${CHARGED_BY_BATCH} OR ${CHARGED_BY_BASE})), 0) AS charges,
       coalesce(sum(l.kind = 'REVERSO' AND CASE WHEN l.origin_batch_id IS NULL THEN NOT ${CHARGED_BY_BASE} ELSE EXISTS (
         SELECT 1 FROM billing_lines r JOIN depuration_batches rb ON rb.id = r.batch_id
         WHERE r.expected_item_id = e.id AND r.kind = 'REVERSO' AND r.origin_batch_id = l.origin_batch_id
           AND rb.status IN ('ENVIADO', 'CONFIRMADO')) END), 0) AS reversals
     FROM billing_lines l JOIN expected_items e ON e.id = l.expected_item_id JOIN services s ON s.id = l.service_id
     WHERE l.batch_id = ?`,
  ).get(batchId) as { charges: number; reversals: number };
}

export function markBatchSent(tx: Tx, id: string, at: string, by: string | null): void {
  stmt(tx, `UPDATE depuration_batches AS b SET status = 'ENVIADO', sent_at = ?, sent_by = ? WHERE id = ? AND status = 'GENERADO' AND ${RECORDED}`).run(at, by, id);
}

export function markBatchConfirmed(tx: Tx, id: string, at: string, by: string | null): void {
  stmt(tx, `UPDATE depuration_batches SET status = 'CONFIRMADO', confirmed_at = ?, confirmed_by = ? WHERE id = ? AND status = 'ENVIADO'`).run(at, by, id);
}

// Lines go in as JSON arrays of a few thousand at a time: one statement each, four times faster
// than a statement per line, so the write that records a big batch stays short.
const CHUNK = 8192;

/**
 * A batch's CARGO lines, one per item of its carga de valores, named by the item's rowid (what the
 * depuración kept while it wrote the file) and the value it listed. Returns how many were written:
 * fewer than asked means an item went away meanwhile.
 */
export function insertChargeLines(tx: Tx, batchId: string, itemRows: readonly number[], values: readonly number[]): number {
  const insert = stmt(
    tx,
    `INSERT INTO billing_lines (batch_id, kind, service_id, expected_item_id, value_cents, origin_batch_id)
     SELECT ?, 'CARGO', e.service_id, e.id, j.value ->> 1, NULL FROM json_each(?) j JOIN expected_items e ON e.rowid = j.value ->> 0`,
  );
  let written = 0;
  for (let i = 0; i < itemRows.length; i += CHUNK) {
    const lines = itemRows.slice(i, i + CHUNK).map((row, k) => [row, values[i + k]]);
    written += insert.run(batchId, JSON.stringify(lines)).changes;
  }
  return written;
}

/** A batch's REVERSO lines: the item, the value reversed and the batch whose charge it reverses (null: the base's). */
export function insertReversalLines(tx: Tx, batchId: string, lines: ReadonlyArray<{ itemRow: number; cents: number; originBatchId: string | null }>): number {
  const insert = stmt(
    tx,
    `INSERT INTO billing_lines (batch_id, kind, service_id, expected_item_id, value_cents, origin_batch_id)
     SELECT ?, 'REVERSO', e.service_id, e.id, j.value ->> 1, j.value ->> 2 FROM json_each(?) j JOIN expected_items e ON e.rowid = j.value ->> 0`,
  );
  let written = 0;
  for (let i = 0; i < lines.length; i += CHUNK) {
    written += insert.run(batchId, JSON.stringify(lines.slice(i, i + CHUNK).map((l) => [l.itemRow, l.cents, l.originBatchId]))).changes;
  }
  return written;
}

/** What a batch carried: items and cents charged and reversed. */
export function batchLineTotals(db: ReadDb, batchId: string): { chargeItems: number; chargeCents: number; reversalItems: number; reversalCents: number } {
  return stmt(
    db,
    `SELECT coalesce(sum(kind = 'CARGO'), 0) AS chargeItems, coalesce(sum(CASE kind WHEN 'CARGO' THEN value_cents END), 0) AS chargeCents,
       coalesce(sum(kind = 'REVERSO'), 0) AS reversalItems, coalesce(sum(CASE kind WHEN 'REVERSO' THEN value_cents END), 0) AS reversalCents
     FROM billing_lines WHERE batch_id = ?`,
  ).get(batchId) as { chargeItems: number; chargeCents: number; reversalItems: number; reversalCents: number };
}

/** A batch being recorded: its row in depuration_recordings. */
export interface Recording {
  batchId: string;
  pid: number;
}

/** Marks a batch as being recorded by process `pid` (in the session that inserts it). */
export function startRecording(tx: Tx, batchId: string, pid: number, at: string): Recording {
  stmt(tx, 'INSERT INTO depuration_recordings (batch_id, pid, started_at) VALUES (?, ?, ?)').run(batchId, pid, at);
  return { batchId, pid };
}

/** The batch is wholly recorded; false when its mark was gone (the batch removed meanwhile). */
export function endRecording(tx: Tx, batchId: string): boolean {
  return stmt(tx, 'DELETE FROM depuration_recordings WHERE batch_id = ?').run(batchId).changes === 1;
}

/** A batch's `files` column (JSON: kept files, their SHA-256, delivered copies), or null when there is no such batch. */
export function batchFilesJson(db: ReadDb, batchId: string): string | null {
  return (stmt(db, 'SELECT files FROM depuration_batches WHERE id = ?').pluck().get(batchId) as string | undefined) ?? null;
}

export function recordingsInProgress(db: ReadDb): Recording[] {
  return stmt(db, 'SELECT batch_id AS batchId, pid FROM depuration_recordings').all() as Recording[];
}

/**
 * Removes up to `limit` lines of a half-recorded batch (found through the primary key, which
 * begins with batch_id); returns how many it removed.
 */
export function deleteRecordingLines(tx: Tx, batchId: string, limit: number): number {
  return stmt(tx, 'DELETE FROM billing_lines WHERE rowid IN (SELECT rowid FROM billing_lines WHERE batch_id = ? LIMIT ?)').run(batchId, limit).changes;
}

/** Removes a half-recorded batch once its lines are gone. */
export function deleteRecordingBatch(tx: Tx, batchId: string): void {
  stmt(tx, 'DELETE FROM depuration_recordings WHERE batch_id = ?').run(batchId);
  stmt(tx, 'DELETE FROM depuration_batches WHERE id = ?').run(batchId);
}
