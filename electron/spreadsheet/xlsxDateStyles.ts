import type yauzl from 'yauzl';
import { entryBytes } from '../files/zipEntryText';
import type { IsCancelled } from '../platform/cancellation';
import { LIMITS } from './limits';
import { checkPart } from './zipCheck';
import { localName, parseXml } from './xlsxXml';

/** Built-in number formats that show a date or a time (ECMA-376 §18.8.30 and the East Asian ids). */
function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a custom number format shows a date or time: a d/m/y/h/s token outside quotes,
 * brackets and escapes. Pure durations (`[h]:mm`) are numbers, not dates.
 */
export function isDateFormat(code: string): boolean {
  let date = false;
  let time = false;
  let elapsed = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      if (end < 0) break;
      i = end;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++; // an escaped literal, a space as wide as the next character, a fill character
    } else if (c === '[') {
      const end = code.indexOf(']', i + 1);
      if (end < 0) break;
      if (/^(?:h+|m+|s+)$/i.test(code.slice(i + 1, end))) elapsed = true;
      i = end; // colours, conditions, locales, durations
    } else {
      switch (c) {
        case 'd': case 'D': case 'y': case 'Y':
          date = true;
          break;
        case 'h': case 'H': case 'm': case 'M': case 's': case 'S':
          time = true;
          break;
      }
    }
  }
  return date || (time && !elapsed);
}

/** For each cell style (the `s` index into cellXfs), whether its number format is a date. */
export async function readDateStyles(zip: yauzl.ZipFile, entry: yauzl.Entry | null, isCancelled?: IsCancelled): Promise<Uint8Array> {
  if (!entry) return new Uint8Array(0);
  checkPart(entry, LIMITS.maxSmallPartBytes);
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseXml(entryBytes(zip, entry), {
    open(tag) {
      switch (localName(tag.name)) {
        case 'numFmt': {
          const id = Number(tag.attributes.numFmtId);
          if (Number.isInteger(id)) custom.set(id, tag.attributes.formatCode ?? '');
          break;
        }
        case 'cellXfs':
          inCellXfs = true;
          break;
        case 'xf':
          if (inCellXfs) xfFormats.push(Number(tag.attributes.numFmtId ?? 0));
          break;
      }
    },
    close(tag) {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    },
  }, isCancelled);
  const dates = new Uint8Array(xfFormats.length);
  xfFormats.forEach((id, i) => {
    const code = custom.get(id);
    dates[i] = (code !== undefined ? isDateFormat(code) : isBuiltinDateFormat(id)) ? 1 : 0;
  });
  return dates;
}
