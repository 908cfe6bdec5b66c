import { parentPort, workerData } from 'node:worker_threads';
import { log } from '../platform/log';
import { AppFailure } from '../../shared/result';
import { BASE_TABLE } from './baseTableSpec';
import { openRowSource } from '../spreadsheet/openSource';
import { readTable } from '../spreadsheet/table';
import { columnMapping, prepareRow, type BaseSheetRow } from './preparedRow';
import { toWire, type WireRow } from './wireRows';
import { BATCH_CHARS, BATCH_ROWS, MAX_IN_FLIGHT, type ReaderData, type ReaderMessage } from './tableReaderProtocol';

/**
 * Parses the spreadsheet on its own thread and hands rows to the importing thread in batches,
 * so parsing and database work run on both cores. The writer acknowledges each batch; the
 * reader never runs more than a few batches ahead, so memory stays flat.
 */
const port = parentPort!;
const post = (m: ReaderMessage) => port.postMessage(m);
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
  wake = null;
});

async function main(): Promise<void> {
  const { path, prepare } = workerData as ReaderData;
  const source = await openRowSource(path);
  try {
    let batch: BaseSheetRow[] = [];
    let wire: WireRow[] = [];
    let mapping: ReturnType<typeof columnMapping> = [];
    let headers: readonly string[] = [];
    let chars = 0;
    const flush = async () => {
      if (batch.length === 0 && wire.length === 0) return;
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
      inFlight++;
      if (prepare) post({ type: 'prepared', rows: wire, bytesRead: source.bytesRead() });
      else post({ type: 'rows', rows: batch, bytesRead: source.bytesRead() });
      batch = [];
      wire = [];
      chars = 0;
    };
    const rows = readTable(source, BASE_TABLE, (header) => {
      mapping = columnMapping(header, prepare?.mapping);
      headers = header.headers;
      post({ type: 'header', header, totalBytes: source.totalBytes });
    });
    for await (const row of rows) {
      if (prepare) {
        const w = toWire(row, prepareRow(row, mapping, headers, prepare.prices));
        wire.push(w);
        chars += w[2].length;
      } else {
        batch.push(row);
        for (const c of row.cells) if (typeof c === 'string') chars += c.length;
      }
      if (batch.length + wire.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
    }
    await flush();
    post({ type: 'end', bytesRead: source.bytesRead() });
  } finally {
    source.close();
  }
}

main().catch((e: unknown) => {
  if (e instanceof AppFailure) post({ type: 'error', kind: e.kind, message: e.message });
  else {
    log.error('import.readerFailed', { err: e });
    post({ type: 'error', kind: 'internal', message: 'No se pudo leer el archivo por un error inesperado. Intente de nuevo; si se repite, avise a soporte.' });
  }
});
