import { AppFailure } from '../../shared/result';
import { LIMITS } from './limits';

export const XML_TOO_LARGE =
  'El libro de Excel tiene un dato o una estructura demasiado grande para ser de Excel (más de 1.048.576 caracteres en un solo dato o demasiados niveles): no se leyó. Ábralo en Excel, guárdelo de nuevo como .xlsx y vuelva a intentarlo.';

/** Malformed XML (unclosed or crossed elements, a bad entity, text outside the root): the reader's "dañado" refusal. */
export class XmlDamage extends Error {}

/**
 * What a scanner reports. Names are the local name's bytes (`x:row` gives `row`); the tag's
 * attributes are in the scanner's `attr*` arrays until the call returns. A self-closing tag is an
 * `open` followed by a `close`. Text is raw bytes between two markup tokens, entities not yet
 * decoded (`decodeText`), except CDATA (`raw`), which is taken as it is.
 */
export interface XmlHandler {
  open(buf: Buffer, nameStart: number, nameEnd: number): void;
  close(buf: Buffer, nameStart: number, nameEnd: number): void;
  text(buf: Buffer, start: number, end: number, raw: boolean): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQ = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;
const COLON = 0x3a;
const AMP = 0x26;
const MAX_ATTRS = 1000;
const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');
const CDATA_OPEN = Buffer.from('<![CDATA[');
const BOM = [0xef, 0xbb, 0xbf];

/**
 * A byte-level XML scanner for workbook parts: elements, attributes, text, CDATA, comments,
 * processing instructions and a DOCTYPE (skipped), read straight from inflated chunks without
 * decoding them to strings first. A token cut by a chunk boundary waits, as bytes, for the next
 * chunk; so does a multi-byte character, which is therefore always decoded whole. An unfinished
 * token is looked at again only once the bytes waiting have doubled, so a long token costs linear
 * time, and it may not pass four times `maxTokenChars` bytes (a token of that many characters
 * cannot be a cell): memory stays bounded whatever the part holds. Depth and attributes per tag
 * are bounded too; every such refusal is `XML_TOO_LARGE`.
 */
export class XmlScanner {
  /** Attributes of the tag being reported: qualified name and value (between the quotes) as byte ranges. */
  attrCount = 0;
  readonly attrName = new Int32Array(2 * MAX_ATTRS);
  readonly attrValue = new Int32Array(2 * MAX_ATTRS);
  /** Bytes of comments, processing instructions and DOCTYPE: markup that carries no data. */
  skipped = 0;
  /**
   * Bytes of the part consumed before the buffer being scanned: `consumed + tagStart` is where the
   * reported tag starts in the part, `consumed + tagEnd` where it ends.
   */
  consumed = 0;
  tagStart = 0;
  tagEnd = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private waitFor = 0;
  private first = true;
  private depth = 0;
  private rootClosed = false;
  private names = Buffer.allocUnsafe(1024);
  private nameEnds: number[] = [0];

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.waitFor) {
      if (this.pendingBytes > 4 * LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
      return;
    }
    this.run(false);
  }

  /** The part is over: anything unfinished is damage. */
  end(): void {
    if (this.pendingBytes > 0) this.run(true);
    if (this.depth !== 0 || !this.rootClosed) throw new XmlDamage('xml: unclosed elements or no root');
  }

  private run(final: boolean): void {
    let buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let start = 0;
    if (this.first) {
      // A byte order mark may itself come cut in two.
      if (buf.length < 3 && !final && buf.every((b, i) => b === BOM[i])) {
        this.pending.push(buf);
        this.pendingBytes = buf.length;
        this.waitFor = buf.length + 1;
        return;
      }
      this.first = false;
      if (buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) start = 3;
    }
    const stop = this.scan(buf, start, final);
    this.consumed += stop;
    if (stop < buf.length) {
      if (final) throw new XmlDamage('xml: truncated token');
      buf = buf.subarray(stop);
      if (buf.length > 4 * LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
      this.pending.push(buf);
      this.pendingBytes = buf.length;
      this.waitFor = 2 * buf.length;
    } else {
      this.waitFor = 0;
    }
  }

  /** Reads complete tokens from `pos`; returns where the first unfinished one starts. */
  private scan(buf: Buffer, pos: number, final: boolean): number {
    const end = buf.length;
    while (pos < end) {
      if (buf[pos] !== LT) {
        let lt = buf.indexOf(LT, pos + 1);
        if (lt < 0) {
          if (!final) return pos;
          lt = end;
        }
        this.textRun(buf, pos, lt, false);
        pos = lt;
        continue;
      }
      if (pos + 1 >= end) return pos;
      const next = buf[pos + 1];
      let after: number;
      if (next === SLASH) after = this.closeTag(buf, pos);
      else if (next === BANG) after = this.bang(buf, pos);
      else if (next === QUESTION) after = this.skipTo(buf, pos, PI_END);
      else after = this.openTag(buf, pos);
      if (after < 0) return pos;
      if (after - pos > LIMITS.maxTokenChars) throw new AppFailure('refused', XML_TOO_LARGE);
      pos = after;
    }
    return pos;
  }

  private textRun(buf: Buffer, start: number, end: number, raw: boolean): void {
    if (end - start > LIMITS.maxTokenChars * 4) throw new AppFailure('refused', XML_TOO_LARGE);
    if (this.depth === 0) {
      if (raw) throw new XmlDamage('xml: CDATA outside the root');
      for (let i = start; i < end; i++) {
        const b = buf[i]!;
        if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) throw new XmlDamage('xml: text outside the root');
      }
      return;
    }
    this.handler.text(buf, start, end, raw);
  }

  private skipTo(buf: Buffer, pos: number, terminator: Buffer): number {
    const at = buf.indexOf(terminator, pos + 2);
    if (at < 0) return -1;
    this.skipped += at + terminator.length - pos;
    return at + terminator.length;
  }

  /** `<!--`, `<![CDATA[` or `<!DOCTYPE`. */
  private bang(buf: Buffer, pos: number): number {
    if (buf.length - pos < 9) return -1;
    if (buf[pos + 2] === 0x2d && buf[pos + 3] === 0x2d) return this.skipTo(buf, pos + 2, COMMENT_END);
    if (buf.compare(CDATA_OPEN, 0, 9, pos, pos + 9) === 0) {
      const at = buf.indexOf(CDATA_END, pos + 9);
      if (at < 0) return -1;
      this.textRun(buf, pos + 9, at, true);
      return at + 3;
    }
    if (buf.toString('latin1', pos + 2, pos + 9).toUpperCase() !== 'DOCTYPE') throw new XmlDamage('xml: unknown declaration');
    let i = pos + 9;
    let bracket = false;
    for (; i < buf.length; i++) {
      const b = buf[i];
      if (b === 0x5b) bracket = true;
      else if (b === 0x5d) bracket = false;
      else if (b === GT && !bracket) break;
    }
    if (i >= buf.length) return -1;
    this.skipped += i + 1 - pos;
    return i + 1;
  }

  private openTag(buf: Buffer, pos: number): number {
    const end = buf.length;
    const nameStart = pos + 1;
    let i = nameStart;
    let local = nameStart;
    for (; i < end; i++) {
      const b = buf[i]!;
      if (b === GT || b === SLASH || b <= 0x20) break;
      if (b === COLON) local = i + 1;
      else if (b === EQ || b === LT || b === QUOTE || b === APOS) throw new XmlDamage('xml: bad tag name');
    }
    if (i >= end) return -1;
    const nameEnd = i;
    if (nameEnd === nameStart) throw new XmlDamage('xml: empty tag name');
    let count = 0;
    let selfClosing = false;
    for (;;) {
      while (i < end && buf[i]! <= 0x20) i++;
      if (i >= end) return -1;
      const b = buf[i];
      if (b === GT) {
        i++;
        break;
      }
      if (b === SLASH) {
        if (i + 1 >= end) return -1;
        if (buf[i + 1] !== GT) throw new XmlDamage('xml: bad tag end');
        selfClosing = true;
        i += 2;
        break;
      }
      const an = i;
      while (i < end && buf[i] !== EQ && buf[i]! > 0x20 && buf[i] !== GT && buf[i] !== SLASH) i++;
      const ae = i;
      while (i < end && buf[i]! <= 0x20) i++;
      if (i >= end) return -1;
      if (buf[i] !== EQ || ae === an) throw new XmlDamage('xml: attribute without value');
      i++;
      while (i < end && buf[i]! <= 0x20) i++;
      if (i >= end) return -1;
      const q = buf[i];
      if (q !== QUOTE && q !== APOS) throw new XmlDamage('xml: unquoted attribute');
      const vs = i + 1;
      let ve = vs;
      while (ve < end && buf[ve] !== q) {
        if (buf[ve] === LT) throw new XmlDamage('xml: < in an attribute');
        ve++;
      }
      if (ve >= end) return -1;
      if (count >= MAX_ATTRS) throw new AppFailure('refused', XML_TOO_LARGE);
      this.attrName[2 * count] = an;
      this.attrName[2 * count + 1] = ae;
      this.attrValue[2 * count] = vs;
      this.attrValue[2 * count + 1] = ve;
      count++;
      i = ve + 1;
    }
    if (this.depth === 0 && this.rootClosed) throw new XmlDamage('xml: a second root element');
    this.attrCount = count;
    this.tagStart = pos;
    this.tagEnd = i;
    if (!selfClosing) this.push(buf, nameStart, nameEnd);
    this.handler.open(buf, local, nameEnd);
    this.attrCount = 0;
    if (selfClosing) {
      this.handler.close(buf, local, nameEnd);
      if (this.depth === 0) this.rootClosed = true;
    }
    return i;
  }

  private closeTag(buf: Buffer, pos: number): number {
    const end = buf.length;
    const nameStart = pos + 2;
    let i = nameStart;
    let local = nameStart;
    for (; i < end; i++) {
      const b = buf[i]!;
      if (b === GT || b <= 0x20) break;
      if (b === COLON) local = i + 1;
    }
    const nameEnd = i;
    while (i < end && buf[i]! <= 0x20) i++;
    if (i >= end) return -1;
    if (buf[i] !== GT) throw new XmlDamage('xml: bad closing tag');
    // The closing name must be the open element's, byte for byte.
    if (this.depth === 0) throw new XmlDamage('xml: closing tag without an element');
    const top = this.nameEnds[this.depth - 1]!;
    const len = this.nameEnds[this.depth]! - top;
    if (nameEnd - nameStart !== len) throw new XmlDamage('xml: crossed elements');
    for (let k = 0; k < len; k++) if (this.names[top + k] !== buf[nameStart + k]) throw new XmlDamage('xml: crossed elements');
    this.depth--;
    this.nameEnds.pop();
    this.tagStart = pos;
    this.tagEnd = i + 1;
    this.handler.close(buf, local, nameEnd);
    if (this.depth === 0) this.rootClosed = true;
    return i + 1;
  }

  private push(buf: Buffer, start: number, end: number): void {
    if (this.depth >= LIMITS.maxDepth) throw new AppFailure('refused', XML_TOO_LARGE);
    const at = this.nameEnds[this.depth]!;
    const len = end - start;
    if (at + len > this.names.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.names.length, at + len));
      this.names.copy(grown, 0, 0, at);
      this.names = grown;
    }
    // Names are a few bytes: a loop beats Buffer#copy, which allocates a view per call.
    const names = this.names;
    for (let k = 0; k < len; k++) names[at + k] = buf[start + k]!;
    this.depth++;
    this.nameEnds.push(at + len);
  }
}

/** Whether bytes `start..end` of `buf` spell `ascii`. */
export function bytesAre(buf: Buffer, start: number, end: number, ascii: string): boolean {
  if (end - start !== ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (buf[start + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Whether the range holds a byte that needs more than a plain UTF-8 decode: an entity. */
export function hasEntity(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] === AMP) return true;
  return false;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** UTF-8 text with the five predefined entities and character references decoded; any other entity is damage. */
export function decodeText(buf: Buffer, start: number, end: number): string {
  if (!hasEntity(buf, start, end)) return buf.toString('utf8', start, end);
  let out = '';
  let from = start;
  for (let i = start; i < end; i++) {
    if (buf[i] !== AMP) continue;
    let semi = i + 1;
    while (semi < end && semi - i <= 12 && buf[semi] !== 0x3b) semi++;
    if (semi >= end || buf[semi] !== 0x3b) throw new XmlDamage('xml: bare &');
    const name = buf.toString('latin1', i + 1, semi);
    let ch = NAMED[name];
    if (ch === undefined) {
      const m = name.match(/^#(?:x([0-9a-fA-F]+)|([0-9]+))$/);
      const code = m ? parseInt(m[1] ?? m[2]!, m[1] ? 16 : 10) : NaN;
      if (!(code > 0 && code <= 0x10ffff)) throw new XmlDamage('xml: unknown entity');
      ch = String.fromCodePoint(code);
    }
    out += buf.toString('utf8', from, i) + ch;
    from = semi + 1;
    i = semi;
  }
  return out + buf.toString('utf8', from, end);
}
