import ExcelJS from 'exceljs';
import { paceSheet } from './pace';
import { produceWorkbookFile } from './workbookOutput';

export type ExcelJsWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** A workbook's output failing, so a sheet waiting on the compressor stops too. */
const outputFailures = new WeakMap<ExcelJsWorkbook, Promise<never>>();

/**
 * A workbook written with exceljs's streaming writer, whole or not at all like every other (see
 * workbookOutput.ts). Only the demo base uses it: it is written with shared strings, as a
 * spreadsheet program would write a base, which Recupera's own writer (tableWriter.ts) never does.
 */
export function writeExcelJsWorkbook<T>(
  target: string,
  fill: (wb: ExcelJsWorkbook) => T | Promise<T>,
  options: { sharedStrings?: boolean; seal?: Buffer } = {},
): Promise<T> {
  return produceWorkbookFile(target, options.seal, async (out, failed) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: options.sharedStrings ?? false, useStyles: true });
    wb.creator = 'Recupera';
    wb.created = new Date();
    outputFailures.set(wb, failed);
    const value = await Promise.race([fill(wb), failed]);
    await Promise.race([wb.commit(), failed]);
    return value;
  });
}

/** Waits for the compressor to take what was written; stops with the output's error if the disk failed. */
export function paceWorkbookSheet(wb: ExcelJsWorkbook, ws: ExcelJS.Worksheet): Promise<void> {
  const failed = outputFailures.get(wb);
  return failed ? Promise.race([paceSheet(ws), failed]) : paceSheet(ws);
}
