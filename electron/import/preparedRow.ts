import type { BaseFieldKey, RawBaseRow } from '../../shared/baseFields';
import { normalizeBaseRow, type NormalizedRow, type RowIssue } from '../../shared/baseRow';
import type { PriceList } from '../../shared/prices';
import { noteWarnings, type CellValue, type SheetRow } from '../spreadsheet/rowSource';
import { WHOLE_ROW, type TableHeader } from '../spreadsheet/table';

/**
 * A base row as the writer takes it: normalised, with the warnings on cells the reader could not
 * read. In a threaded import the reader thread prepares every row, so the thread that writes the
 * database does no per-cell work (normalising was a sixth of its time at 200,000 rows).
 */
export interface PreparedRow {
  normalized: NormalizedRow;
  notes: RowIssue[];
}

/** A sheet row of the base, prepared already when it comes from the reader thread. */
export interface BaseSheetRow extends SheetRow {
  prepared?: PreparedRow;
}

/** Which base field each column holds: the user's choice when given, else what the header says. */
export function columnMapping(header: TableHeader<BaseFieldKey>, chosen: Array<BaseFieldKey | null> | undefined): Array<BaseFieldKey | null> {
  return chosen ? header.headers.map((_, i) => chosen[i] ?? null) : header.mapping;
}

function toRaw(cells: CellValue[], mapping: Array<BaseFieldKey | null>): RawBaseRow {
  const raw: RawBaseRow = {};
  for (let i = 0; i < mapping.length; i++) {
    const key = mapping[i];
    if (key) raw[key] = cells[i] ?? null;
  }
  return raw;
}

export function prepareRow(row: SheetRow, mapping: Array<BaseFieldKey | null>, headers: readonly string[], prices: PriceList): PreparedRow {
  // Its cells are not where the header says: reading them as mapped would invent a service.
  if (row.misaligned) return { normalized: { ok: false, errors: [{ row: row.rowNumber, column: WHOLE_ROW, message: row.misaligned }], warnings: [] }, notes: [] };
  return {
    normalized: normalizeBaseRow(toRaw(row.cells, mapping), row.rowNumber, prices),
    notes: row.notes ? noteWarnings(row, headers, mapping) : [],
  };
}
