import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** The SAX parser every workbook part goes through: no namespace tracking, no positions (both cost time). */
export type XmlParser = SaxesParser<{ xmlns: false; position: false }>;
export type XmlTag = SaxesTagPlain;

export function xmlParser(): XmlParser {
  return new SaxesParser({ xmlns: false, position: false });
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

/** Parses a whole part, calling the handlers as elements open and close. */
export async function parseXml(
  texts: AsyncIterable<string>,
  on: { open?: (tag: XmlTag) => void; close?: (tag: XmlTag) => void; text?: (text: string) => void },
): Promise<void> {
  const parser = xmlParser();
  if (on.open) parser.on('opentag', on.open);
  if (on.close) parser.on('closetag', on.close);
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  for await (const text of texts) parser.write(text);
  parser.close();
}
