import { JobCancelled, type IsCancelled } from '../platform/cancellation';
import { decodeText, XmlScanner } from './xmlScanner';

export { XML_TOO_LARGE } from './xmlScanner';

/** An element as the small parts' readers see it: qualified name and decoded attributes. */
export interface XmlTag {
  name: string;
  attributes: Record<string, string>;
}

/** `x:row` and `row` are the same element: some producers prefix the main namespace. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by its local name, whatever prefix the producer gave it (`r:id`, `ns1:id`). */
export function prefixedAttr(tag: XmlTag, local: string): string | undefined {
  const attrs = tag.attributes;
  for (const name in attrs) {
    const i = name.indexOf(':');
    if (i >= 0 && name.slice(i + 1) === local) return attrs[name];
  }
  return undefined;
}

/**
 * OOXML escapes characters XML cannot hold as `_xHHHH_` (a carriage return is `_x000D_`), and a
 * literal `_x` sequence as `_x005F_x…`. Scanning left to right undoes both.
 */
export function unescapeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Parses a whole small part (workbook, relationships, styles) with the byte scanner, calling the
 * handlers with plain tags as elements open and close; cancellable between chunks. Sheets and
 * shared strings have handlers of their own that read bytes without building tags.
 */
export async function parseXml(
  chunks: AsyncIterable<Buffer>,
  on: { open?: (tag: XmlTag) => void; close?: (tag: XmlTag) => void; text?: (text: string) => void },
  isCancelled?: IsCancelled,
): Promise<void> {
  // Qualified names of the open elements, so `close` sees the same name as `open`.
  const open: string[] = [];
  const scanner: XmlScanner = new XmlScanner({
    open(buf, nameStart, nameEnd) {
      let q = nameStart;
      while (q > 0 && buf[q - 1] !== 0x3c) q--;
      const name = buf.toString('utf8', q, nameEnd);
      const attributes: Record<string, string> = {};
      for (let i = 0; i < scanner.attrCount; i++) {
        const key = buf.toString('utf8', scanner.attrName[2 * i]!, scanner.attrName[2 * i + 1]!);
        attributes[key] = decodeText(buf, scanner.attrValue[2 * i]!, scanner.attrValue[2 * i + 1]!);
      }
      open.push(name);
      on.open?.({ name, attributes });
    },
    close() {
      const name = open.pop() ?? '';
      on.close?.({ name, attributes: {} });
    },
    text(buf, start, end, raw) {
      on.text?.(raw ? buf.toString('utf8', start, end) : decodeText(buf, start, end));
    },
  });
  for await (const chunk of chunks) {
    scanner.write(chunk);
    if (isCancelled?.()) throw new JobCancelled();
  }
  scanner.end();
}
