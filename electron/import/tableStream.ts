import { Worker } from 'node:worker_threads';
import { log } from '../platform/log';
import type { BaseFieldKey } from '../../shared/baseFields';
import { AppFailure } from '../../shared/result';
import { JobCancelled, type IsCancelled } from '../platform/cancellation';
import { workerEntry } from '../platform/workerEntry';
import { BASE_TABLE } from './baseTableSpec';
import type { SheetRow } from '../spreadsheet/rowSource';
import { readTable, type TableHeader, type TableSpec } from '../spreadsheet/table';
import type { BaseSheetRow } from './preparedRow';
import type { ReaderData, ReaderMessage } from './tableReaderProtocol';
import { WireSheetRow } from './wireRows';

/** The data rows of the base table, wherever they are parsed. */
export interface TableStream<R extends SheetRow = SheetRow> {
  rows: AsyncIterable<R>;
  bytesRead(): number;
  totalBytes(): number;
  close(): Promise<void>;
  /** Whether a thread is still reading for this stream (a threaded one's stops at its last row). */
  reading?(): boolean;
}

/** Parses on this thread (small files, tools). */
export async function inlineTable<F extends string = BaseFieldKey>(
  path: string,
  onHeader: (h: TableHeader<F>) => void,
  spec: TableSpec<F> = BASE_TABLE as unknown as TableSpec<F>,
  isCancelled?: IsCancelled,
): Promise<TableStream> {
  // The spreadsheet parser is loaded only where it runs (the reader thread in a threaded import).
  const { openRowSource } = await import('../spreadsheet/openSource');
  const source = await openRowSource(path, { isCancelled });
  return {
    rows: readTable(source, spec, onHeader),
    bytesRead: () => source.bytesRead(),
    totalBytes: () => source.totalBytes,
    close: async () => source.close(),
  };
}

function tableReaderEntry(): URL {
  return workerEntry(new URL('./table-reader.mjs', import.meta.url), new URL('./tableReader.dev.mjs', import.meta.url));
}

/**
 * Parses on a thread of its own, so the caller's thread is free for the database. With `prepare`
 * that thread also normalises the rows (`BaseSheetRow.prepared`).
 */
export async function threadedTable(
  path: string,
  onHeader: (h: TableHeader<BaseFieldKey>) => void,
  isCancelled?: IsCancelled,
  prepare?: ReaderData['prepare'],
): Promise<TableStream<BaseSheetRow>> {
  const data: ReaderData = { path, prepare };
  // Rows die young: a young generation of 16 MB instead of V8's 48 collects them as often as
  // needed and keeps about 20 MB less resident, for no time measured at a million rows.
  const worker = new Worker(tableReaderEntry(), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  let bytes = 0;
  let total = 0;
  const queue: ReaderMessage[] = [];
  let notify: (() => void) | null = null;
  let exited = false;
  worker.on('message', (m: ReaderMessage) => {
    queue.push(m);
    notify?.();
  });
  worker.on('error', (e) => {
    log.error('import.readerFailed', { err: e });
    // The thread's own text ("JS heap out of memory"…) is English: the user reads what happened.
    const outOfMemory = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    const message = outOfMemory
      ? 'El archivo necesita más memoria de la que este equipo puede dar para leerlo. Divídalo en varios archivos y vuelva a intentarlo.'
      : 'No se pudo leer el archivo por un error inesperado. Intente de nuevo; si se repite, avise a soporte.';
    queue.push({ type: 'error', kind: outOfMemory ? 'refused' : 'internal', message });
    notify?.();
  });
  worker.on('exit', () => {
    exited = true;
    notify?.();
  });

  async function next(): Promise<ReaderMessage | null> {
    while (queue.length === 0) {
      if (exited) return null;
      // The reader may go a long time without a row (empty rows, a big shared-string table): the
      // cancel flag is looked at while waiting, and close() then stops the thread mid-parse.
      let tick: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((r) => {
        notify = r;
        if (isCancelled) tick = setTimeout(r, 200);
      });
      clearTimeout(tick);
      notify = null;
      if (isCancelled?.()) throw new JobCancelled();
    }
    return queue.shift()!;
  }

  async function* rows(): AsyncGenerator<BaseSheetRow> {
    for (;;) {
      const m = await next();
      if (!m) throw new AppFailure('internal', 'La lectura del archivo terminó sin avisar.');
      switch (m.type) {
        case 'header':
          total = m.totalBytes;
          onHeader(m.header);
          break;
        case 'rows':
          bytes = m.bytesRead;
          worker.postMessage('ack');
          yield* m.rows;
          break;
        case 'prepared':
          bytes = m.bytesRead;
          worker.postMessage('ack');
          for (const w of m.rows) yield new WireSheetRow(w);
          break;
        case 'end':
          bytes = m.bytesRead;
          // The thread waits for acknowledgements until it is stopped: it holds the file's shared
          // strings and its own heap (over 100 MB at a million rows), which the apply must not keep.
          await worker.terminate();
          return;
        case 'error':
          throw new AppFailure(m.kind, m.message);
      }
    }
  }

  return {
    rows: rows(),
    bytesRead: () => bytes,
    totalBytes: () => total,
    close: async () => {
      if (!exited) await worker.terminate();
    },
    reading: () => !exited,
  };
}
