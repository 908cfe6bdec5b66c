import { basename } from 'node:path';
import { pricesOf } from '../db/settings';
import type { BaseFieldKey } from '../../shared/baseFields';
import type { ColumnInfo, ImportMode, ImportSummary } from '../../shared/contracts/importBase';
import { AppFailure } from '../../shared/result';
import type { AuditActor } from '../../shared/audit';
import type { Db } from '../db/open';
import { sha256File } from '../files/hash';
import { JobCancelled } from '../platform/cancellation';
import type { BaseStage } from '../db/baseStage';
import { newId, nowIso } from '../db/ids';
import { BaseWriter } from './baseWriter';
import { applyBaseStage, newBaseStage } from './stagedBase';
import { NO_HEADER } from './baseTableSpec';
import { BaseRowApplier, type RejectedRow } from './rowApplier';
import type { ImportReport } from './report';
import { log } from '../platform/log';
import { cellText, type TableHeader } from '../spreadsheet/table';
import { inlineTable, threadedTable, type TableStream } from './tableStream';
import { columnMapping, prepareRow, type BaseSheetRow } from './preparedRow';
import { importAuditEvent } from './importAudit';
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
  /** Who asked for it, for the audit entry the apply's final session records. */
  actor?: AuditActor | null;
  /** Folder for the report workbook; no report is written without it. */
  reportDir?: string;
  /** The data key, to keep the report sealed. */
  dataKey?: Buffer;
  isCancelled?: () => boolean;
  /** Parse on a second thread while this one writes (the job worker does; tools may not). */
  threadedReader?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** While the checked file is applied to the live base: rows applied of the total. */
  onApplyProgress?: (done: number, total: number) => void;
  /** Awaited between the apply's short write sessions (the job worker yields to the desk there). */
  between?: () => Promise<void> | void;
  /** Whether a clerk has been saving lately: the apply's sessions are kept short then (stagedBase.ts). */
  deskActive?: () => boolean;
}

function checkMapping(mapping: Array<BaseFieldKey | null>): void {
  if (!mapping.includes('serviceNumber')) {
    throw new AppFailure('validation', 'Falta la columna NUMERO DE SERVICIO. Indique qué columna la contiene.');
  }
  if (!mapping.includes('identification') && !mapping.includes('name')) {
    throw new AppFailure('validation', 'Falta la columna IDENTIFICACION o APELLIDOS Y NOMBRES. Indique qué columna la contiene.');
  }
}

async function startReport(
  dir: string,
  fileName: string,
  header: TableHeader<BaseFieldKey> | null,
  dataKey: Buffer | undefined,
  onError: (e: unknown) => void,
): Promise<ImportReport> {
  if (!header) throw new AppFailure('refused', NO_HEADER);
  const { ImportReport } = await import('./report');
  return ImportReport.start(dir, fileName, header, dataKey, onError);
}

/**
 * Reads a base workbook and applies it. `inspect` only finds the header and samples rows;
 * `preview` reads and merges the whole file into a private stage and drops it (exact counts,
 * nothing written); `commit` then applies the stage to the live base in short write sessions.
 * A failure or cancel while reading leaves the live base untouched; once the apply has begun
 * it is finished, if need be after a restart.
 */
export async function runBaseImport(o: BaseImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const fileName = o.fileName ?? basename(o.path);
  let header: TableHeader<BaseFieldKey> | null = null;
  let mapping: Array<BaseFieldKey | null> = [];
  const onHeader = (h: TableHeader<BaseFieldKey>) => {
    header = h;
    mapping = columnMapping(h, o.mapping);
  };
  const prices = pricesOf(o.db);
  // The reader thread normalises the rows too: the writing thread is the slower of the two.
  const prepare = o.mode === 'inspect' ? undefined : { mapping: o.mapping, prices };
  const source: TableStream<BaseSheetRow> = await (o.threadedReader
    ? threadedTable(o.path, onHeader, o.isCancelled, prepare)
    : inlineTable(o.path, onHeader, undefined, o.isCancelled));
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
  let stage: BaseStage | null = null;
  // The report of a load is written while the file is read (rejected rows are not kept in memory).
  let report: ImportReport | null = null;
  let reportDone = false;
  const reportFailed = (e: unknown) => log.error('import.reportFailed', { err: e });
  const now = nowIso();
  try {
    if (o.mode === 'inspect') {
      for await (const row of table) {
        samples.push(row.cells.map(cellText));
        if (samples.length >= SAMPLE_ROWS) break;
      }
    } else {
      const importId = newId();
      let writer: BaseWriter | null = null;
      let applier: BaseRowApplier | null = null;
      let lastProgress = 0;
      const reporting = o.mode === 'commit' && o.reportDir !== undefined;
      // At most the one row just applied waits here for the report.
      const rejected: RejectedRow[] = [];
      // The file is read and checked into a private stage: the live base is not locked meanwhile.
      for await (const sheetRow of table) {
        if (!applier) {
          checkMapping(mapping);
          stage = newBaseStage(db, importId);
          writer = new BaseWriter(stage, o.stationCode, now, importId);
          applier = new BaseRowApplier(writer, reporting ? (r) => rejected.push(r) : null);
        }
        if ((applier.counts.rows & 1023) === 0) {
          if (o.isCancelled?.()) throw new JobCancelled();
          const t = Date.now();
          if (o.onProgress && t - lastProgress > 200) {
            lastProgress = t;
            o.onProgress({ rowsRead: applier.counts.rows, bytesRead: source.bytesRead(), totalBytes: source.totalBytes() });
          }
        }
        const prepared = sheetRow.prepared ?? prepareRow(sheetRow, mapping, (header as TableHeader<BaseFieldKey> | null)?.headers ?? [], prices);
        applier.applyNormalized(prepared.normalized, sheetRow.rowNumber, () => sheetRow.cells);
        for (const w of prepared.notes) applier.warn(w);
        if (rejected.length > 0 && o.reportDir) {
          report ??= await startReport(o.reportDir, fileName, header, o.dataKey, reportFailed);
          for (const r of rejected.splice(0)) report.add(r);
          await report.pace();
        }
      }
      if (!header) throw new AppFailure('refused', NO_HEADER);
      if (applier && writer) {
        Object.assign(summary, applier.counts);
        summary.errors = applier.errors.slice(0, MAX_LISTED);
        summary.warningList = applier.warnings.slice(0, MAX_LISTED);
        summary.changeCount = writer.changeCount;
        summary.changes = writer.changes.slice(0, MAX_LISTED);
      }
      summary.sha256 = await hashing;
      if (o.mode === 'commit' && stage && applier) {
        if (o.isCancelled?.()) throw new JobCancelled();
        summary.importId = importId;
        const applying = stage;
        stage = null;
        // From here the import is finished even through a crash (resumeStagedApplies), so it is not cancelled any more.
        const audit = {
          actor: o.actor ?? null,
          event: importAuditEvent('BASE', { importId, fileName, sha256: summary.sha256, counts: applier.counts, rejectedRows: applier.errors.map((e) => e.row) }),
        };
        await applyBaseStage(db, applying, { id: importId, station: o.stationCode, kind: 'BASE', fileName, sha256: summary.sha256, userId: o.userId ?? null, startedAt: now, ...applier.counts, audit }, {
          between: o.between,
          deskActive: o.deskActive,
          onProgress: (done, total) => o.onApplyProgress?.(done, total),
        });
      }
      if (o.mode === 'commit' && o.reportDir && applier && writer && (summary.rejected > 0 || summary.warnings > 0 || writer.changes.length > 0)) {
        // The import is already committed: a report that cannot be written must not turn it into a failure.
        report ??= await startReport(o.reportDir, fileName, header, o.dataKey, reportFailed);
        reportDone = true;
        summary.reportPath = await report.finish(applier.warnings, writer.changes);
      }
    }
  } finally {
    if (report && !reportDone) await report.abort();
    stage?.discard();
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

