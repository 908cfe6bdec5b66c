import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import yazl from 'yazl';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A part written as head + `count` times the pattern (or pattern(i)) + tail, streamed into the deflater. */
export interface RepeatedPart {
  head: string;
  pattern: string | ((i: number) => string);
  count: number;
  tail: string;
}

/** Small text parts of a workbook whose sheet and shared strings may be huge once inflated. */
export interface HostileBook {
  sheet: RepeatedPart | string;
  sharedStrings?: RepeatedPart | string;
  styles?: string;
}

function partStream(part: RepeatedPart | string): Readable {
  if (typeof part === 'string') return Readable.from([Buffer.from(part, 'utf8')]);
  const { head, pattern, count, tail } = part;
  function* chunks(): Generator<Buffer> {
    yield Buffer.from(head, 'utf8');
    if (count === 0) {
      // Nothing repeated: head and tail only.
    } else if (typeof pattern === 'string') {
      // About 1 MiB per chunk: the deflater sees the repetition, the test's memory does not.
      const per = Math.max(1, Math.floor((1 << 20) / pattern.length));
      const block = Buffer.from(pattern.repeat(per), 'utf8');
      let left = count;
      for (; left >= per; left -= per) yield block;
      if (left > 0) yield Buffer.from(pattern.repeat(left), 'utf8');
    } else {
      let batch: string[] = [];
      for (let i = 0; i < count; i++) {
        batch.push(pattern(i));
        if (batch.length >= 20_000) {
          yield Buffer.from(batch.join(''), 'utf8');
          batch = [];
        }
      }
      if (batch.length > 0) yield Buffer.from(batch.join(''), 'utf8');
    }
    yield Buffer.from(tail, 'utf8');
  }
  return Readable.from(chunks());
}

/** The worksheet part around `sheetData` content. */
export function sheetAround(head: string, pattern: RepeatedPart['pattern'], count: number, tail = ''): RepeatedPart {
  return { head: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${head}`, pattern, count, tail: `${tail}</sheetData></worksheet>` };
}

/** The shared-string part around its `<si>` entries. */
export function stringsAround(pattern: RepeatedPart['pattern'], count: number, head = ''): RepeatedPart {
  return { head: `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${head}`, pattern, count, tail: '</sst>' };
}

/**
 * Writes a one-sheet workbook whose parts are streamed through the deflater, so a part of
 * gigabytes of repeated XML costs only its compressed size on disk and little memory here.
 */
export async function writeHostileBook(path: string, book: HostileBook): Promise<void> {
  const zip = new yazl.ZipFile();
  const rels = [`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`];
  zip.addReadStream(partStream(book.sheet), 'xl/worksheets/sheet1.xml');
  if (book.sharedStrings) {
    rels.push(`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    zip.addReadStream(partStream(book.sharedStrings), 'xl/sharedStrings.xml');
  }
  if (book.styles) {
    rels.push(`<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>`);
    zip.addBuffer(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>${book.styles}</styleSheet>`), 'xl/styles.xml');
  }
  zip.addBuffer(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="Base" sheetId="1" r:id="rId1"/></sheets></workbook>`), 'xl/workbook.xml');
  zip.addBuffer(
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
    'xl/_rels/workbook.xml.rels',
  );
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject));
}

/** An inline-string cell, for rows that need no shared strings. */
export const inlineCell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
