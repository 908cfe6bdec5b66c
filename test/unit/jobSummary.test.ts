import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/contracts/importBase';
import type { JobState } from '../../shared/contracts/jobs';
import { jobSummary } from '../../electron/jobs/jobSummary';

const PROGRESS = { rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 1, stage: null };

const summary = (counts: Partial<ImportSummary>): ImportSummary => ({
  mode: 'preview',
  fileName: 'base.xlsx',
  sha256: 'a'.repeat(64),
  sheet: 'Hoja1',
  headerRow: 1,
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
  seconds: 0.1,
  ...counts,
});

describe('jobSummary of an import', () => {
  it('accounts for every row: the same base again reads «78 sin cambios», not «0 nuevas, 0 actualizadas» of 81', () => {
    const state: JobState = { id: 'j1', kind: 'importBase', status: 'done', progress: PROGRESS, result: summary({ rows: 81, unchanged: 78, duplicates: 1, rejected: 2 }) };
    expect(jobSummary(state)).toBe('Vista previa (no se guardó nada). 81 filas: 0 nuevas, 0 actualizadas, 78 sin cambios, 1 repetida, 2 rechazadas.');
  });

  it('calls a list row loaded before «ya cargada»', () => {
    const state: JobState = { id: 'j2', kind: 'importHandovers', status: 'done', progress: PROGRESS, result: summary({ mode: 'commit', rows: 14, duplicates: 12, rejected: 2 }) };
    expect(jobSummary(state)).toBe('14 filas: 0 nuevas, 0 actualizadas, 12 ya cargadas, 2 rechazadas.');
  });

  it('says nothing of unchanged or repeated rows when there are none, and one rejected row in the singular', () => {
    const state: JobState = { id: 'j3', kind: 'importBase', status: 'done', progress: PROGRESS, result: summary({ mode: 'commit', rows: 62, inserted: 61, rejected: 1 }) };
    expect(jobSummary(state)).toBe('62 filas: 61 nuevas, 0 actualizadas, 1 rechazada.');
  });
});
