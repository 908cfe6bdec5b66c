import { excerpt } from '../../shared/fieldLimits';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './limits';
import type { CellNote, CellValue, SheetRow } from './rowSource';
import type { SharedStrings } from './sharedStrings';
import { checkParserBounds, localName, unescapeXstring, XML_TOO_LARGE, xmlParser, type XmlParser, type XmlTag } from './xlsxXml';

/** What reading one workbook has spent so far, shared by its sheets. */
export interface SheetBudget {
  /** `<row>` elements parsed, empty ones included. */
  rowElements: number;
}

/** Excel's serial day number as a UTC instant, as exceljs converts it (25569 is 1970-01-01). */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

/** Zero-based column of a reference such as `AB12`; -1 when it has no column letters. */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** Letters of a zero-based column: 0 is A, 27 is AB. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** ISO 8601 cell (`t="d"`): no time zone means the workbook's wall clock, which we keep as UTC. */
function isoCellDate(text: string): Date | null {
  const m = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) return null;
  if (m[8]) return new Date(text.trim());
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms));
}

const NONE = 0;
const IN_V = 1;
const IN_T = 2;

/**
 * Turns one worksheet's XML, fed in chunks, into rows. Rows collect in `rows` as their closing
 * tag is parsed; the caller takes them between chunks, so memory holds one chunk's rows at most.
 */
export class SheetParser {
  private readonly parser: XmlParser;
  private pending: SheetRow[] = [];
  private inSheetData = false;
  private cells: CellValue[] | null = null;
  private rowNumber = 0;
  private lastRow = 0;
  private nextCol = 0;
  private col = 0;
  private type: string | undefined;
  private style = 0;
  private collecting = NONE;
  private v: string | null = null;
  private inline: string | null = null;
  private inIs = false;
  private phonetic = 0;
  private formula = false;
  private notes: CellNote[] | null = null;

  constructor(
    private readonly sheet: string,
    private readonly strings: SharedStrings,
    private readonly dateStyles: Uint8Array,
    private readonly date1904: boolean,
    private readonly budget: SheetBudget = { rowElements: 0 },
  ) {
    this.parser = xmlParser();
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(tag));
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
  }

  write(text: string): void {
    this.parser.write(text);
    checkParserBounds(this.parser);
  }

  end(): void {
    this.parser.close();
  }

  /** The rows completed since the last call. */
  take(): SheetRow[] {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }

  private open(tag: XmlTag): void {
    switch (localName(tag.name)) {
      case 'sheetData':
        this.inSheetData = true;
        break;
      case 'row': {
        // Every row counts, empty or outside the data: millions of `<row/>` cost parsing all the same.
        if (++this.budget.rowElements > LIMITS.maxRowElements) {
          throw new AppFailure(
            'refused',
            `La hoja «${excerpt(this.sheet)}» lleva más de ${LIMITS.maxRowElements.toLocaleString('es-EC')} filas contando las vacías: no es una base normal y no se leyó. Borre las filas vacías del final o divida el archivo.`,
          );
        }
        if (!this.inSheetData) break;
        const r = tag.attributes.r;
        const n = r === undefined ? NaN : parseInt(r, 10);
        this.rowNumber = n > 0 ? n : this.lastRow + 1;
        this.cells = [];
        this.notes = null;
        this.nextCol = 0;
        break;
      }
      case 'c': {
        if (!this.cells) break;
        const ref = tag.attributes.r;
        const col = ref === undefined ? -1 : columnOf(ref);
        this.col = col >= 0 ? col : this.nextCol;
        this.type = tag.attributes.t;
        const s = tag.attributes.s;
        this.style = s === undefined ? 0 : parseInt(s, 10);
        this.v = null;
        this.inline = null;
        this.formula = false;
        break;
      }
      case 'f':
        if (this.cells) this.formula = true;
        break;
      case 'v':
        if (!this.cells) break;
        this.collecting = IN_V;
        this.v = '';
        break;
      case 'is':
        if (!this.cells) break;
        this.inIs = true;
        this.inline = '';
        break;
      case 't':
        if (this.inIs && this.phonetic === 0) this.collecting = IN_T;
        break;
      case 'rPh':
        if (this.inIs) this.phonetic++;
        break;
    }
  }

  private text(text: string): void {
    if (this.collecting === NONE) return;
    if (this.collecting === IN_V) this.v += text;
    else this.inline += text;
    // A value split into many text nodes (by comments or CDATA) is bounded like a single node.
    if ((this.v?.length ?? 0) + (this.inline?.length ?? 0) > LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
  }

  private close(tag: XmlTag): void {
    switch (localName(tag.name)) {
      case 'v':
      case 't':
        this.collecting = NONE;
        break;
      case 'is':
        this.inIs = false;
        break;
      case 'rPh':
        if (this.inIs) this.phonetic--;
        break;
      case 'c':
        if (this.cells) this.place(this.value());
        break;
      case 'row':
        if (!this.cells) break;
        this.pending.push(
          this.notes ? { sheet: this.sheet, rowNumber: this.rowNumber, cells: this.cells, notes: this.notes } : { sheet: this.sheet, rowNumber: this.rowNumber, cells: this.cells },
        );
        this.lastRow = this.rowNumber;
        this.cells = null;
        break;
      case 'sheetData':
        this.inSheetData = false;
        break;
    }
  }

  private note(message: string): void {
    if (this.col >= LIMITS.maxColumns) return;
    (this.notes ??= []).push({ column: this.col, message: `La celda ${columnName(this.col)}${this.rowNumber} ${message}` });
  }

  private place(value: CellValue): void {
    const col = this.col;
    this.nextCol = col + 1;
    if (value === null) return;
    if (col >= LIMITS.maxColumns) {
      throw new AppFailure('refused', `La hoja «${this.sheet}» tiene más de ${LIMITS.maxColumns} columnas; revise que sea la base correcta.`);
    }
    const cells = this.cells!;
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  }

  /**
   * The cell's value: the cached result for formulas, null for errors and empty cells. A formula
   * without a cached result (written by a program that does not calculate) and an error value
   * read as empty with a note, so the import can warn instead of losing a name in silence.
   */
  private value(): CellValue {
    const v = this.v;
    if (this.formula && v === null && this.inline === null) {
      this.note('tiene una fórmula sin resultado guardado y se leyó vacía. Abra el archivo en Excel y guárdelo de nuevo para que Excel calcule el resultado.');
      return null;
    }
    switch (this.type) {
      case 's':
        return v === null ? null : this.strings.get(parseInt(v, 10));
      case 'inlineStr': {
        const s = this.inline ?? v;
        return s === null ? null : unescapeXstring(s);
      }
      case 'str':
        return v === null ? null : unescapeXstring(v);
      case 'b': {
        if (v === null || v.trim() === '') return null;
        const n = parseInt(v, 10);
        return Number.isNaN(n) ? v.trim() === 'true' : n !== 0;
      }
      case 'e':
        this.note(`tiene el error de Excel ${excerpt(v ?? '', 20) || 'sin valor'} y se leyó vacía.`);
        return null;
      case 'd':
        return v === null ? null : isoCellDate(v);
      default: {
        if (v === null) return this.inline === null ? null : unescapeXstring(this.inline);
        const n = parseFloat(v);
        if (!Number.isFinite(n)) return null;
        return this.dateStyles[this.style] === 1 ? excelToDate(n, this.date1904) : n;
      }
    }
  }
}
