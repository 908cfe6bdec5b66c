import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppFailure } from '../../shared/result';
import { LIMITS, type CellValue, type RowSource, type SheetRow } from './rowSource';
import { checkWorkbookZip } from './zipCheck';

/** exceljs cell values come in several shapes (rich text, formulas, links); reduce them to plain values. */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in o) return plainCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

/** Streaming xlsx reader over exceljs; the sheet XML is never held whole in memory. */
export async function openXlsx(path: string, size: number): Promise<RowSource> {
  const dir = await checkWorkbookZip(path);
  let read = 0;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      read += chunk.length;
      cb(null, chunk);
    },
  });
  file.on('error', (e) => counter.destroy(e));
  file.pipe(counter);

  async function* rows(): AsyncIterable<SheetRow> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    try {
      for await (const ws of reader) {
        const id = Number((ws as unknown as { id: number }).id);
        const sheet = dir.sheetNames.get(id) ?? `Hoja ${id}`;
        for await (const row of ws) {
          const values = row.values as unknown[];
          if (values.length - 1 > LIMITS.maxColumns) {
            throw new AppFailure('refused', `La hoja «${sheet}» tiene más de ${LIMITS.maxColumns} columnas; revise que sea la base correcta.`);
          }
          const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
          for (let i = 1; i < values.length; i++) cells[i - 1] = plainCell(values[i]);
          yield { sheet, rowNumber: row.number, cells };
        }
      }
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      throw new AppFailure('refused', 'No se pudo leer el libro de Excel: está dañado o no tiene el formato esperado. Ábralo en Excel y guárdelo de nuevo como .xlsx.');
    }
  }

  return {
    kind: 'xlsx',
    totalBytes: size,
    bytesRead: () => read,
    rows,
    close: () => {
      file.destroy();
      counter.destroy();
    },
  };
}
