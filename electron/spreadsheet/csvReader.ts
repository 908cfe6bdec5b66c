import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { AppFailure } from '../../shared/result';
import { decideEncoding, TEXT_CHANGED } from './csvEncoding';
import { LIMITS } from './limits';
import type { RowSource, SheetRow } from './rowSource';

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

/** Longest record (one row, all its cells) a CSV may hold: no row of a base comes near it. */
export const MAX_CSV_RECORD_BYTES = 1 << 20;

class DecodeFailed extends Error {}

/**
 * csv-parse's own messages are English and quote the data: each code it raises becomes a Spanish
 * sentence naming the row (records are counted as the rows a spreadsheet program shows).
 */
export function csvProblem(e: unknown, rowsBefore: number): AppFailure {
  if (e instanceof DecodeFailed) return new AppFailure('refused', TEXT_CHANGED);
  const err = e as { code?: unknown; records?: unknown } | null;
  const records = typeof err?.records === 'number' ? err.records : rowsBefore;
  const row = (records + 1).toLocaleString('es-EC');
  const code = typeof err?.code === 'string' ? err.code : '';
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new AppFailure(
        'refused',
        `La fila ${row} abre comillas (") que no se cierran hasta el final del archivo. Corrija las comillas de esa fila y vuelva a intentarlo.`,
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new AppFailure(
        'refused',
        `La fila ${row} pasa de ${MAX_CSV_RECORD_BYTES / 1048576} MB de texto; ninguna fila de una base es tan larga. Revise esa fila (una comilla sin cerrar puede unir muchas filas en una).`,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return new AppFailure('refused', `La fila ${row} tiene comillas (") mal puestas. Corrija las comillas de esa fila y vuelva a intentarlo.`);
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return new AppFailure('refused', `La fila ${row} no tiene el mismo número de columnas que el encabezado. Revise el separador de esa fila.`);
    case 'ENOENT':
      return new AppFailure('not_found', 'No se encontró el archivo. Revise la ruta y vuelva a intentarlo.');
    default:
      // Never the library's text: what to look at instead.
      return new AppFailure(
        'refused',
        `No se pudo leer el CSV cerca de la fila ${row}: revise que las comillas estén cerradas y que ninguna línea sea demasiado larga.`,
      );
  }
}

export async function openCsv(path: string, size: number): Promise<RowSource> {
  const fh = await open(path, 'r');
  const sample = Buffer.alloc(Math.min(size, 65536));
  try {
    await fh.read(sample, 0, sample.length, 0);
  } finally {
    await fh.close();
  }
  // The encoding is decided over the whole file, not its first bytes (a name in ANSI megabytes in).
  const { encoding, bom } = await decideEncoding(path, sample);
  const delimiter = detectDelimiter(new TextDecoder(encoding).decode(sample.subarray(bom)));

  let read = bom;
  const file = createReadStream(path, { start: bom, highWaterMark: 1 << 20 });
  // Fatal: a byte the decision did not foresee is refused, never stored as U+FFFD.
  const decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252' });
  const decode = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      read += chunk.length;
      try {
        cb(null, decoder.decode(chunk, { stream: true }));
      } catch {
        cb(new DecodeFailed());
      }
    },
    flush(cb) {
      try {
        cb(null, decoder.decode());
      } catch {
        cb(new DecodeFailed());
      }
    },
  });

  async function* rows(): AsyncIterable<SheetRow> {
    const parser = parse({
      delimiter,
      // Every line ending, in any mix: by default the first one found was the only one, and a file
      // edited by two programs (CRLF, then LF) read two lines as one row, shifted.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_CSV_RECORD_BYTES,
    });
    // pipe() does not pass errors on: the parser is stopped with the reader's or the decoder's.
    file.on('error', (e) => parser.destroy(e));
    decode.on('error', (e) => parser.destroy(e));
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
      throw csvProblem(e, rowNumber);
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
