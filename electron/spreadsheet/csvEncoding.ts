import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { AppFailure } from '../../shared/result';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * What the bytes after any BOM are: how many well-formed UTF-8 multi-byte characters and how many
 * bytes that cannot be UTF-8, with the offset of the first of each (for the line in a message).
 */
export interface Utf8Census {
  firstValid: number;
  firstInvalid: number;
}

const NONE = -1;

/** Length of the UTF-8 sequence `lead` starts, and the range its second byte must fall in (WHATWG). */
function sequence(lead: number): [number, number, number] | null {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return null;
}

/**
 * Classifies the bytes of `buf` (which starts on a character boundary) from `census` on; returns
 * how many bytes at the end belong to a sequence cut by the chunk's end, to carry over.
 */
function classify(buf: Buffer, base: number, census: Utf8Census, last: boolean): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const seq = sequence(b);
    let ok = seq !== null;
    let n = 1;
    if (seq) {
      const [len, lo, hi] = seq;
      if (i + len > buf.length && !last) {
        // The chunk ends inside what may be a whole character: decide with the next chunk.
        let partialOk = true;
        for (let k = 1; i + k < buf.length; k++) {
          const c = buf[i + k]!;
          if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) partialOk = false;
        }
        if (partialOk) return buf.length - i;
      }
      for (let k = 1; k < len; k++) {
        const c = buf[i + k];
        if (c === undefined || (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf)) {
          ok = false;
          break;
        }
      }
      if (ok) n = len;
    }
    if (ok && census.firstValid === NONE) census.firstValid = base + i;
    if (!ok && census.firstInvalid === NONE) census.firstInvalid = base + i;
    if (census.firstValid !== NONE && census.firstInvalid !== NONE) return 0;
    i += n;
  }
  return 0;
}

/** Bytes at the end of `buf` that start a multi-byte character the chunk cuts (0 when none). */
function cutTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return len > back ? back : 0;
    }
  }
  return 0;
}

/**
 * Reads the whole file once (after the BOM) and tells where well-formed UTF-8 and bytes that
 * cannot be UTF-8 first appear. Whole chunks that are plain ASCII or valid UTF-8 are checked by
 * Node's native validators; only chunks that fail are walked byte by byte.
 */
export async function utf8Census(path: string, start: number): Promise<Utf8Census> {
  const census: Utf8Census = { firstValid: NONE, firstInvalid: NONE };
  let carry: Buffer = Buffer.alloc(0);
  let base = start;
  const stream = createReadStream(path, { start, highWaterMark: 1 << 20 });
  try {
    for await (const raw of stream as AsyncIterable<Buffer>) {
      const chunk = carry.length > 0 ? Buffer.concat([carry, raw]) : raw;
      const tail = cutTail(chunk);
      const whole = chunk.subarray(0, chunk.length - tail);
      if (isAscii(whole)) {
        // Nothing to learn.
      } else if (isUtf8(whole)) {
        if (census.firstValid === NONE) classify(whole, base, census, false);
      } else {
        const left = classify(chunk, base, census, false);
        if (census.firstValid !== NONE && census.firstInvalid !== NONE) break;
        carry = Buffer.from(chunk.subarray(chunk.length - left));
        base += chunk.length - left;
        continue;
      }
      carry = Buffer.from(chunk.subarray(whole.length));
      base += whole.length;
    }
    if (carry.length > 0) classify(carry, base, census, true);
  } finally {
    stream.destroy();
  }
  return census;
}

/** The line (1-based) of the byte at `offset`: counted only when a message needs it. */
export async function lineAt(path: string, offset: number): Promise<number> {
  if (offset <= 0) return 1;
  let line = 1;
  const stream = createReadStream(path, { end: offset - 1, highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) line++;
    }
  } finally {
    stream.destroy();
  }
  return line;
}

/**
 * The one encoding that holds for the whole file. Without a BOM, a file that is valid UTF-8 from
 * start to end is UTF-8, and one with any byte that cannot be UTF-8 is Windows-1252 (what a
 * Spanish-locale spreadsheet program saves as ANSI), even when that byte comes megabytes in. A
 * file holding both (two exports pasted together) cannot be read either way without turning one
 * half's accents into garbage, so it is refused naming both lines. A UTF-8 BOM followed by bytes
 * that are not UTF-8 is refused the same way.
 */
export async function decideEncoding(path: string, head: Buffer): Promise<{ encoding: Encoding; bom: number }> {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const census = await utf8Census(path, bom);
  if (census.firstInvalid === NONE) return { encoding: 'utf-8', bom };
  if (bom === 0 && census.firstValid === NONE) return { encoding: 'windows-1252', bom: 0 };
  const badLine = await lineAt(path, census.firstInvalid);
  if (bom > 0 && census.firstValid === NONE) {
    throw new AppFailure(
      'refused',
      `El archivo dice ser UTF-8 pero la línea ${badLine.toLocaleString('es-EC')} no lo es. Ábralo en Excel y guárdelo de nuevo como «CSV UTF-8».`,
    );
  }
  const goodLine = await lineAt(path, census.firstValid);
  throw new AppFailure(
    'refused',
    `El archivo mezcla dos codificaciones de texto (UTF-8 en la línea ${goodLine.toLocaleString('es-EC')} y ANSI en la línea ${badLine.toLocaleString('es-EC')}): las tildes y eñes de una de las partes se guardarían mal. Ábralo en Excel y guárdelo de nuevo como «CSV UTF-8».`,
  );
}

export const TEXT_CHANGED =
  'El texto del archivo no se pudo leer con la codificación detectada (quizás cambió mientras se leía). Guárdelo de nuevo como «CSV UTF-8» y vuelva a intentarlo.';
