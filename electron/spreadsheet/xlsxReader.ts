import { AppFailure } from '../../shared/result';
import { JobCancelled, type IsCancelled } from '../platform/cancellation';
import type { RowSource, SheetRow } from './rowSource';
import { readSharedStrings } from './sharedStrings';
import { readDateStyles } from './xlsxDateStyles';
import { SheetParser, type SheetBudget } from './xlsxSheet';
import { readWorkbookParts } from './xlsxWorkbook';
import { entryBytes } from '../files/zipEntryText';
import { openWorkbookZip } from './zipCheck';

const UNREADABLE = 'No se pudo leer el libro de Excel: está dañado o no tiene el formato esperado. Ábralo en Excel y guárdelo de nuevo como .xlsx.';

export interface ReadOptions {
  /**
   * Asked after every inflated chunk of every part (256 KiB, a millisecond of scanning), not per
   * row: a workbook of empty rows or a long shared-string table yields no row for a long time.
   */
  isCancelled?: IsCancelled;
}

/**
 * Streaming xlsx reader: the zip's parts are read straight from the file (shared strings and
 * styles first, whatever their place in the archive), then each sheet in the order of its tab,
 * inflated and scanned as bytes (xmlScanner.ts) only as fast as rows are pulled. A sheet's XML is never held whole.
 * Hostile workbooks are refused by the limits in limits.ts, each checked as soon as it can be:
 * sizes and compression ratios from the zip's directory, counts and lengths while parsing.
 */
export async function openXlsx(path: string, size: number, options: ReadOptions = {}): Promise<RowSource> {
  const { isCancelled } = options;
  const { zip, entries } = await openWorkbookZip(path);
  /** Compressed bytes of the parts finished, and of the part being read. */
  let done = 0;
  let current = 0;
  const abort = new AbortController();
  const close = () => {
    if (abort.signal.aborted) return;
    abort.abort();
    zip.close();
  };

  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      const parts = await readWorkbookParts(zip, entries, isCancelled);
      const dateStyles = await readDateStyles(zip, parts.styles, isCancelled);
      const strings = await readSharedStrings(zip, parts.sharedStrings, (c) => (current = c), abort.signal, isCancelled);
      for (const part of [entries.get('xl/workbook.xml'), entries.get('xl/_rels/workbook.xml.rels'), parts.styles, parts.sharedStrings]) {
        done += part?.compressedSize ?? 0;
      }
      current = 0;
      const budget: SheetBudget = { rowElements: 0, otherBytes: 0 };
      for (const { name, entry } of parts.sheets) {
        const sheet = new SheetParser(name, strings, dateStyles, parts.date1904, budget);
        for await (const chunk of entryBytes(zip, entry, (c) => (current = c), abort.signal)) {
          sheet.write(chunk);
          if (isCancelled?.()) throw new JobCancelled();
          const ready = sheet.take();
          for (let i = 0; i < ready.length; i++) yield ready[i]!;
        }
        sheet.end();
        yield* sheet.take();
        done += entry.compressedSize;
        current = 0;
      }
      done = size;
    } catch (e) {
      if (e instanceof AppFailure || e instanceof JobCancelled) throw e;
      throw new AppFailure('refused', UNREADABLE);
    }
  }

  return {
    kind: 'xlsx',
    totalBytes: size,
    bytesRead: () => Math.min(size, done + current),
    rows,
    close,
  };
}
