import { once } from 'node:events';
import type ExcelJS from 'exceljs';

/** The stream that feeds a streamed sheet's zip entry, and the sheet's own buffer (exceljs 4.x internals). */
type ZipInput = NodeJS.EventEmitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };
type SheetStream = { buffers?: unknown[]; pipes?: ZipInput[] };

/**
 * exceljs's streaming writer ignores backpressure: `row.commit()` hands the sheet's XML on at
 * once, so a fast producer would keep a whole uncompressed sheet in memory. Called every few
 * hundred rows, this waits until the zip has taken what was written. If exceljs's internals
 * change, it degrades to no pacing.
 */
export async function paceSheet(ws: ExcelJS.Worksheet): Promise<void> {
  const s = (ws as unknown as { stream?: SheetStream }).stream;
  const input = s?.pipes?.[0];
  if (input) {
    if (input.writableNeedDrain ?? input._writableState?.needDrain) await once(input, 'drain');
    return;
  }
  // Not handed to the zip yet (an earlier entry is still being compressed): wait for it past 4 MB.
  while ((s?.buffers?.length ?? 0) > 64 && !s?.pipes?.[0]) await new Promise((r) => setTimeout(r, 1));
}
