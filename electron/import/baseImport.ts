import { basename } from 'node:path';
import type { BaseFieldKey, RawBaseRow } from '../../shared/baseFields';
import type { ColumnInfo, ImportMode, ImportSummary } from '../../shared/contracts/importBase';
import { AppFailure } from '../../shared/result';
import type { Db } from '../db/open';
import { sha256File } from '../files/hash';
import { JobCancelled } from '../platform/cancellation';
import { newId, nowIso } from '../db/ids';
import { BaseWriter } from './baseWriter';
import { NO_HEADER } from './baseTableSpec';
import { BaseRowApplier } from './rowApplier';
import type { CellValue } from '../spreadsheet/rowSource';
import { cellText, type TableHeader } from '../spreadsheet/table';
import { inlineTable, threadedTable } from './tableStream';
import { MAX_LISTED, SAMPLE_ROWS } from './summaryLimits';

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface BaseImportOptions {
  db: Db;
  path: string;
  fileName?: string;
  mode: ImportMode;
  mapping?: Array<BaseFieldKey | null>;
  stationCode: string;
  userId?: string | null;
  /** Folder for the report workbook; no report is written without it. */
  reportDir?: string;
  isCancelled?: () => boolean;
  /** Parse on a second thread while this one writes (the job worker does; tools may not). */
  threadedReader?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

function checkMapping(mapping: Array<BaseFieldKey | null>): void {
  if (!mapping.includes('serviceNumber')) {
    throw new AppFailure('validation', 'Falta la columna NUMERO DE SERVICIO. Indique qué columna la contiene.');
  }
  if (!mapping.includes('identification') && !mapping.includes('name')) {
    throw new AppFailure('validation', 'Falta la columna IDENTIFICACION o APELLIDOS Y NOMBRES. Indique qué columna la contiene.');
  }
}

function toRaw(cells: CellValue[], mapping: Array<BaseFieldKey | null>): RawBaseRow {
  const raw: RawBaseRow = {};
  for (let i = 0; i < mapping.length; i++) {
    const key = mapping[i];
    if (key) raw[key] = cells[i] ?? null;
  }
  return raw;
}

/**
 * Reads a base workbook and applies it. `inspect` only finds the header and samples rows;
 * `preview` runs the whole import and rolls it back (exact counts, nothing written);
 * `commit` runs it in one transaction. A failure or cancel rolls everything back.
 */
export async function runBaseImport(o: BaseImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const fileName = o.fileName ?? basename(o.path);
  let header: TableHeader<BaseFieldKey> | null = null;
  let mapping: Array<BaseFieldKey | null> = [];
  const onHeader = (h: TableHeader<BaseFieldKey>) => {
    header = h;
    mapping = o.mapping ? h.headers.map((_, i) => o.mapping![i] ?? null) : h.mapping;
  };
  const source = await (o.threadedReader ? threadedTable : inlineTable)(o.path, onHeader);
  const hashing = o.mode === 'inspect' ? Promise.resolve('') : sha256File(o.path);
  // A missing or unreadable file is reported by the reader; the hash must not crash the thread first.
  hashing.catch(() => undefined);
  const samples: string[][] = [];

  const summary: ImportSummary = {
    mode: o.mode,
    fileName,
    sha256: '',
    sheet: '',
    headerRow: 0,
    skippedSheets: [],
    columns: [],
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    rejected: 0,
    warnings: 0,
    errors: [],
    warningList: [],
    changeCount: 0,
    changes: [],
    reportPath: null,
    importId: null,
    seconds: 0,
  };
  const table = source.rows;

  const { db } = o;
  let inTransaction = false;
  const now = nowIso();
  try {
    if (o.mode === 'inspect') {
      for await (const row of table) {
        samples.push(row.cells.map(cellText));
        if (samples.length >= SAMPLE_ROWS) break;
      }
    } else {
      const importId = newId();
      const writer = new BaseWriter(db, o.stationCode, now, importId);
      const applier = new BaseRowApplier(writer);
      let lastProgress = 0;
      for await (const sheetRow of table) {
        if (!inTransaction) {
          checkMapping(mapping);
          db.exec('BEGIN IMMEDIATE');
          inTransaction = true;
        }
        if ((applier.counts.rows & 1023) === 0) {
          if (o.isCancelled?.()) throw new JobCancelled();
          const t = Date.now();
          if (o.onProgress && t - lastProgress > 200) {
            lastProgress = t;
            o.onProgress({ rowsRead: applier.counts.rows, bytesRead: source.bytesRead(), totalBytes: source.totalBytes() });
          }
        }
        applier.apply(toRaw(sheetRow.cells, mapping), sheetRow.rowNumber, sheetRow.cells);
      }
      if (!header) throw new AppFailure('refused', NO_HEADER);
      Object.assign(summary, applier.counts);
      summary.errors = applier.errors.slice(0, MAX_LISTED);
      summary.warningList = applier.warnings.slice(0, MAX_LISTED);
      summary.changeCount = writer.changeCount;
      summary.changes = writer.changes.slice(0, MAX_LISTED);
      if (inTransaction) {
        if (o.mode === 'commit') {
          applier.finish();
          summary.importId = importId;
          db.prepare(
            `INSERT INTO imports (id, origin_station, kind, file_name, file_sha256, user_id, started_at, finished_at, rows, inserted,
               updated, unchanged, duplicates, rejected, warnings) VALUES (?, ?, 'BASE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(summary.importId, o.stationCode, fileName, await hashing, o.userId ?? null, now, nowIso(), summary.rows,
            summary.inserted, summary.updated, summary.unchanged, summary.duplicates, summary.rejected, summary.warnings);
          db.exec('COMMIT');
        } else {
          db.exec('ROLLBACK');
        }
        inTransaction = false;
      }
      summary.sha256 = await hashing;
      if (o.reportDir && (summary.rejected > 0 || summary.warnings > 0 || writer.changes.length > 0)) {
        // The import is already committed: a report that cannot be written must not turn it into a failure.
        const { writeImportReport } = await import('./report');
        summary.reportPath = await writeImportReport(o.reportDir, fileName, header!, applier.rejectedRows, applier.warnings, writer.changes).catch(
          (e: unknown) => {
            console.error('[import] report', e);
            return null;
          },
        );
      }
    }
  } finally {
    if (inTransaction) db.exec('ROLLBACK');
    await source.close();
  }
  const h = header as TableHeader<BaseFieldKey> | null;
  if (!h) throw new AppFailure('refused', NO_HEADER);
  summary.sheet = h.sheet;
  summary.headerRow = h.rowNumber;
  summary.skippedSheets = h.skippedSheets;
  summary.columns = h.headers.map(
    (text, index): ColumnInfo => ({ index, header: text, field: mapping[index] ?? null, samples: samples.map((r) => r[index] ?? '') }),
  );
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

