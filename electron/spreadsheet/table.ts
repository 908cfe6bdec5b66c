import { dateToIso, formatDate } from '../../shared/dates';
import { excerpt, FIELD_LIMITS, stripControls } from '../../shared/fieldLimits';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './limits';
import type { CellValue, RowSource, SheetRow } from './rowSource';

export interface TableSpec<F extends string> {
  /** Score of a candidate header row; the first row scoring at least `minScore` is the header. */
  score(cells: string[]): number;
  minScore: number;
  map(cells: string[]): Array<F | null>;
  noHeaderMessage: string;
}

export interface TableHeader<F extends string> {
  sheet: string;
  rowNumber: number;
  headers: string[];
  mapping: Array<F | null>;
  /** Sheets before the data sheet that held no recognisable table. */
  skippedSheets: string[];
}

/**
 * A cell as a header or a preview sample shows it: control characters out, and a hostile length
 * cut (a 50 MB cell must not travel in the summary); no real header or sample comes near it.
 */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return formatDate(dateToIso(v));
  const t = String(v);
  return t.length > FIELD_LIMITS.shortText ? excerpt(t.trim(), FIELD_LIMITS.shortText) : stripControls(t).trim();
}

/** The column named by a reason about the whole row. */
export const WHOLE_ROW = 'TODA LA FILA';

/** A cell with nothing in it: empty, or only spaces. */
export function isBlankCell(c: CellValue | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

function countFilled(cells: CellValue[]): number {
  let last = cells.length;
  while (last > 0 && isBlankCell(cells[last - 1])) last--;
  return last;
}

function misalignedMessage(cells: number, columns: number): string {
  return (
    `La fila tiene ${cells} celdas y el encabezado ${columns} columnas: una coma o un punto y coma dentro de un dato sin comillas ` +
    '(como «35,50» o «PEREZ, JUAN») corrió las columnas. Ponga ese dato entre comillas o quite el separador, e importe la fila de nuevo.'
  );
}

function isBlank(cells: CellValue[]): boolean {
  return cells.every(isBlankCell);
}

/**
 * Finds the header row (below title rows, on whichever sheet holds the table) and yields the
 * data rows after it. Blank rows are skipped; rows of later sheets are not read.
 */
export async function* readTable<F extends string>(
  source: RowSource,
  spec: TableSpec<F>,
  onHeader: (h: TableHeader<F>) => void,
): AsyncGenerator<SheetRow> {
  let header: TableHeader<F> | null = null;
  let currentSheet: string | null = null;
  let scanned = 0;
  const skippedSheets: string[] = [];
  let dataRows = 0;
  for await (const row of source.rows()) {
    if (row.sheet !== currentSheet) {
      if (header) break;
      if (currentSheet !== null) skippedSheets.push(currentSheet);
      currentSheet = row.sheet;
      scanned = 0;
    }
    if (!header) {
      if (scanned >= LIMITS.headerScanRows) continue;
      scanned++;
      const texts = row.cells.map(cellText);
      if (spec.score(texts) >= spec.minScore) {
        header = { sheet: row.sheet, rowNumber: row.rowNumber, headers: texts, mapping: spec.map(texts), skippedSheets };
        onHeader(header);
      }
      continue;
    }
    // A row read blank with notes (say, formulas never calculated) goes on, so its warning is seen.
    if (isBlank(row.cells) && !row.notes) continue;
    // A workbook's cell right of the header is an untitled column; a CSV's is a shifted row.
    if (source.kind === 'csv' && row.cells.length > header.headers.length) {
      const cells = countFilled(row.cells);
      if (cells > header.headers.length) row.misaligned = misalignedMessage(cells, header.headers.length);
    }
    if (++dataRows > LIMITS.maxDataRows) {
      throw new AppFailure(
        'refused',
        `El archivo tiene más de ${LIMITS.maxDataRows.toLocaleString('es-EC')} filas de datos. Divídalo en varios archivos.`,
      );
    }
    yield row;
  }
  if (!header) throw new AppFailure('refused', spec.noHeaderMessage);
  // A header alone is a template or the wrong sheet (later sheets are not read): finishing with
  // «0 filas» would look like an import that worked.
  if (dataRows === 0) {
    throw new AppFailure(
      'refused',
      `La hoja «${stripControls(header.sheet)}» tiene los encabezados en la fila ${header.rowNumber} y ninguna fila de datos debajo: no hay nada que importar. Revise que sea el archivo correcto y que los datos estén en esa hoja, debajo de los encabezados.`,
    );
  }
}
