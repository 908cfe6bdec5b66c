import { excerpt } from '../../shared/fieldLimits';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './limits';
import type { CellNote, CellValue, SheetRow } from './rowSource';
import type { SharedStrings } from './sharedStrings';
import { unescapeXstring } from './xlsxXml';
import { bytesAre, decodeText, XML_TOO_LARGE, XmlScanner } from './xmlScanner';
import { columnName, EXCEL_COLUMNS, excelToDate, intAt, isoCellDate, T_BOOL, T_DATE, T_ERROR, T_INLINE, T_NUMBER, T_SHARED, T_STR, typeAt } from './xlsxCells';

export { columnName, columnOf, excelToDate } from './xlsxCells';

/** What reading one workbook has spent so far, shared by its sheets. */
export interface SheetBudget {
  /** `<row>` elements parsed, empty ones included. */
  rowElements: number;
  /** Bytes of the sheets' XML outside `<row>` elements, and of comments and instructions inside them. */
  otherBytes: number;
}

function missingText(cell: string, sheet: string): string {
  return `El libro de Excel está dañado: la celda ${cell} de la hoja «${sheet}» usa un texto que falta en el archivo. Ábralo en Excel y guárdelo de nuevo como .xlsx.`;
}

const NONE = 0;
const IN_V = 1;
const IN_T = 2;

/**
 * Turns one worksheet's XML, fed as inflated byte chunks, into rows. Cells are read from the
 * bytes (the column from `r`, the style and type from `s` and `t`, a number or a shared-string
 * index straight from `<v>`); only text values become strings. Rows collect as their closing tag
 * is read; the caller takes them between chunks, so memory holds one chunk's rows at most.
 */
export class SheetParser {
  private readonly scanner: XmlScanner;
  private pending: SheetRow[] = [];
  private inSheetData = false;
  private cells: CellValue[] | null = null;
  private rowNumber = 0;
  private lastRow = 0;
  private nextCol = 0;
  private col = 0;
  private type = T_NUMBER;
  private style = 0;
  private collecting = NONE;
  /** `<v>`: absent (`vState` 0), one run kept as bytes (1), or text joined from several runs (2). */
  private vState = 0;
  private vBuf: Buffer | null = null;
  private vStart = 0;
  private vEnd = 0;
  private vRaw = false;
  private vText = '';
  private inline: string | null = null;
  private inIs = false;
  private phonetic = 0;
  private formula = false;
  private notes: CellNote[] | null = null;
  /**
   * Where the open row started (in bytes of the part) and how much markup had been skipped then;
   * bytes of finished rows, and of comments and instructions inside them.
   */
  private rowStart = -1;
  private rowSkippedFrom = 0;
  private rowBytes = 0;
  private rowSkipped = 0;
  private counted = 0;

  constructor(
    private readonly sheet: string,
    private readonly strings: SharedStrings,
    private readonly dateStyles: Uint8Array,
    private readonly date1904: boolean,
    private readonly budget: SheetBudget = { rowElements: 0, otherBytes: 0 },
  ) {
    this.scanner = new XmlScanner(this);
  }

  write(chunk: Buffer): void {
    this.scanner.write(chunk);
    this.account();
  }

  end(): void {
    this.scanner.end();
    this.account();
  }

  /** The rows completed since the last call. */
  take(): SheetRow[] {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }

  /**
   * Bytes outside rows (and comments inside them) count against a budget per workbook: 3 GiB of XML that
   * is neither a row nor a string would otherwise cost a minute of scanning before anything failed.
   */
  private account(): void {
    const sc = this.scanner;
    const other = sc.consumed - this.rowBytes + this.rowSkipped;
    this.budget.otherBytes += other - this.counted;
    this.counted = other;
    if (this.budget.otherBytes > LIMITS.maxOtherXmlBytes) {
      throw new AppFailure(
        'refused',
        `La hoja «${excerpt(this.sheet)}» tiene más de ${LIMITS.maxOtherXmlBytes / 1024 / 1024} MB de contenido que no son celdas (formatos, comentarios u otros elementos): no es una base normal y no se leyó. Copie solo los datos a un libro nuevo o guárdelo como CSV.`,
      );
    }
  }

  open(buf: Buffer, s: number, e: number): void {
    const len = e - s;
    const first = buf[s];
    if (len === 1) {
      if (first === 0x63) this.openCell(buf); // c
      else if (first === 0x76) { // v
        if (!this.cells) return;
        this.collecting = IN_V;
        this.vState = 1;
        this.vBuf = null;
        this.vStart = this.vEnd = 0;
        this.vRaw = false;
      } else if (first === 0x74) { // t
        if (this.inIs && this.phonetic === 0) this.collecting = IN_T;
      } else if (first === 0x66) { // f
        if (this.cells) this.formula = true;
      }
    } else if (len === 3 && bytesAre(buf, s, e, 'row')) {
      this.openRow(buf);
    } else if (len === 2 && bytesAre(buf, s, e, 'is')) {
      if (!this.cells) return;
      this.inIs = true;
      this.inline = '';
    } else if (len === 3 && bytesAre(buf, s, e, 'rPh')) {
      if (this.inIs) this.phonetic++;
    } else if (len === 9 && bytesAre(buf, s, e, 'sheetData')) {
      this.inSheetData = true;
    }
  }

  private openRow(buf: Buffer): void {
    // Every row counts, empty or outside the data: millions of `<row/>` cost parsing all the same.
    if (++this.budget.rowElements > LIMITS.maxRowElements) {
      throw new AppFailure(
        'refused',
        `La hoja «${excerpt(this.sheet)}» lleva más de ${LIMITS.maxRowElements.toLocaleString('es-EC')} filas contando las vacías: no es una base normal y no se leyó. Borre las filas vacías del final o divida el archivo.`,
      );
    }
    if (!this.inSheetData) return;
    const sc = this.scanner;
    let n = NaN;
    for (let i = 0; i < sc.attrCount; i++) {
      const a = sc.attrName[2 * i]!;
      if (sc.attrName[2 * i + 1] === a + 1 && buf[a] === 0x72) n = intAt(buf, sc.attrValue[2 * i]!, sc.attrValue[2 * i + 1]!);
    }
    this.rowNumber = n > 0 ? n : this.lastRow + 1;
    this.cells = [];
    this.notes = null;
    this.nextCol = 0;
    this.rowStart = sc.consumed + sc.tagStart;
    this.rowSkippedFrom = sc.skipped;
  }

  private openCell(buf: Buffer): void {
    if (!this.cells) return;
    const sc = this.scanner;
    let col = -1;
    this.type = T_NUMBER;
    this.style = 0;
    for (let i = 0; i < sc.attrCount; i++) {
      const a = sc.attrName[2 * i]!;
      if (sc.attrName[2 * i + 1] !== a + 1) continue;
      const vs = sc.attrValue[2 * i]!;
      const ve = sc.attrValue[2 * i + 1]!;
      switch (buf[a]) {
        case 0x72: { // r: the column letters of the reference
          let c = 0;
          let k = vs;
          for (; k < ve; k++) {
            const ch = buf[k]!;
            if (ch >= 65 && ch <= 90) c = c * 26 + ch - 64;
            else if (ch >= 97 && ch <= 122) c = c * 26 + ch - 96;
            else break;
          }
          col = k === vs ? -1 : c - 1;
          break;
        }
        case 0x73: // s
          this.style = intAt(buf, vs, ve);
          break;
        case 0x74: // t
          this.type = typeAt(buf, vs, ve);
          break;
      }
    }
    this.col = col >= 0 ? col : this.nextCol;
    this.vState = 0;
    this.vBuf = null;
    this.inline = null;
    this.formula = false;
  }

  text(buf: Buffer, start: number, end: number, raw: boolean): void {
    if (this.collecting === NONE) return;
    if (this.collecting === IN_V) {
      if (this.vState === 1 && this.vBuf === null) {
        this.vBuf = buf;
        this.vStart = start;
        this.vEnd = end;
        this.vRaw = raw;
      } else {
        this.vText = this.vString() + (raw ? buf.toString('utf8', start, end) : decodeText(buf, start, end));
        this.vState = 2;
        this.vBuf = null;
      }
    } else {
      this.inline += raw ? buf.toString('utf8', start, end) : decodeText(buf, start, end);
    }
    // A value split into many text nodes (by comments or CDATA) is bounded like a single node.
    const v = this.vState === 2 ? this.vText.length : this.vEnd - this.vStart;
    if (v + (this.inline?.length ?? 0) > LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
  }

  close(buf: Buffer, s: number, e: number): void {
    const len = e - s;
    const first = buf[s];
    if (len === 1) {
      if (first === 0x63) { // c
        if (this.cells) this.place(this.value());
      } else if (first === 0x76 || first === 0x74) this.collecting = NONE; // v, t
    } else if (len === 3 && bytesAre(buf, s, e, 'row')) {
      if (!this.cells) return;
      this.pending.push(
        this.notes ? { sheet: this.sheet, rowNumber: this.rowNumber, cells: this.cells, notes: this.notes } : { sheet: this.sheet, rowNumber: this.rowNumber, cells: this.cells },
      );
      this.lastRow = this.rowNumber;
      this.cells = null;
      const sc = this.scanner;
      this.rowBytes += sc.consumed + sc.tagEnd - this.rowStart;
      this.rowSkipped += sc.skipped - this.rowSkippedFrom;
    } else if (len === 2 && bytesAre(buf, s, e, 'is')) {
      this.inIs = false;
    } else if (len === 3 && bytesAre(buf, s, e, 'rPh')) {
      if (this.inIs) this.phonetic--;
    } else if (len === 9 && bytesAre(buf, s, e, 'sheetData')) {
      this.inSheetData = false;
    }
  }

  /** The `<v>` text, or null without one. */
  private vString(): string | null {
    if (this.vState === 0) return null;
    if (this.vState === 2) return this.vText;
    const b = this.vBuf;
    if (b === null) return '';
    return this.vRaw ? b.toString('utf8', this.vStart, this.vEnd) : decodeText(b, this.vStart, this.vEnd);
  }

  /** A plain decimal integer of up to 15 digits read from the bytes, or NaN for anything else. */
  private vInteger(): number {
    if (this.vState !== 1 || this.vBuf === null) return NaN;
    const b = this.vBuf;
    let i = this.vStart;
    const end = this.vEnd;
    let sign = 1;
    if (i < end && b[i] === 0x2d) {
      sign = -1;
      i++;
    }
    if (i === end || end - i > 15) return NaN;
    let n = 0;
    for (; i < end; i++) {
      const d = b[i]! - 0x30;
      if (d < 0 || d > 9) return NaN;
      n = n * 10 + d;
    }
    return sign * n;
  }

  private note(message: string): void {
    if (this.col >= LIMITS.maxColumns) return;
    (this.notes ??= []).push({ column: this.col, message: `La celda ${columnName(this.col)}${this.rowNumber} ${message}` });
  }

  private place(value: CellValue): void {
    const col = this.col;
    this.nextCol = col + 1;
    if (value === null && col < EXCEL_COLUMNS) return;
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
    if (this.formula && this.vState === 0 && this.inline === null) {
      this.note('tiene una fórmula sin resultado guardado y se leyó vacía. Abra el archivo en Excel y guárdelo de nuevo para que Excel calcule el resultado.');
      return null;
    }
    switch (this.type) {
      case T_SHARED: {
        if (this.vState === 0) return null;
        const i = this.vInteger();
        const text = this.strings.get(Number.isNaN(i) ? parseInt(this.vString()!, 10) : i);
        // A text the table does not hold means the table is missing or cut short: reading the cell
        // as empty would blank names and serials (or hide the header) in silence.
        if (text === null) throw new AppFailure('refused', missingText(`${columnName(this.col)}${this.rowNumber}`, this.sheet));
        return text;
      }
      case T_INLINE: {
        const s = this.inline ?? this.vString();
        return s === null ? null : this.bounded(unescapeXstring(s));
      }
      case T_STR: {
        const v = this.vString();
        return v === null ? null : this.bounded(unescapeXstring(v));
      }
      case T_BOOL: {
        const v = this.vString();
        if (v === null || v.trim() === '') return null;
        const n = parseInt(v, 10);
        return Number.isNaN(n) ? v.trim() === 'true' : n !== 0;
      }
      case T_ERROR:
        this.note(`tiene el error de Excel ${excerpt(this.vString() ?? '', 20) || 'sin valor'} y se leyó vacía.`);
        return null;
      case T_DATE: {
        const v = this.vString();
        return v === null ? null : isoCellDate(v);
      }
      default: {
        if (this.vState === 0) return this.inline === null ? null : this.bounded(unescapeXstring(this.inline));
        let n = this.vInteger();
        if (Number.isNaN(n)) n = parseFloat(this.vString()!);
        if (!Number.isFinite(n)) return null;
        return this.dateStyles[this.style] === 1 ? excelToDate(n, this.date1904) : n;
      }
    }
  }

  /** A value read from one run of bytes is measured once it is text (its bytes may be up to four per character). */
  private bounded(s: string): string {
    if (s.length > LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
    return s;
  }
}
