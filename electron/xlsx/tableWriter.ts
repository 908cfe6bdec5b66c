import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Writable } from 'node:stream';
import { produceFileAtomic } from '../files/atomicFile';
import { sealStream } from '../files/sealedFile';
import { isFormulaLike } from '../../shared/text';
import { paceSheet } from './pace';

export type OutCell = string | number | boolean | Date | null;

export interface ColumnSpec {
  header: string;
  width?: number;
  /** `text` keeps IDs and service numbers as text; `date` writes a real date shown dd/mm/aaaa. */
  type?: 'text' | 'number' | 'money' | 'date' | 'auto';
}

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** A workbook's output failing (disk full, a drive pulled), so a sheet waiting on the compressor stops too. */
const outputFailures = new WeakMap<Workbook, Promise<never>>();

/**
 * Every workbook Recupera writes follows the same rules (docs/domain.md §8.6): header row frozen and
 * filtered, real dates, codes as text, and no cell a spreadsheet would run as a formula. It is
 * written whole or not at all (`produceFileAtomic`): `fill` adds the sheets, then the workbook is
 * committed, flushed and renamed onto `target`. If `fill` throws (a cancel) or the disk fails, no
 * file is left under `target` and no temporary either. With `seal` (the data key) the workbook is
 * sealed as it is written (files/sealedFile.ts): a report kept in the data folder is never in clear.
 */
export async function writeWorkbook<T>(
  target: string,
  fill: (wb: Workbook) => T | Promise<T>,
  options: { sharedStrings?: boolean; seal?: Buffer } = {},
): Promise<T> {
  return produceFileAtomic(target, async (temporary) => {
    const file = createWriteStream(temporary, { flags: 'wx' });
    const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
    let out: Writable = file;
    let sealing: Promise<void> | null = null;
    if (options.seal) {
      const clear = new PassThrough();
      sealing = pipeline(clear, sealStream(options.seal), file);
      out = clear;
    }
    const failed = new Promise<never>((_, reject) => {
      out.once('error', reject);
      if (sealing) sealing.catch(reject);
    });
    failed.catch(() => undefined);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: options.sharedStrings ?? false, useStyles: true });
    wb.creator = 'Recupera';
    wb.created = new Date();
    outputFailures.set(wb, failed);
    try {
      const value = await Promise.race([fill(wb), failed]);
      await Promise.race([wb.commit(), failed]);
      if (sealing) await sealing;
      // The descriptor must be closed before the rename (Windows refuses to rename an open file).
      await closed;
      return value;
    } catch (e) {
      out.destroy();
      file.destroy();
      await closed;
      throw e;
    }
  });
}

/** Waits for the compressor to take what was written; stops with the output's error if the disk failed. */
export function paceWorkbookSheet(wb: Workbook, ws: ExcelJS.Worksheet): Promise<void> {
  const failed = outputFailures.get(wb);
  return failed ? Promise.race([paceSheet(ws), failed]) : paceSheet(ws);
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

export class TableSheet {
  private readonly ws: ExcelJS.Worksheet;
  constructor(
    private readonly wb: Workbook,
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
    return paceWorkbookSheet(this.wb, this.ws);
  }

  commit(): void {
    this.ws.commit();
  }
}
