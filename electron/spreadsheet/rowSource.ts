/** What every spreadsheet reader yields: a plain row iterator, so readers can be swapped. */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  sheet: string;
  /** Row number as the spreadsheet shows it (1-based). */
  rowNumber: number;
  /** Cells from column A onward. */
  cells: CellValue[];
  /**
   * Cells the reader could not read as they look in the spreadsheet (a formula whose result was
   * never saved, an error value), each read as empty: the import turns them into warnings on the
   * row. Absent when there is none.
   */
  notes?: CellNote[];
  /**
   * CSV only: the row holds something past the header's last column, so a separator inside an
   * unquoted value (`35,50`, `PEREZ, JUAN`) shifted its cells. The Spanish reason; the row is rejected.
   */
  misaligned?: string;
}

export interface CellNote {
  /** Zero-based column, as in `cells`. */
  column: number;
  /** Spanish, for the report: names the cell (e.g. D12) and what was read. */
  message: string;
}

export interface RowSource {
  kind: 'xlsx' | 'csv';
  totalBytes: number;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
  rows(): AsyncIterable<SheetRow>;
  /** Stops reading and releases the file. */
  close(): void;
}

/**
 * The notes on the columns an import reads (`mapping[i]` set), as warnings on the row, each
 * column named by its header.
 */
export function noteWarnings(row: SheetRow, headers: readonly string[], mapping: readonly unknown[]): Array<{ row: number; column: string; message: string }> {
  if (!row.notes) return [];
  return row.notes.filter((n) => mapping[n.column]).map((n) => ({ row: row.rowNumber, column: headers[n.column] ?? '', message: n.message }));
}
