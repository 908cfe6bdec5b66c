import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppFailure } from '../../shared/result';
import { JobCancelled, type IsCancelled } from '../platform/cancellation';
import { LIMITS } from './limits';

/** The SAX parser every workbook part goes through: no namespace tracking, no positions (both cost time). */
export type XmlParser = SaxesParser<{ xmlns: false; position: false }>;
export type XmlTag = SaxesTagPlain;

export function xmlParser(): XmlParser {
  return new SaxesParser({ xmlns: false, position: false });
}

export const XML_TOO_LARGE =
  'El libro de Excel tiene un dato o una estructura demasiado grande para ser de Excel (más de 1.048.576 caracteres en un solo dato o demasiados niveles): no se leyó. Ábralo en Excel, guárdelo de nuevo como .xlsx y vuelva a intentarlo.';

/**
 * What saxes holds between two chunks: the token it is reading (text, a name, a comment, an
 * entity), the open elements and the attributes of the tag being read. saxes has no limits of its
 * own, so a hostile part (one endless text node or comment, nesting a million deep) would grow
 * them without end; they are looked at after each chunk, which bounds them to the limit plus one
 * chunk. The fields are private in saxes' types: test/integration/hostileXlsx.test.ts fails if an
 * upgrade renames them.
 */
interface SaxesBuffers {
  text?: string;
  name?: string;
  entity?: string;
  piTarget?: string;
  tags?: unknown[];
  attribList?: unknown[];
}

export function checkParserBounds(parser: XmlParser): void {
  const p = parser as unknown as SaxesBuffers;
  const max = LIMITS.maxTokenChars;
  const longest = Math.max(p.text?.length ?? 0, p.name?.length ?? 0, p.entity?.length ?? 0, p.piTarget?.length ?? 0);
  if (longest > max || (p.tags?.length ?? 0) > LIMITS.maxDepth || (p.attribList?.length ?? 0) > 1000) {
    throw new AppFailure('refused', XML_TOO_LARGE);
  }
}

/** Between two chunks of a part: the user may have cancelled, and the parser may not grow further. */
export function afterChunk(parser: XmlParser, isCancelled: IsCancelled | undefined): void {
  checkParserBounds(parser);
  if (isCancelled?.()) throw new JobCancelled();
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

/** Parses a whole part, calling the handlers as elements open and close; cancellable between chunks. */
export async function parseXml(
  texts: AsyncIterable<string>,
  on: { open?: (tag: XmlTag) => void; close?: (tag: XmlTag) => void; text?: (text: string) => void },
  isCancelled?: IsCancelled,
): Promise<void> {
  const parser = xmlParser();
  if (on.open) parser.on('opentag', on.open);
  if (on.close) parser.on('closetag', on.close);
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  for await (const text of texts) {
    parser.write(text);
    afterChunk(parser, isCancelled);
  }
  parser.close();
}
