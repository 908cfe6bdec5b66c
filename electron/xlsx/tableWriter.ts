import type { Writable } from 'node:stream';
import { isFormulaLike } from '../../shared/text';
import {
  columnLetter,
  contentTypesXml,
  coreXml,
  inlineString,
  ROOT_RELS_XML,
  sheetHead,
  sheetTail,
  STYLE,
  STYLES_XML,
  workbookRelsXml,
  workbookXml,
} from './sheetXml';
import { produceWorkbookFile } from './workbookOutput';
import { ZipStream, type ZipEntryWriter } from './zipStream';

export type OutCell = string | number | boolean | Date | null;

export interface ColumnSpec {
  header: string;
  width?: number;
  /** `text` keeps IDs and service numbers as text; `date` writes a real date shown dd/mm/aaaa. */
  type?: 'text' | 'number' | 'money' | 'date' | 'auto';
}

/**
 * Compression level: the sheets are XML that deflate shrinks about tenfold even at level 1, and a
 * higher level costs zlib's threads several times the time for a few per cent of the file.
 */
const LEVEL = 1;
/**
 * Bytes of XML gathered before they go to the compressor in one piece. Each row is encoded into
 * this buffer as it is made: a long string joined row by row and converted at the end cost four
 * times as much (V8 first flattens the joined pieces, then measures, then encodes), a fifth of a
 * million-row depuración.
 */
const CHUNK = 256 * 1024;
/** UTF-8 takes at most three bytes per UTF-16 code unit (a surrogate pair, two units, takes four). */
const MAX_BYTES_PER_UNIT = 3;
/** Excel's rows per sheet, the header included; a table longer than that goes on in another sheet. */
const EXCEL_ROWS = 1_048_576;
let sheetRows = EXCEL_ROWS;

/** Test seam: a smaller sheet (rows, the header included), to see a table split; null restores Excel's. */
export function limitSheetRows(rows: number | null): void {
  sheetRows = rows ?? EXCEL_ROWS;
}

/** Excel's serial day (1900 system) of a UTC instant: 25569 is 1970-01-01. */
const serial = (ms: number) => ms / 86_400_000 + 25569;

/** Characters a sheet name cannot hold, and its length (Excel refuses both). */
const NAME_FORBIDDEN = /[\\/?*[\]:]/g;
const NAME_MAX = 31;

/**
 * A workbook being written (see writeWorkbook): sheets go into the zip one after another, each
 * as its rows come; the workbook's own parts, which list the sheets, are written at the end.
 */
export class Workbook {
  private readonly zip: ZipStream;
  private readonly parts: Array<{ name: string; filter: string }> = [];
  private readonly names = new Set<string>();
  private current: TableSheet | null = null;
  /** Sheets written alongside the current one (TableSheet's `alongside`), committed by their writer or at the end. */
  private readonly alongside = new Set<TableSheet>();

  constructor(
    /** The output (the temporary file, or the sealing stream in front of it). */
    readonly stream: Writable,
    failed: Promise<never>,
  ) {
    this.zip = new ZipStream(stream, failed, LEVEL);
  }

  /**
   * Starts a sheet's zip entry under a name no other sheet has (cut to Excel's 31 characters,
   * suffixed if taken). Opening a sheet commits the one being written, unless it goes `alongside`.
   */
  openPart(sheet: TableSheet, wanted: string, cols: Array<{ width: number; style: number }>, alongside = false): { entry: ZipEntryWriter; index: number } {
    if (alongside) this.alongside.add(sheet);
    else {
      if (this.current && this.current !== sheet) this.current.commit();
      this.current = sheet;
    }
    const base = wanted.replace(NAME_FORBIDDEN, ' ').replace(/^'+|'+$/g, '').trim() || 'Hoja';
    let name = base.slice(0, NAME_MAX);
    for (let n = 2; this.names.has(name.toLowerCase()); n++) name = `${base.slice(0, NAME_MAX - ` (${n})`.length).trimEnd()} (${n})`;
    this.names.add(name.toLowerCase());
    const index = this.parts.push({ name, filter: 'A1' }) - 1;
    const entry = this.zip.openEntry(`xl/worksheets/sheet${index + 1}.xml`, alongside);
    entry.write(Buffer.from(sheetHead(index === 0, cols), 'utf8'));
    return { entry, index };
  }

  /** A sheet's part is done: its filter covers the header and the rows written under it. */
  closePart(index: number, filter: string): void {
    this.parts[index]!.filter = filter;
  }

  /** The sheet that was open is committed. */
  released(sheet: TableSheet): void {
    if (this.current === sheet) this.current = null;
    this.alongside.delete(sheet);
  }

  /** Commits the last sheets, writes the parts that list the sheets and ends the zip. */
  async finish(): Promise<void> {
    this.current?.commit();
    for (const sheet of [...this.alongside]) sheet.commit();
    if (this.parts.length === 0) new TableSheet(this, 'Hoja1', []).commit();
    const n = this.parts.length;
    this.zip.addBuffer('xl/styles.xml', Buffer.from(STYLES_XML, 'utf8'));
    this.zip.addBuffer('xl/workbook.xml', Buffer.from(workbookXml(this.parts), 'utf8'));
    this.zip.addBuffer('xl/_rels/workbook.xml.rels', Buffer.from(workbookRelsXml(n), 'utf8'));
    this.zip.addBuffer('docProps/core.xml', Buffer.from(coreXml(new Date()), 'utf8'));
    this.zip.addBuffer('_rels/.rels', Buffer.from(ROOT_RELS_XML, 'utf8'));
    this.zip.addBuffer('[Content_Types].xml', Buffer.from(contentTypesXml(n), 'utf8'));
    await this.zip.finish();
  }

  destroy(): void {
    this.zip.destroy();
  }
}

/**
 * Every workbook Recupera writes follows the same rules (docs/domain.md §8.6): header row frozen and
 * filtered, real dates, codes as text, and no cell a spreadsheet would run as a formula. It is
 * written by Recupera's own streaming writer: rows become XML that goes straight into the zip
 * entry's compressor (inline strings, no shared-string table held in memory). It is written whole
 * or not at all (`produceFileAtomic`): `fill` adds the sheets, then the workbook is finished,
 * flushed and renamed onto `target`. If `fill` throws (a cancel) or the disk fails, no file is
 * left under `target` and no temporary either. With `seal` (the data key) the workbook is sealed
 * as it is written (files/sealedFile.ts): a report kept in the data folder is never in clear.
 */
export function writeWorkbook<T>(target: string, fill: (wb: Workbook) => T | Promise<T>, options: { seal?: Buffer } = {}): Promise<T> {
  return produceWorkbookFile(target, options.seal, async (out, failed) => {
    const wb = new Workbook(out, failed);
    try {
      const value = await Promise.race([failed, fill(wb)]);
      await wb.finish();
      return value;
    } catch (e) {
      wb.destroy();
      throw e;
    }
  });
}

type Kind = NonNullable<ColumnSpec['type']>;

export class TableSheet {
  private readonly kinds: Kind[];
  private readonly letters: string[];
  private readonly cols: Array<{ width: number; style: number }>;
  private readonly header: string;
  private entry: ZipEntryWriter;
  private index: number;
  private part = 1;
  /** The last row written in the current part (the header is row 1). */
  private row = 1;
  /** The XML not yet handed to the compressor: `used` bytes of `pending`. */
  private pending = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private committed = false;

  constructor(
    private readonly wb: Workbook,
    private readonly name: string,
    columns: ColumnSpec[],
    /**
     * Written at the same time as the sheet being written (a summary built from its rows), in the
     * order opened: its rows are compressed as they come and kept in memory until that sheet is done.
     */
    private readonly options: { alongside?: boolean } = {},
  ) {
    this.kinds = columns.map((c) => c.type ?? 'auto');
    this.letters = columns.map((_, i) => columnLetter(i + 1));
    this.cols = columns.map((c) => ({
      // Never narrower than its header beside the filter's button, which covers a header's last letters.
      width: Math.max(c.width ?? Math.max(12, Math.min(40, c.header.length + 4)), Math.min(60, c.header.length + 3)),
      // The column's own format, so a value typed in later is read the same way (a cédula stays text).
      style: c.type === 'date' ? STYLE.date : c.type === 'money' ? STYLE.money : c.type === 'text' ? STYLE.text : STYLE.plain,
    }));
    this.header = `<row r="1">${columns.map((c, i) => `<c r="${this.letters[i]}1" s="${STYLE.header}" t="inlineStr">${inlineString(c.header)}</c>`).join('')}</row>`;
    ({ entry: this.entry, index: this.index } = this.open(name));
  }

  private open(name: string): { entry: ZipEntryWriter; index: number } {
    const opened = this.wb.openPart(this, name, this.cols, this.options.alongside);
    opened.entry.write(Buffer.from(this.header, 'utf8'));
    this.row = 1;
    return opened;
  }

  private closePart(): void {
    this.flush();
    const filter = `A1:${this.letters[this.letters.length - 1] ?? 'A'}${this.row}`;
    this.entry.write(Buffer.from(sheetTail(filter), 'utf8'));
    this.entry.end();
    this.wb.closePart(this.index, filter);
  }

  add(values: OutCell[]): void {
    if (this.committed) throw new Error(`sheet "${this.name}" was already committed`);
    if (this.row >= sheetRows) {
      // Excel holds no more rows in a sheet: the table goes on in the next, under the same header.
      this.closePart();
      this.part++;
      ({ entry: this.entry, index: this.index } = this.open(`${this.name} (${this.part})`));
    }
    const r = ++this.row;
    let s = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) s += this.cell(values[i] ?? null, i, r);
    this.append(s + '</row>');
  }

  private append(xml: string): void {
    const most = xml.length * MAX_BYTES_PER_UNIT;
    if (this.used + most > this.pending.length) this.flush();
    // A row longer than the buffer (long texts in many cells) goes out on its own.
    if (most > this.pending.length) this.entry.write(Buffer.from(xml, 'utf8'));
    else this.used += this.pending.write(xml, this.used, 'utf8');
  }

  private cell(v: OutCell, i: number, r: number): string {
    if (v === null) return '';
    const kind = this.kinds[i] ?? 'auto';
    const ref = `${this.letters[i] ?? columnLetter(i + 1)}${r}`;
    if (kind === 'text') return this.string(ref, v instanceof Date ? v.toISOString().slice(0, 10) : String(v), STYLE.text);
    switch (typeof v) {
      case 'string': {
        if (kind === 'date') {
          const m = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
          if (m) return this.number(ref, serial(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), STYLE.date);
        }
        // Text is an inline string, never a formula; one that looks like a formula is also formatted
        // as text, so editing the cell later does not turn it into one either.
        return this.string(ref, v, isFormulaLike(v) ? STYLE.text : STYLE.plain);
      }
      case 'number':
        return this.number(ref, v, kind === 'money' ? STYLE.money : kind === 'date' ? STYLE.date : STYLE.plain);
      case 'boolean':
        return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
      default:
        return this.number(ref, serial(v.getTime()), STYLE.date);
    }
  }

  private string(ref: string, v: string, style: number): string {
    return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr">${inlineString(v)}</c>`;
  }

  private number(ref: string, v: number, style: number): string {
    // NaN or an invalid date has no cell: a spreadsheet would refuse the file.
    if (!Number.isFinite(v)) return '';
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  }

  private flush(): void {
    if (this.used === 0) return;
    // The compressor keeps the bytes it was given until it has read them: a fresh buffer follows.
    this.entry.write(this.pending.subarray(0, this.used));
    this.pending = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
  }

  /** Waits for the compressor to take what was written; call it every few hundred rows. Stops if the disk failed. */
  settle(): Promise<void> {
    this.flush();
    return this.entry.settle();
  }

  /** The sheet is complete; opening the next sheet or finishing the workbook commits it too. */
  commit(): void {
    if (this.committed) return;
    this.committed = true;
    this.closePart();
    this.wb.released(this);
  }
}
