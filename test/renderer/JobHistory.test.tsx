import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jobsCancel, jobsHistory, type JobHistoryEntry } from '../../shared/contracts/jobs';
import { fail } from '../../shared/result';
import { JobHistory, LIVE_REFRESH_MS } from '../../renderer/src/features/jobs/JobHistory';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const INTERRUPTED = 'Recupera se cerró de forma inesperada mientras la tarea corría (un corte de luz o un cierre forzado). Vuelva a ejecutarla.';
const FINISHED_ON_RESTART =
  'Se interrumpió mientras aplicaba la base y se completó al reiniciar Recupera: la base quedó importada entera, no necesita volver a importarla.';

const entry = (e: Partial<JobHistoryEntry> & Pick<JobHistoryEntry, 'id' | 'kind' | 'status'>): JobHistoryEntry => ({
  subject: null,
  stage: null,
  message: null,
  userName: 'Coordinadora Regional',
  queuedAt: '2026-04-02T14:00:00.000Z',
  startedAt: '2026-04-02T14:00:01.000Z',
  finishedAt: '2026-04-02T14:05:00.000Z',
  ...e,
});

const JOBS: JobHistoryEntry[] = [
  entry({ id: 'j4', kind: 'export', status: 'interrupted', stage: 'Escribiendo entregas', message: INTERRUPTED }),
  entry({ id: 'j3', kind: 'importBase', status: 'interrupted', subject: 'BASE MAYO.xlsx', stage: 'Aplicando la base', message: FINISHED_ON_RESTART }),
  entry({ id: 'j2', kind: 'depurate', status: 'failed', message: 'No hay espacio suficiente en el disco de la carpeta D:\\Depuraciones.' }),
  entry({ id: 'j1', kind: 'importBase', status: 'done', subject: 'BASE ABRIL.xlsx', message: '2.400 filas: 2.390 nuevas, 0 actualizadas, 10 rechazadas.', userName: null }),
];

beforeEach(() => {
  resetApi();
});

/** Accessibility rules that jsdom can judge (it has no layout, so no contrast). */
async function violations(container: HTMLElement): Promise<string[]> {
  const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('the job history', () => {
  it('lists the recent jobs with their status in Spanish and, for an interrupted one, what to do', async () => {
    answer(jobsHistory, () => ({ ok: true, value: { jobs: JOBS } }));
    const { container } = render(<JobHistory />);
    const table = await screen.findByRole('table', { name: /Importaciones, paquetes, consolidaciones y depuraciones/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);

    const [exported, imported, depurated, done] = rows as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(within(exported).getByRole('rowheader')).toHaveTextContent('Paquete para Posventa');
    expect(exported).toHaveTextContent('Interrumpida');
    expect(exported).toHaveTextContent('Vuelva a ejecutarla.');
    expect(exported).toHaveTextContent('Se detuvo en: Escribiendo entregas');
    expect(within(imported).getByRole('rowheader')).toHaveTextContent('Importar baseBASE MAYO.xlsx');
    expect(imported).toHaveTextContent('se completó al reiniciar Recupera');
    expect(depurated).toHaveTextContent('Depuración');
    expect(depurated).toHaveTextContent('Falló');
    expect(depurated).toHaveTextContent('No hay espacio suficiente en el disco de la carpeta D:\\Depuraciones.');
    expect(done).toHaveTextContent('Terminada');
    expect(done).toHaveTextContent('2.390 nuevas');
    expect(done).not.toHaveTextContent('Se detuvo en');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Tarea', 'Estado', 'Inicio', 'Fin', 'Usuario', 'Resultado']);

    expect(await violations(container)).toEqual([]);
  });

  it('asks again when Actualizar is pressed, and says so when there is nothing yet', async () => {
    let calls = 0;
    answer(jobsHistory, () => ({ ok: true, value: { jobs: calls++ === 0 ? [] : JOBS.slice(-1) } }));
    const { container } = render(<JobHistory />);
    expect(await screen.findByText('Todavía no se ha ejecutado ninguna tarea.')).toBeInTheDocument();
    expect(await violations(container)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Actualizar' }));
    expect(await screen.findByRole('table')).toHaveTextContent('BASE ABRIL.xlsx');
    expect(callsTo(jobsHistory)).toEqual([{ limit: 50 }, { limit: 50 }]);
  });

  it('shows a refusal in Spanish', async () => {
    answer(jobsHistory, () => fail('refused', 'Su perfil no tiene permiso para esta acción. Pida ayuda a su coordinador.'));
    render(<JobHistory />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Su perfil no tiene permiso para esta acción.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('cancels a job still running from here, and follows it to its end without «Actualizar»', async () => {
    const running = entry({ id: 'j9', kind: 'importBase', status: 'running', subject: 'BASE JUNIO.xlsx', stage: 'Leyendo la base', finishedAt: null });
    let now: JobHistoryEntry[] = [running, ...JOBS];
    answer(jobsHistory, () => ({ ok: true, value: { jobs: now } }));
    answer(jobsCancel, () => ({ ok: true, value: { cancelled: true } }));
    // The refresh's interval starts with the first list: the clock must be ours from the start.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const { container } = render(<JobHistory />);
      const table = await screen.findByRole('table');
      // Only the live job offers it, named for what it is.
      expect(within(table).getAllByRole('button', { name: /^Cancelar/ })).toHaveLength(1);
      await user.click(within(table).getByRole('button', { name: 'Cancelar Importar base (BASE JUNIO.xlsx)' }));
      expect(callsTo(jobsCancel)).toEqual([{ jobId: 'j9' }]);
      expect(screen.getByRole('status')).toHaveTextContent('Se pidió cancelar «Importar base»');
      expect(await violations(container)).toEqual([]);

      // The runner stops it a moment later: the list is read again on its own while a job is live.
      now = [{ ...running, status: 'cancelled', finishedAt: '2026-04-02T14:06:00.000Z' }, ...JOBS];
      const asked = callsTo(jobsHistory).length;
      await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS);
      expect(callsTo(jobsHistory).length).toBeGreaterThan(asked);
      expect(await screen.findByText('Cancelada')).toBeInTheDocument();
      expect(within(screen.getByRole('table')).getAllByRole('row')[1]).toHaveTextContent('Cancelada');
      expect(screen.queryByRole('button', { name: /^Cancelar/ })).toBeNull();
      // Nothing live any more: no more reading.
      const settled = callsTo(jobsHistory).length;
      await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 3);
      expect(callsTo(jobsHistory).length).toBe(settled);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says so when the job no longer runs here, and shows a refusal to cancel another person’s job', async () => {
    const running = entry({ id: 'j9', kind: 'depurate', status: 'running', finishedAt: null });
    answer(jobsHistory, () => ({ ok: true, value: { jobs: [running] } }));
    answer(jobsCancel, () => ({ ok: true, value: { cancelled: false } }));
    render(<JobHistory />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancelar Depuración' }));
    expect(screen.getByRole('status')).toHaveTextContent('«Depuración» ya no corre en esta ventana');
    answer(jobsCancel, () => fail('refused', 'Solo quien inició esta tarea, o un coordinador, puede cancelarla.'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancelar Depuración' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Solo quien inició esta tarea');
  });
});
