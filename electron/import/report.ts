import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RowIssue } from '../../shared/baseRow';
import { excerpt } from '../../shared/fieldLimits';
import { AppFailure } from '../../shared/result';
import { fileStamp, safeFilePart } from '../files/names';
import { TableSheet, writeWorkbook, type ColumnSpec, type Workbook } from '../xlsx/tableWriter';
import type { FieldChange } from './baseWriter';
import type { RejectedRow } from './rowApplier';
import { isBlankCell, type TableHeader } from '../spreadsheet/table';
import { REPORT_CELL_MAX, reportCell } from './summaryLimits';

/** Rejected rows written between two waits for the compressor (see TableSheet.settle). */
const PACE_EVERY = 256;

class Aborted extends Error {}

/**
 * The import report, written while the file is read: rejected rows with the file's own columns
 * (fix them and import the report again) go to disk as they are found, so a file with a hundred
 * thousand rejected rows holds none of them in memory; warnings and changes follow at `finish`.
 * FILA and MOTIVO are not base columns, so a re-import ignores them. Nothing appears under the
 * report's name unless it is whole (writeWorkbook); `abort` leaves no file at all.
 */
export class ImportReport {
  private sheet: TableSheet | null = null;
  private broken = false;
  private written = 0;
  private release: ((v: { warnings: RowIssue[]; changes: FieldChange[] }) => void) | null = null;
  private cancel: ((e: Error) => void) | null = null;
  private result: Promise<string | null> = Promise.resolve(null);

  private constructor(private readonly header: TableHeader<string>) {}

  /** Starts the report's workbook (sealed with the data key when given) and its rejected-rows sheet. */
  static async start(dir: string, fileName: string, header: TableHeader<string>, seal: Buffer | undefined, onError: (e: unknown) => void): Promise<ImportReport> {
    const report = new ImportReport(header);
    const safe = safeFilePart(fileName.replace(/\.[^.]+$/, ''));
    const path = join(dir, `reporte_${safe}_${fileStamp(new Date(), true)}_${randomBytes(3).toString('hex')}.xlsx`);
    let ready!: () => void;
    const opened = new Promise<void>((r) => (ready = r));
    const rest = new Promise<{ warnings: RowIssue[]; changes: FieldChange[] }>((resolve, reject) => {
      report.release = resolve;
      report.cancel = reject;
    });
    rest.catch(() => undefined);
    report.result = writeWorkbook(
      path,
      async (wb) => {
        report.sheet = report.rejectedSheet(wb);
        ready();
        const { warnings, changes } = await rest;
        report.sheet.commit();
        fillRest(wb, warnings, changes);
        return path;
      },
      { seal },
    ).catch((e: unknown) => {
      report.broken = true;
      if (!(e instanceof Aborted)) onError(e);
      return null;
    });
    // The workbook may fail before its first sheet exists (the folder cannot be written).
    await Promise.race([opened, report.result]);
    return report;
  }

  private rejectedSheet(wb: Workbook): TableSheet {
    const h = this.header;
    const original: ColumnSpec[] = h.headers.map((text, i) => ({
      header: text || `COLUMNA ${i + 1}`,
      type: h.mapping[i] === 'identification' || h.mapping[i] === 'serviceNumber' || h.mapping[i] === 'phone' ? 'text' : 'auto',
    }));
    return new TableSheet(wb, 'Filas rechazadas', [{ header: 'FILA', type: 'number', width: 8 }, { header: 'MOTIVO', width: 50 }, ...original]);
  }

  /** Writes one rejected row; await `pace()` after it so a fast reader never runs ahead of the disk. */
  add(r: RejectedRow): void {
    if (this.broken || !this.sheet) return;
    this.sheet.add([r.row, withOverflow(r, this.header.headers.length), ...this.header.headers.map((_, i) => reportCell(r.cells[i]))]);
    this.written++;
  }

  /** Waits for the compressor now and then; a disk that failed stops the report, never the import. */
  async pace(): Promise<void> {
    if (this.broken || !this.sheet || this.written % PACE_EVERY !== 0) return;
    await this.sheet.settle().catch(() => {
      this.broken = true;
    });
  }

  /** Adds warnings and changes, closes the workbook and returns its path (null if it could not be written). */
  async finish(warnings: RowIssue[], changes: FieldChange[]): Promise<string | null> {
    this.release?.({ warnings, changes });
    return this.result;
  }

  /** Drops the report (a failed or cancelled import): no file is left, not even a temporary. */
  async abort(): Promise<void> {
    this.cancel?.(new Aborted());
    await this.result;
  }
}

/**
 * The reason, followed by what a shifted CSV row holds right of the header's last column: the
 * report has no column for it, and whoever fixes the row must see the «50» of «35,50».
 */
function withOverflow(r: RejectedRow, columns: number): string {
  if (r.cells.length <= columns) return r.reason;
  const extra = r.cells.slice(columns).filter((c) => !isBlankCell(c));
  if (extra.length === 0) return r.reason;
  // Up to 300 cells of 1,000 characters: the whole addition is cut like any cell of the report.
  return `${r.reason} A la derecha del encabezado: ${excerpt(extra.map((c) => `«${String(reportCell(c))}»`).join(' '), REPORT_CELL_MAX)}.`;
}

function fillRest(wb: Workbook, warnings: RowIssue[], changes: FieldChange[]): void {
  const warn = new TableSheet(wb, 'Advertencias', [
    { header: 'FILA', type: 'number', width: 8 },
    { header: 'COLUMNA', width: 24 },
    { header: 'DETALLE', width: 80 },
  ]);
  for (const w of warnings) warn.add([w.row, w.column, w.message]);
  warn.commit();

  const ch = new TableSheet(wb, 'Cambios', [
    { header: 'FILA', type: 'number', width: 8 },
    { header: 'NUMERO DE SERVICIO', type: 'text', width: 20 },
    { header: 'CAMPO', width: 22 },
    { header: 'ANTES', width: 30 },
    { header: 'AHORA', width: 30 },
  ]);
  for (const c of changes) ch.add([c.row, c.serviceNumber, c.field, c.before, c.after]);
  ch.commit();
}

/** The whole report at once, for imports whose rejected rows are already in hand (an office's list). */
export async function writeImportReport(
  dir: string,
  fileName: string,
  header: TableHeader<string>,
  rejected: RejectedRow[],
  warnings: RowIssue[],
  changes: FieldChange[],
  /** The data key: the report, which names people, is kept sealed. */
  seal?: Buffer,
): Promise<string> {
  let failure: unknown = null;
  const report = await ImportReport.start(dir, fileName, header, seal, (e) => (failure = e));
  for (const r of rejected) {
    report.add(r);
    await report.pace();
  }
  const path = await report.finish(warnings, changes);
  if (path === null) throw failure ?? new AppFailure('internal', 'No se pudo escribir el reporte de la importación.');
  return path;
}
