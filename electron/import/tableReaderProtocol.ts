import type { BaseFieldKey } from '../../shared/baseFields';
import type { ErrorKind } from '../../shared/result';
import type { SheetRow } from '../spreadsheet/rowSource';
import type { TableHeader } from '../spreadsheet/table';

export type ReaderMessage =
  | { type: 'header'; header: TableHeader<BaseFieldKey>; totalBytes: number }
  | { type: 'rows'; rows: SheetRow[]; bytesRead: number }
  | { type: 'end'; bytesRead: number }
  | { type: 'error'; kind: ErrorKind; message: string };

/** Rows per message, and messages the reader may send ahead before waiting for the writer. */
export const BATCH_ROWS = 1000;
export const MAX_IN_FLIGHT = 6;
