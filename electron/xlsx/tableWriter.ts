import ExcelJS from 'exceljs';
import { isFormulaLike } from '../../shared/text';
import { paceSheet } from './pace';

export type OutCell = string | number | boolean | Date | null;

export interface ColumnSpec {
  header: string;
  width?: number;
  /** `text` keeps IDs and service numbers as text; `date` writes a real date shown dd/mm/aaaa. */
  type?: 'text' | 'number' | 'money' | 'date' | 'auto';
}

/**
 * Every workbook Recupera writes follows the same rules (docs/domain.md §8.6): header row frozen and
 * filtered, real dates, codes as text, and no cell a spreadsheet would run as a formula.
 */
export function createWorkbook(filename: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: false, useStyles: true });
  wb.creator = 'Recupera';
  wb.created = new Date();
  return wb;
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

export class TableSheet {
  private readonly ws: ExcelJS.Worksheet;
  constructor(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    private readonly columns: ColumnSpec[],
  ) {
    this.ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    this.ws.columns = columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(12, Math.min(40, c.header.length + 4)),
      style:
        c.type === 'date'
          ? { numFmt: 'dd/mm/yyyy' }
          : c.type === 'money'
            ? { numFmt: '#,##0.00' }
            : c.type === 'text'
              ? { numFmt: '@' }
              : {},
    }));
    this.ws.autoFilter = { from: 'A1', to: `${columnLetter(Math.max(1, columns.length))}1` };
    const head = this.ws.getRow(1);
    head.font = { bold: true };
    head.commit();
  }

  add(values: OutCell[]): void {
    // Strings are written as string cells (never {formula}), so `=HYPERLINK(...)` in a name stays text.
    const row = this.ws.addRow(values.map((v, i) => this.cellValue(v, this.columns[i]?.type ?? 'auto')));
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      // ...and formatted as text, so editing the cell later does not turn it into a formula either.
      if (typeof v === 'string' && isFormulaLike(v)) row.getCell(i + 1).numFmt = '@';
    }
    row.commit();
  }

  private cellValue(v: OutCell, type: NonNullable<ColumnSpec['type']>): OutCell {
    if (v === null) return null;
    if (type === 'text') return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    if (type === 'date' && typeof v === 'string') {
      const m = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
    }
    return v;
  }

  /** Waits for the compressor to take what was written (see paceSheet); call it every few hundred rows. */
  settle(): Promise<void> {
    return paceSheet(this.ws);
  }

  commit(): void {
    this.ws.commit();
  }
}
