import type { ImportCounts } from '../db/imports';
import type { RawBaseRow } from '../../shared/baseFields';
import { normalizeBaseRow, type NormalizedRow, type RowIssue } from '../../shared/baseRow';
import { NO_PRICES, type PriceList } from '../../shared/prices';
import type { BaseWriter } from './baseWriter';
import { fingerprint } from './fingerprint';
import type { CellValue } from '../spreadsheet/rowSource';

export interface RejectedRow {
  row: number;
  reason: string;
  cells: CellValue[];
}

export type ApplyCounts = ImportCounts;

/** A row's cells, or how to get them: they are needed only if the row is rejected (see wireRows.ts). */
type Cells = CellValue[] | (() => CellValue[]);

/**
 * Turns raw rows into writes: normalises, rejects what cannot be used, spots rows repeated in
 * the file, gives each item a stable line key, and counts every row into exactly one bucket.
 */
export class BaseRowApplier {
  readonly counts: ApplyCounts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, warnings: 0 };
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];

  /**
   * Rejected rows, with their cells, are handed to `onRejected` (the report being written) and
   * not kept: a file of a hundred thousand rejected rows of 10 KB must not fill the memory. Only
   * their reasons are kept, up to `keep.errors`, for the summary.
   */
  constructor(
    private readonly writer: BaseWriter,
    private readonly onRejected: ((r: RejectedRow) => void) | null = null,
    private readonly keep = { errors: 2_000, warnings: 100_000 },
    /** The prices per type at the start of the load: they word the warning of an unusable VALOR. */
    private readonly prices: PriceList = NO_PRICES,
  ) {}

  warn(w: RowIssue): void {
    this.counts.warnings++;
    if (this.warnings.length < this.keep.warnings) this.warnings.push(w);
  }

  private reject(rowNo: number, issues: RowIssue[], cells: Cells): void {
    this.counts.rejected++;
    for (const e of issues) if (this.errors.length < this.keep.errors) this.errors.push(e);
    this.onRejected?.({ row: rowNo, reason: issues.map((i) => i.message).join(' '), cells: typeof cells === 'function' ? cells() : cells });
  }

  apply(raw: RawBaseRow, rowNo: number, cells: CellValue[] = []): void {
    const n = normalizeBaseRow(raw, rowNo, this.prices);
    this.applyNormalized(n, rowNo, cells);
  }

  /** A row normalised already (by the reader thread, see preparedRow.ts). */
  applyNormalized(n: NormalizedRow, rowNo: number, cells: Cells = []): void {
    this.counts.rows++;
    for (const w of n.warnings) this.warn(w);
    if (!n.ok) return this.reject(rowNo, n.errors, cells);
    const r = n.row;
    let lineKey: string;
    if (r.serialKey) {
      lineKey = r.serialKey;
    } else {
      // Items without serial are told apart by type, brand, model and how many came before;
      // an identical row is the same item repeated.
      const base = `${r.serviceKey}\u0001${r.equipmentType ?? ''}|${r.brand ?? ''}|${r.model ?? ''}`;
      const fp = fingerprint(JSON.stringify(r));
      const n = this.writer.looseOccurrence(base, fp);
      if (n === null) {
        this.counts.duplicates++;
        return this.warn({ row: rowNo, column: 'FILA', message: 'Fila repetida (mismo equipo sin serie y mismos datos); se tomó una sola vez.' });
      }
      lineKey = `#${r.equipmentType ?? ''}|${r.brand ?? ''}|${r.model ?? ''}|${n}`;
    }
    const outcome = this.writer.apply(r, lineKey, rowNo, (w) => this.warn(w));
    if (typeof outcome === 'string') {
      this.counts[outcome]++;
    } else if ('duplicateOf' in outcome) {
      this.counts.duplicates++;
      this.warn({ row: rowNo, column: 'FILA', message: `Fila repetida (igual a la fila ${outcome.duplicateOf}); se tomó una sola vez.` });
    } else {
      this.reject(
        rowNo,
        [{ row: rowNo, column: 'SERIE', message: `La serie ${r.serial} del servicio ${r.serviceNumber} ya aparece en la fila ${outcome.conflictWith} con otros datos.` }],
        cells,
      );
    }
  }
}
