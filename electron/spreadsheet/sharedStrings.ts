import type yauzl from 'yauzl';
import { AppFailure } from '../../shared/result';
import { entryText } from '../files/zipEntryText';
import type { IsCancelled } from '../platform/cancellation';
import { LIMITS } from './limits';
import { checkPart } from './zipCheck';
import { localName, parseXml, unescapeXstring, XML_TOO_LARGE } from './xlsxXml';

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
    if (this.n >= LIMITS.maxSharedStrings || this.bytes > LIMITS.maxSharedStringBytes) throw new AppFailure('refused', tooMany());
    if (this.n >= this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
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
 * Reads xl/sharedStrings.xml: each `<si>` is plain (`<t>`) or rich text (`<r><t>` runs, joined);
 * phonetic guides (`<rPh>`) are not part of the value.
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
  let table: SharedStrings | null = null;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  await parseXml(entryText(zip, entry, progress, signal), {
    open(tag) {
      switch (localName(tag.name)) {
        case 'sst':
          table ??= new SharedStrings(Number(tag.attributes.uniqueCount) || 0);
          break;
        case 'si':
          inSi = true;
          text = '';
          break;
        case 't':
          inT = inSi && phonetic === 0;
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    text(t) {
      if (!inT) return;
      text += t;
      // One string made of many text nodes (split by comments or CDATA) is bounded like one node.
      if (text.length > LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
    },
    close(tag) {
      switch (localName(tag.name)) {
        case 'si':
          (table ??= new SharedStrings()).add(unescapeXstring(text));
          inSi = false;
          text = '';
          break;
        case 't':
          inT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
      }
    },
  }, isCancelled);
  return table ?? new SharedStrings();
}
