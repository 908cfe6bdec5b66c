import type { ColumnInfo } from '../../shared/contracts/importBase';
import { foldKey } from '../../shared/text';
import { columnName } from '../spreadsheet/xlsxCells';
import { printable } from './printable';

/**
 * The titled columns an import leaves out, for the text output: the screen marks them «Sin
 * asignar», and without this line a second «NUMERO DE SERVICIO» holding the real numbers would
 * be dropped in silence. Null when every titled column is read.
 */
export function unreadColumnsLine(columns: readonly ColumnInfo[]): string | null {
  const read = new Set(columns.filter((c) => c.field !== null).map((c) => foldKey(c.header)));
  const left = columns.filter((c) => c.field === null && c.header.trim() !== '');
  if (left.length === 0) return null;
  const shown = left.map((c) => `«${printable(c.header)}» (${columnName(c.index)}${read.has(foldKey(c.header)) ? ', repetida' : ''})`);
  return `Columnas que no se importan: ${shown.join(', ')}.`;
}
