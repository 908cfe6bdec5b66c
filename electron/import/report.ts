import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RowIssue } from '../../shared/baseRow';
import { fileStamp, safeFilePart } from '../files/names';
import { TableSheet, writeWorkbook, type ColumnSpec, type OutCell, type Workbook } from '../xlsx/tableWriter';
import type { FieldChange } from './baseWriter';
import type { RejectedRow } from './rowApplier';
import type { TableHeader } from '../spreadsheet/table';

/**
 * The import report: rejected rows with the file's own columns (fix them and import the report
 * again), then warnings and changes. FILA and MOTIVO are not base columns, so a re-import ignores them.
 */
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
  const safe = safeFilePart(fileName.replace(/\.[^.]+$/, ''));
  const path = join(dir, `reporte_${safe}_${fileStamp(new Date(), true)}_${randomBytes(3).toString('hex')}.xlsx`);
  await writeWorkbook(path, (wb) => fillReport(wb, header, rejected, warnings, changes), { seal });
  return path;
}

function fillReport(wb: Workbook, header: TableHeader<string>, rejected: RejectedRow[], warnings: RowIssue[], changes: FieldChange[]): void {
  const original: ColumnSpec[] = header.headers.map((h, i) => ({
    header: h || `COLUMNA ${i + 1}`,
    type: header.mapping[i] === 'identification' || header.mapping[i] === 'serviceNumber' || header.mapping[i] === 'phone' ? 'text' : 'auto',
  }));
  const rej = new TableSheet(wb, 'Filas rechazadas', [{ header: 'FILA', type: 'number', width: 8 }, { header: 'MOTIVO', width: 50 }, ...original]);
  for (const r of rejected) rej.add([r.row, r.reason, ...header.headers.map((_, i) => (r.cells[i] ?? null) as OutCell)]);
  rej.commit();

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
