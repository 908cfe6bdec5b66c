/** What every spreadsheet reader yields: a plain row iterator, so readers can be swapped. */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  sheet: string;
  /** Row number as the spreadsheet shows it (1-based). */
  rowNumber: number;
  /** Cells from column A onward. */
  cells: CellValue[];
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
