import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { importStart, type ImportSummary } from '../../shared/contracts/importBase';
import { jobsCancel, jobsGet, type JobState } from '../../shared/contracts/jobs';
import { ImportBase } from '../../renderer/src/features/import/ImportBase';
import { useImportBase } from '../../renderer/src/features/import/importBaseState';
import { useImportHandoverList } from '../../renderer/src/features/import/importHandoverListState';
import { clearUserState } from '../../renderer/src/features/session/session';
import { answer, callsTo, pickFile, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const PROGRESS = { rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 1, stage: null };

const summary = (mode: ImportSummary['mode']): ImportSummary => ({
  mode,
  fileName: 'base.xlsx',
  sha256: 'a'.repeat(64),
  sheet: 'Hoja1',
  headerRow: 3,
  skippedSheets: [],
  columns: [
    { index: 0, header: 'C.I.', field: 'identification', samples: ['0102030405'] },
    { index: 1, header: 'Nro. Servicio:', field: 'serviceNumber', samples: ['7871766'] },
    { index: 2, header: 'EQUIPO RETIRAR', field: null, samples: ['MODEM'] },
  ],
  rows: 2,
  inserted: 2,
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
});

beforeEach(() => {
  resetApi();
  useImportBase.getState().clear();
  useImportHandoverList.getState().clear();
  answer(importStart, ({ mode }) => ({ ok: true, value: { jobId: mode } }));
  answer(jobsGet, ({ jobId }): { ok: true; value: JobState } => ({
    ok: true,
    value: { id: jobId, kind: 'importBase', status: 'done', progress: PROGRESS, result: summary(jobId as ImportSummary['mode']) },
  }));
});

describe('Importar base: the focus follows the steps', () => {
  it('puts the focus on the columns once the file is read, and on the file button when going back', async () => {
    const user = userEvent.setup();
    render(<ImportBase />);
    await user.click(screen.getByRole('button', { name: /Elegir archivo/ }));
    await user.upload(screen.getByLabelText('Archivo de la base'), new File(['x'], 'base.xlsx'));
    expect(await screen.findByRole('heading', { name: 'Columnas de «base.xlsx»' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Ver vista previa' }));
    expect(await screen.findByRole('button', { name: 'Importar 2 filas' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancelar' }));
    expect(screen.getByRole('button', { name: /Archivo de la base/ })).toHaveFocus();
  });

  it('names one row in the singular on the import button', async () => {
    answer(jobsGet, ({ jobId }): { ok: true; value: JobState } => ({
      ok: true,
      value: { id: jobId, kind: 'importBase', status: 'done', progress: PROGRESS, result: { ...summary(jobId as ImportSummary['mode']), rows: 1, inserted: 1 } },
    }));
    const user = userEvent.setup();
    render(<ImportBase />);
    await user.upload(screen.getByLabelText('Archivo de la base'), new File(['x'], 'base.xlsx'));
    await user.click(await screen.findByRole('button', { name: 'Ver vista previa' }));
    expect(await screen.findByRole('button', { name: 'Importar 1 fila' })).toBeInTheDocument();
  });

  it('leaves the focus on the file button when the file is refused', async () => {
    const user = userEvent.setup();
    // Refused by the job that reads it, as the server does: the screen went through «Leyendo encabezados…».
    // It answers a moment later, as over the network: the progress has replaced the file button meanwhile.
    answer(jobsGet, async ({ jobId }): Promise<{ ok: true; value: JobState }> => {
      await new Promise((ok) => setTimeout(ok, 20));
      return { ok: true, value: { id: jobId, kind: 'importBase', status: 'failed', progress: PROGRESS, error: { kind: 'refused', message: 'El archivo está vacío.' } } };
    });
    render(<ImportBase />);
    await user.click(screen.getByRole('button', { name: /Elegir archivo/ }));
    await user.upload(screen.getByLabelText('Archivo de la base'), new File([''], 'vacio.csv'));
    expect(await screen.findByRole('alert')).toHaveTextContent('No se pudo leer el archivo. El archivo está vacío.');
    expect(screen.getByRole('button', { name: /Archivo de la base/ })).toHaveFocus();
    expect(pickFile).toHaveBeenCalledTimes(1);
  });
});

describe('Importar base: a running import outlives the screen', () => {
  /** The commit job runs until `finish` is called; the other steps end at once. */
  function slowCommit() {
    let finished = false;
    answer(jobsGet, ({ jobId }): { ok: true; value: JobState } => ({
      ok: true,
      value:
        jobId === 'commit' && !finished
          ? { id: jobId, kind: 'importBase', status: 'running', progress: { ...PROGRESS, rowsRead: 500, fraction: 0.5 } }
          : { id: jobId, kind: 'importBase', status: 'done', progress: PROGRESS, result: summary(jobId as ImportSummary['mode']) },
    }));
    return () => (finished = true);
  }

  async function startCommit() {
    const user = userEvent.setup();
    const view = render(<ImportBase />);
    await user.click(screen.getByRole('button', { name: /Elegir archivo/ }));
    await user.upload(screen.getByLabelText('Archivo de la base'), new File(['x'], 'base.xlsx'));
    await user.click(await screen.findByRole('button', { name: 'Ver vista previa' }));
    await user.click(await screen.findByRole('button', { name: 'Importar 2 filas' }));
    await screen.findByRole('progressbar');
    return view;
  }

  it('shows the progress and its Cancelar when the screen is opened again, then the result', async () => {
    const finish = slowCommit();
    const first = await startCommit();
    first.unmount();
    // Another screen meanwhile; back on Importar base the import is still there, not an empty chooser.
    render(<ImportBase />);
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Cancelar/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Elegir archivo/ })).toBeNull();
    finish();
    expect(await screen.findByText(/«base\.xlsx» se importó/, {}, { timeout: 3000 })).toBeInTheDocument();
  });

  it('forgets it when another person signs in: the job ending later writes nothing on their screen', async () => {
    const finish = slowCommit();
    const first = await startCommit();
    first.unmount();
    clearUserState();
    finish();
    render(<ImportBase />);
    expect(screen.getByRole('button', { name: /Elegir archivo/ })).toBeInTheDocument();
    await new Promise((ok) => setTimeout(ok, 1500));
    expect(useImportBase.getState().step.kind).toBe('pick');
  });
});

describe('Entregas anteriores: the focus follows the steps', () => {
  it('gives «Cancelar» the focus when nothing is left to register, and the chooser once back', async () => {
    const user = userEvent.setup();
    // The same list again: every row already loaded.
    answer(jobsGet, async ({ jobId }): Promise<{ ok: true; value: JobState }> => {
      await new Promise((ok) => setTimeout(ok, 20));
      return { ok: true, value: { id: jobId, kind: 'importHandovers', status: 'done', progress: PROGRESS, result: { ...summary('preview'), inserted: 0, duplicates: 2 } } };
    });
    render(<ImportBase />);
    const chooser = screen.getByRole('button', { name: /Lista de entregas anteriores/ });
    await user.click(chooser);
    await user.upload(screen.getByLabelText('Lista de entregas anteriores'), new File(['x'], 'entregas.xlsx'));
    expect(await screen.findByRole('button', { name: 'Registrar 0 entregas' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancelar' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancelar' }));
    expect(screen.getByRole('button', { name: /Lista de entregas anteriores/ })).toHaveFocus();
  });
});

describe('Entregas anteriores: a running list outlives the screen', () => {
  /** The list's preview runs until `finish` is called. */
  function slowList() {
    let finished = false;
    answer(jobsGet, ({ jobId }): { ok: true; value: JobState } => ({
      ok: true,
      value: finished
        ? { id: jobId, kind: 'importHandovers', status: 'done', progress: PROGRESS, result: { ...summary('preview'), fileName: 'entregas.xlsx' } }
        : { id: jobId, kind: 'importHandovers', status: 'running', progress: { ...PROGRESS, rowsRead: 40, fraction: 0.4 } },
    }));
    return () => (finished = true);
  }

  async function startList() {
    const user = userEvent.setup();
    const view = render(<ImportBase />);
    await user.click(screen.getByRole('button', { name: /Lista de entregas anteriores/ }));
    await user.upload(screen.getByLabelText('Lista de entregas anteriores'), new File(['x'], 'entregas.xlsx'));
    await screen.findByRole('progressbar');
    return view;
  }

  it('shows its progress and Cancelar when the screen is opened again, the base chooser still aside, then the preview', async () => {
    const finish = slowList();
    const first = await startList();
    first.unmount();
    render(<ImportBase />);
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Cancelar/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Archivo de la base/ })).toBeNull();
    // Esc stops it from the screen opened again, as Cancelar does.
    answer(jobsCancel, () => ({ ok: true, value: { cancelled: true } }));
    await userEvent.keyboard('{Escape}');
    expect(callsTo(jobsCancel)).toEqual([{ jobId: 'preview' }]);
    finish();
    expect(await screen.findByRole('heading', { name: 'Vista previa de «entregas.xlsx»' }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Registrar 2 entregas' })).toBeEnabled();
  });

  it('forgets it when another person signs in', async () => {
    const finish = slowList();
    const first = await startList();
    first.unmount();
    clearUserState();
    finish();
    render(<ImportBase />);
    expect(screen.getByRole('button', { name: /Lista de entregas anteriores/ })).toBeInTheDocument();
    await new Promise((ok) => setTimeout(ok, 1000));
    expect(useImportHandoverList.getState().step.kind).toBe('pick');
    expect(screen.getByRole('button', { name: /Archivo de la base/ })).toBeInTheDocument();
  });
});
