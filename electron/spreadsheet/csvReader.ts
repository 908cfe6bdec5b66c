import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './limits';
import type { RowSource, SheetRow } from './rowSource';

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Spreadsheet programs in a Spanish locale save CSV as UTF-8 (with or without BOM), ANSI (cp1252) or UTF-16. */
export function detectEncoding(sample: Buffer): { encoding: Encoding; bom: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // A cut multi-byte character at the end of the sample is not an error.
  const probe = sample.subarray(0, Math.max(0, sample.length - 4));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(probe);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** The separator that splits the first lines most consistently (quotes respected). */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 30);
  let best = ',';
  let bestScore = -1;
  for (const d of [';', ',', '\t', '|']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const rowsWith = counts.filter((c) => c > 0).length;
    const max = Math.max(0, ...counts);
    const score = rowsWith * 1000 + max;
    if (max > 0 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

export async function openCsv(path: string, size: number): Promise<RowSource> {
  const fh = await open(path, 'r');
  const sample = Buffer.alloc(Math.min(size, 65536));
  try {
    await fh.read(sample, 0, sample.length, 0);
  } finally {
    await fh.close();
  }
  const { encoding, bom } = detectEncoding(sample);
  const decoded = new TextDecoder(encoding).decode(sample.subarray(bom));
  const delimiter = detectDelimiter(decoded);

  let read = bom;
  const file = createReadStream(path, { start: bom, highWaterMark: 1 << 20 });
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      read += chunk.length;
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, decoder.decode());
    },
  });
  file.on('error', (e) => decode.destroy(e));

  async function* rows(): AsyncIterable<SheetRow> {
    const parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 1 << 20,
    });
    file.pipe(decode).pipe(parser);
    let rowNumber = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNumber++;
        if (record.length > LIMITS.maxColumns) {
          throw new AppFailure('refused', `El archivo tiene más de ${LIMITS.maxColumns} columnas en la fila ${rowNumber}; revise el separador.`);
        }
        yield { sheet: 'CSV', rowNumber, cells: record };
      }
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      // csv-parse's own text is English: the user gets what to look at instead.
      throw new AppFailure(
        'refused',
        `No se pudo leer el CSV cerca de la fila ${rowNumber + 1}: revise que las comillas estén cerradas y que ninguna línea sea demasiado larga.`,
      );
    }
  }

  return {
    kind: 'csv',
    totalBytes: size,
    bytesRead: () => read,
    rows,
    close: () => {
      file.destroy();
      decode.destroy();
    },
  };
}
