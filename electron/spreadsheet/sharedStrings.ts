import type yauzl from 'yauzl';
import { AppFailure } from '../../shared/result';
import { entryBytes } from '../files/zipEntryText';
import { JobCancelled, type IsCancelled } from '../platform/cancellation';
import { LIMITS } from './limits';
import { checkPart } from './zipCheck';
import { unescapeXstring } from './xlsxXml';
import { bytesAre, decodeText, XML_TOO_LARGE, XmlScanner } from './xmlScanner';

const PAGE_BITS = 20;
const PAGE_SIZE = 1 << PAGE_BITS;
const OFFSET_MASK = PAGE_SIZE - 1;
const MAX_PAGES = 4096; // positions are page << 20 | offset in a Uint32
const RECENT = 4096;

const tooMany = () => `La tabla de textos del libro de Excel pasa del límite (${LIMITS.maxSharedStrings.toLocaleString('es-EC')} textos o ${LIMITS.maxSharedStringBytes / 1024 / 1024} MB): no es una base normal y no se leyó. Ábralo en Excel, guárdelo de nuevo o divídalo en varios archivos.`;

/**
 * The workbook's shared strings, kept as UTF-8 in 1 MiB pages with one Uint32 position per
 * string: about the size of the text itself, where a JS string per entry costs several times
 * more for millions of short strings. A string ends where the next one starts, or where its
 * page is filled. The rare string too long for a page is kept aside as is.
 */
export class SharedStrings {
  private pages: Buffer[] = [];
  private filled: number[] = [];
  private page: Buffer | null = null;
  private used = 0;
  private starts: Uint32Array;
  private n = 0;
  private long: Map<number, string> | null = null;
  private longBytes = 0;
  /** Strings decoded lately, by index modulo the size: columns such as REGIONAL or MARCA repeat a few values. */
  private recentIndex = new Int32Array(RECENT).fill(-1);
  private recent: string[] = new Array<string>(RECENT);

  constructor(expected = 0) {
    // `uniqueCount` is only a hint (it may be absent or wrong): start there, within reason, and grow.
    this.starts = new Uint32Array(Math.max(1024, Math.min(expected + 1, 1 << 22)));
  }

  get count(): number {
    return this.n;
  }

  /**
   * Refuses past the limits: a table of millions of empty `<si/>` costs memory and time though
   * no sheet could use it.
   */
  add(s: string): void {
    this.room();
    const worst = s.length * 3; // UTF-8 bytes per UTF-16 unit, at most
    if (worst > PAGE_SIZE / 4) {
      (this.long ??= new Map()).set(this.n, s);
      this.longBytes += s.length * 2;
      this.starts[this.n++] = this.position();
      return;
    }
    if (!this.page || this.used + worst > PAGE_SIZE) this.newPage();
    this.starts[this.n++] = this.position();
    this.used += this.page!.write(s, this.used, 'utf8');
    this.filled[this.pages.length - 1] = this.used;
  }

  /**
   * Adds a string given as its UTF-8 bytes, copied as they are: the sheet's XML already holds the
   * text in the encoding the pages keep, so the common entry (no entity, no `_xHHHH_`) is never
   * decoded while the table is loaded.
   */
  addBytes(buf: Buffer, start: number, end: number): void {
    const length = end - start;
    if (length > PAGE_SIZE / 4) {
      this.add(buf.toString('utf8', start, end));
      return;
    }
    this.room();
    if (!this.page || this.used + length > PAGE_SIZE) this.newPage();
    this.starts[this.n++] = this.position();
    // Most entries are a few bytes: a loop beats Buffer#copy, which allocates a view per call.
    const page = this.page!;
    if (length > 64) buf.copy(page, this.used, start, end);
    else for (let k = 0, at = this.used; k < length; k++) page[at + k] = buf[start + k]!;
    this.used += length;
    this.filled[this.pages.length - 1] = this.used;
  }

  private room(): void {
    if (this.n >= LIMITS.maxSharedStrings || this.bytes > LIMITS.maxSharedStringBytes) throw new AppFailure('refused', tooMany());
    if (this.n >= this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
  }

  get(i: number): string | null {
    if (!(i >= 0 && i < this.n)) return null;
    const slot = i & (RECENT - 1);
    if (this.recentIndex[slot] === i) return this.recent[slot]!;
    const s = this.decode(i);
    this.recentIndex[slot] = i;
    this.recent[slot] = s;
    return s;
  }

  private decode(i: number): string {
    if (this.long) {
      const s = this.long.get(i);
      if (s !== undefined) return s;
    }
    const start = this.starts[i]!;
    const p = start >>> PAGE_BITS;
    let end = this.filled[p]!;
    if (i + 1 < this.n) {
      const next = this.starts[i + 1]!;
      if (next >>> PAGE_BITS === p) end = next & OFFSET_MASK;
    }
    return this.pages[p]!.toString('utf8', start & OFFSET_MASK, end);
  }

  /** Bytes held: pages, positions and the strings kept aside. */
  get bytes(): number {
    return this.pages.length * PAGE_SIZE + this.starts.byteLength + this.longBytes;
  }

  private position(): number {
    return this.pages.length === 0 ? 0 : ((this.pages.length - 1) * PAGE_SIZE + this.used) >>> 0;
  }

  private newPage(): void {
    if (this.pages.length >= MAX_PAGES) throw new Error('shared strings beyond 4 GiB');
    this.page = Buffer.allocUnsafeSlow(PAGE_SIZE);
    this.pages.push(this.page);
    this.filled.push(0);
    this.used = 0;
  }
}

/**
 * Reads xl/sharedStrings.xml with the byte scanner: each `<si>` is plain (`<t>`) or rich text
 * (`<r><t>` runs, joined); phonetic guides (`<rPh>`) are not part of the value. An entry of one
 * text run without entities or `_x` escapes is copied into the table as bytes.
 */
export async function readSharedStrings(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry | null,
  progress?: (compressed: number) => void,
  signal?: AbortSignal,
  isCancelled?: IsCancelled,
): Promise<SharedStrings> {
  if (!entry) return new SharedStrings();
  checkPart(entry, LIMITS.maxSharedStringsPartBytes);
  return scanSharedStrings(entryBytes(zip, entry, progress, signal), isCancelled);
}

/** The table from the part's inflated bytes, in chunks of any size; cancellable between chunks. */
export async function scanSharedStrings(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, isCancelled?: IsCancelled): Promise<SharedStrings> {
  const reader = new SharedStringsReader();
  for await (const chunk of chunks) {
    reader.scanner.write(chunk);
    if (isCancelled?.()) throw new JobCancelled();
  }
  reader.scanner.end();
  return reader.table ?? new SharedStrings();
}

const NO_RUN = 0;
const ONE_RUN = 1;
const MANY = 2;

class SharedStringsReader {
  table: SharedStrings | null = null;
  readonly scanner: XmlScanner = new XmlScanner(this);
  private inSi = false;
  private inT = false;
  private phonetic = 0;
  /** The entry so far: nothing, one raw run (kept as a byte range), or text joined from several. */
  private state = NO_RUN;
  private runBuf: Buffer | null = null;
  private runStart = 0;
  private runEnd = 0;
  private joined = '';

  open(buf: Buffer, s: number, e: number): void {
    const len = e - s;
    if (len === 2 && buf[s] === 0x73 && buf[s + 1] === 0x69) {
      this.inSi = true;
      this.state = NO_RUN;
      this.joined = '';
    } else if (len === 1 && buf[s] === 0x74) {
      this.inT = this.inSi && this.phonetic === 0;
    } else if (bytesAre(buf, s, e, 'rPh')) {
      this.phonetic++;
    } else if (bytesAre(buf, s, e, 'sst') && !this.table) {
      let unique = 0;
      const sc = this.scanner;
      for (let i = 0; i < sc.attrCount; i++) {
        if (bytesAre(buf, sc.attrName[2 * i]!, sc.attrName[2 * i + 1]!, 'uniqueCount')) unique = Number(buf.toString('latin1', sc.attrValue[2 * i]!, sc.attrValue[2 * i + 1]!)) || 0;
      }
      this.table = new SharedStrings(unique);
    }
  }

  text(buf: Buffer, start: number, end: number, raw: boolean): void {
    if (!this.inT) return;
    if (this.state === NO_RUN && !raw && !mayEscape(buf, start, end)) {
      this.state = ONE_RUN;
      this.runBuf = buf;
      this.runStart = start;
      this.runEnd = end;
    } else {
      this.materialize();
      this.joined += raw ? buf.toString('utf8', start, end) : decodeText(buf, start, end);
    }
    // One string made of many text nodes (split by comments or CDATA) is bounded like one node.
    if (this.joined.length > LIMITS.maxTokenChars || this.runEnd - this.runStart > 4 * LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
  }

  close(buf: Buffer, s: number, e: number): void {
    const len = e - s;
    if (len === 2 && buf[s] === 0x73 && buf[s + 1] === 0x69) {
      const table = (this.table ??= new SharedStrings());
      if (this.state === ONE_RUN) table.addBytes(this.runBuf!, this.runStart, this.runEnd);
      else table.add(this.state === MANY ? unescapeXstring(this.joined) : '');
      this.inSi = false;
      this.state = NO_RUN;
      this.runBuf = null;
      this.joined = '';
    } else if (len === 1 && buf[s] === 0x74) {
      this.inT = false;
    } else if (bytesAre(buf, s, e, 'rPh')) {
      this.phonetic--;
    }
  }

  private materialize(): void {
    if (this.state === ONE_RUN) this.joined = this.runBuf!.toString('utf8', this.runStart, this.runEnd);
    this.state = MANY;
    this.runBuf = null;
    this.runStart = this.runEnd = 0;
  }
}

/** Whether a run may hold an entity (`&`) or an OOXML `_xHHHH_` escape (`_`), which need decoding. */
function mayEscape(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b === 0x26 || b === 0x5f) return true;
  }
  return false;
}
