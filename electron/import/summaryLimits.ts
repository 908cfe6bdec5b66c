import { excerpt, stripControls } from '../../shared/fieldLimits';
import type { CellValue } from '../spreadsheet/rowSource';

/** Rows of the file shown in a preview, before anything is written. */
export const SAMPLE_ROWS = 8;
/** Rejected rows and warnings listed in a summary; the report workbook holds them all. */
export const MAX_LISTED = 500;

/**
 * Longest cell of a rejected row the report copies (and an office's list holds while it is
 * checked): every column's limit is below it, so only a hostile cell, whose length the row's
 * reason already states, is cut.
 */
export const REPORT_CELL_MAX = 1000;

/** A file's cell as the report writes it: control characters out (XML cannot hold them), hostile lengths cut. */
export function reportCell<T extends CellValue>(v: T | undefined): T | string | null {
  if (typeof v !== 'string') return v ?? null;
  return v.length > REPORT_CELL_MAX ? excerpt(v, REPORT_CELL_MAX) : stripControls(v, true);
}
