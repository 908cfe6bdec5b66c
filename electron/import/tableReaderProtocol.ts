import type { BaseFieldKey } from '../../shared/baseFields';
import type { ErrorKind } from '../../shared/result';
import type { PriceList } from '../../shared/prices';
import type { TableHeader } from '../spreadsheet/table';
import type { BaseSheetRow } from './preparedRow';
import type { WireRow } from './wireRows';

/** What the reader thread is started with. */
export interface ReaderData {
  path: string;
  /** When set, the thread also normalises every row for the writer (see preparedRow.ts). */
  prepare?: { mapping?: Array<BaseFieldKey | null>; prices: PriceList };
}

export type ReaderMessage =
  | { type: 'header'; header: TableHeader<BaseFieldKey>; totalBytes: number }
  | { type: 'rows'; rows: BaseSheetRow[]; bytesRead: number }
  /** Rows normalised on the reader thread (ReaderData.prepare), positional (wireRows.ts). */
  | { type: 'prepared'; rows: WireRow[]; bytesRead: number }
  | { type: 'end'; bytesRead: number }
  | { type: 'error'; kind: ErrorKind; message: string };

/**
 * Rows per message, and messages the reader may send ahead before waiting for the writer. A
 * message also closes at BATCH_CHARS of cell text, so rows of a megabyte each (a hostile file)
 * keep what is in flight to a few megabytes instead of gigabytes.
 */
export const BATCH_ROWS = 1000;
export const BATCH_CHARS = 4 * 1024 * 1024;
export const MAX_IN_FLIGHT = 6;
