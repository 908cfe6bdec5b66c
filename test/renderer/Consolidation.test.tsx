import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutputOf } from '../../shared/contracts/contract';
import { billingBatches } from '../../shared/contracts/billing';
import { jobsGet, type JobState } from '../../shared/contracts/jobs';
import { sharedFolderPackages } from '../../shared/contracts/sharedFolder';
import { syncConsolidate, syncDepurate, syncOverview, type ConsolidationResult, type DepurationResult } from '../../shared/contracts/sync';
import { cents } from '../../shared/money';
import { Consolidation } from '../../renderer/src/features/sync/Consolidation';
import { answer, callsTo, resetApi, saveReport, tokenFor } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

type Overview = OutputOf<typeof syncOverview>;
const PROGRESS = { rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 0.5, stage: null };
const none = { handovers: 0, items: 0, backups: 0, voids: 0 };
const REFUSAL = 'El archivo datos.sqlite no coincide con el manifiesto: el paquete está alterado o dañado.';

const AUDIT_WARNING = 'El registro de auditoría de UIO-INAQUITO-01 termina antes que la copia de Posventa: se borraron sus últimas entradas.';
const consolidation: ConsolidationResult = {
  packages: 2,
  refused: [{ package: 'GYE-CENTRO-01_20260302-1100.recupera', reason: REFUSAL }],
  inserted: { handovers: 3, items: 4, backups: 0, voids: 0 },
  duplicates: 1,
  conflicts: [
    { kind: 'SERVICIO_FUERA_DE_BASE', detail: 'El servicio 9999 del acta UIO-INAQUITO-01-2026-000003 no está en la base.' },
    { kind: 'SERIE_DUPLICADA', detail: 'La serie HW-0001 se devolvió en UIO-INAQUITO-01-2026-000001 y en UIO-CARCELEN-01-2026-000004.' },
    { kind: 'SERIE_DUPLICADA', detail: 'La serie KA-0001 se devolvió en UIO-INAQUITO-01-2026-000002 y en UIO-CARCELEN-01-2026-000005.' },
  ],
  outcomes: [
    { package: 'UIO-INAQUITO-01_20260302-1000.recupera', station: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', status: 'read', reason: null, inserted: { handovers: 3, items: 4, backups: 0, voids: 0 }, duplicates: 1,
      audit: { inserted: 12, warnings: [AUDIT_WARNING] } },
    { package: 'GYE-CENTRO-01_20260302-1100.recupera', station: null, office: null, status: 'refused', reason: REFUSAL, inserted: none, duplicates: 0 },
  ],
  seconds: 1.5,
};

const depuration: DepurationResult = {
  batch: 'DEP-2026-0001',
  createdAt: '2026-03-02T17:00:00.000Z',
  files: { baseDepurada: '/datos/depuracion/DEP-2026-0001_base.xlsx', cargaValores: '/datos/depuracion/DEP-2026-0001_carga.xlsx', comunicaciones: '/datos/depuracion/DEP-2026-0001_com.xlsx' },
  sha256: { baseDepurada: 'a'.repeat(64), cargaValores: 'b'.repeat(64), comunicaciones: 'c'.repeat(64) },
  counts: { pending: 10, partial: 2, delivered: 5, regularized: 1, inReview: 0, chargeTotalCents: cents(123450) },
  rows: { baseDepurada: 12, cargaValores: 14, reversals: 0, comunicaciones: 11 },
  seconds: 0.4,
};

let overview: Overview;
let jobs: Record<string, JobState[]>;

beforeEach(() => {
  resetApi();
  // No folder shared with the offices: packages are chosen by hand.
  answer(sharedFolderPackages, () => ({ ok: true, value: { folder: null, packages: [] } }));
  overview = {
    lastExport: null,
    packages: [],
    conflicts: [{ kind: 'ACTA_REUTILIZADA', detail: 'El número UIO-INAQUITO-01-2026-000001 llegó en dos actas distintas.', createdAt: '2026-03-01T15:00:00.000Z' }],
    batches: [],
  };
  jobs = {
    j1: [{ id: 'j1', kind: 'consolidate', status: 'done', progress: PROGRESS, result: consolidation }],
    j2: [
      { id: 'j2', kind: 'depurate', status: 'queued', progress: PROGRESS },
      { id: 'j2', kind: 'depurate', status: 'done', progress: PROGRESS, result: depuration },
    ],
  };
  answer(syncOverview, () => ({ ok: true, value: overview }));
  // The batch list reads billing's view of the same batches.
  answer(billingBatches, () => ({
    ok: true,
    value: {
      batches: overview.batches.map(({ rows: _rows, ...b }) => ({
        ...b,
        status: 'GENERADO' as const,
        sent: null,
        confirmed: null,
        replacedBy: null,
        billing: { chargeItems: 14, chargeCents: b.counts.chargeTotalCents, reversalItems: 0, reversalCents: cents(0) },
      })),
    },
  }));
  answer(syncConsolidate, () => ({ ok: true, value: { jobId: 'j1' } }));
  answer(syncDepurate, () => ({ ok: true, value: { jobId: 'j2' } }));
  answer(jobsGet, ({ jobId }) => {
    const states = jobs[jobId]!;
    return { ok: true, value: states.length > 1 ? states.shift()! : states[0]! };
  });
});

const pkg = (name: string) => new File(['zip'], name, { type: 'application/zip' });

describe('Consolidación', () => {
  it('consolidates the chosen packages and shows each one read or refused with its reason, and the conflicts by kind', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<Consolidation />);
    expect(await screen.findByRole('heading', { name: 'Conflictos abiertos (1)' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Número de acta reutilizado (1)' })).toHaveTextContent('llegó en dos actas distintas');

    const input = screen.getByLabelText('Paquetes de las oficinas (.recupera)');
    await user.upload(input, [pkg('UIO-INAQUITO-01_20260302-1000.recupera'), pkg('GYE-CENTRO-01_20260302-1100.recupera'), pkg('notas.txt')]);
    expect(screen.getByRole('alert')).toHaveTextContent('«notas.txt» no es un paquete de Recupera. Elija archivos .recupera.');
    expect(within(screen.getByRole('list', { name: 'Paquetes elegidos' })).getAllByRole('listitem')).toHaveLength(2);

    // The conflicts found now come back in the overview that is read again afterwards.
    overview = { ...overview, conflicts: [...overview.conflicts, ...consolidation.conflicts.map((c) => ({ ...c, createdAt: '2026-03-02T16:00:00.000Z' }))] };
    await user.click(screen.getByRole('button', { name: 'Consolidar 2 paquetes' }));
    expect(callsTo(syncConsolidate)).toEqual([
      {
        packages: [
          { token: tokenFor('UIO-INAQUITO-01_20260302-1000.recupera'), name: 'UIO-INAQUITO-01_20260302-1000.recupera' },
          { token: tokenFor('GYE-CENTRO-01_20260302-1100.recupera'), name: 'GYE-CENTRO-01_20260302-1100.recupera' },
        ],
      },
    ]);

    const summary = await screen.findByRole('region', { name: 'Resumen de la consolidación' });
    expect(within(summary).getByRole('status')).toHaveTextContent('2 paquetes: 1 leído, 1 rechazado, en 1,5 s.');
    expect(within(summary).getByLabelText('Registros consolidados')).toHaveTextContent(/Actas nuevas3.*Ya estaban1.*Conflictos nuevos3.*Paquetes rechazados1/);
    const refused = within(summary).getByRole('row', { name: /GYE-CENTRO-01_20260302-1100/ });
    expect(refused).toHaveTextContent('Rechazado');
    expect(refused).toHaveTextContent(REFUSAL);
    expect(within(summary).getByRole('row', { name: /UIO-INAQUITO-01_20260302-1000/ })).toHaveTextContent('Leído3 actas, 4 equipos, 0 respaldos, 0 anulaciones nuevas · 1 ya estaba' + AUDIT_WARNING);

    const groups = within(summary).getAllByRole('region').map((r) => r.getAttribute('aria-label'));
    expect(groups).toEqual(['Serie devuelta en dos actas (2) en esta consolidación', 'Servicio fuera de la base (1) en esta consolidación']);
    expect(within(summary).getByRole('region', { name: 'Serie devuelta en dos actas (2) en esta consolidación' })).toHaveTextContent('La serie KA-0001 se devolvió');
    expect(await screen.findByRole('heading', { name: 'Conflictos abiertos (4)' })).toBeInTheDocument();

    // The conflicts found are the next thing to do, before a depuración: the focus is on the way to them.
    const resolve = within(summary).getByRole('button', { name: 'Resolver los conflictos' });
    expect(resolve).toHaveFocus();
    await user.click(resolve);
    expect(screen.getByRole('tab', { name: 'Conflictos' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Conflictos' })).toHaveFocus();

    // Back to choose other packages: the summary's button is gone, the focus comes to the choosing.
    await user.click(screen.getByRole('tab', { name: 'Consolidar paquetes' }));
    await user.click(within(summary).getByRole('button', { name: 'Consolidar otros paquetes' }));
    expect(screen.getByRole('heading', { name: 'Consolidar paquetes de las oficinas' })).toHaveFocus();
  });

  it('keeps the focus among the chosen packages when one is taken off, and on «Elegir paquetes…» when none is left', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<Consolidation />);
    const input = screen.getByLabelText('Paquetes de las oficinas (.recupera)');
    await user.upload(input, [pkg('A_1.recupera'), pkg('B_2.recupera'), pkg('C_3.recupera')]);
    await user.click(screen.getByRole('button', { name: 'Quitar B_2.recupera' }));
    expect(screen.getByRole('button', { name: 'Quitar C_3.recupera' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Quitar C_3.recupera' }));
    expect(screen.getByRole('button', { name: 'Quitar A_1.recupera' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Quitar A_1.recupera' }));
    expect(screen.getByRole('button', { name: /^Elegir paquetes…/ })).toHaveFocus();
  });

  it('runs the depuración (waiting its turn first) and shows the batch with its counts, total in dollars and files', async () => {
    const user = userEvent.setup();
    render(<Consolidation />);
    await user.click(screen.getByRole('tab', { name: 'Depuración' }));
    expect(screen.getByRole('tab', { name: 'Depuración' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Todavía no se ha hecho ninguna depuración.')).toBeInTheDocument();

    overview = { ...overview, batches: [{ batch: depuration.batch, createdAt: depuration.createdAt, files: depuration.files, sha256: depuration.sha256, counts: depuration.counts, rows: depuration.rows }] };
    await user.click(screen.getByRole('button', { name: 'Depurar y generar archivos' }));
    expect(await screen.findByText('En espera')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Depurando la base y generando los archivos…' })).toBeInTheDocument();

    const done = await screen.findByRole('region', { name: 'Lote DEP-2026-0001' }, { timeout: 3000 });
    // The button that started it is gone: the focus is on the batch, not lost to the page.
    expect(within(done).getByRole('heading', { name: 'Lote DEP-2026-0001' })).toHaveFocus();
    expect(callsTo(syncDepurate)).toEqual([{}]);
    expect(within(done).getByLabelText('Estado de los servicios')).toHaveTextContent(/Pendientes10.*Parciales2.*Entregados5.*Regularizados1.*En revisión0.*Valor total a cargar\$1\.234,50/);
    expect(within(done).getByRole('row', { name: /Carga de valores/ })).toHaveTextContent('DEP-2026-0001_carga.xlsx14');
    await user.click(within(done).getByRole('button', { name: 'Guardar una copia de la carga de valores' }));
    expect(saveReport).toHaveBeenCalledWith('/datos/depuracion/DEP-2026-0001_carga.xlsx', 'DEP-2026-0001_carga.xlsx');

    const batches = screen.getByRole('region', { name: 'Lotes anteriores' });
    expect(await within(batches).findByRole('row', { name: /DEP-2026-0001/ })).toHaveTextContent('$1.234,50');

    // «Listo» takes the summary and its own button away: the focus comes back to the depuración.
    await user.click(within(done).getByRole('button', { name: 'Listo' }));
    expect(screen.getByRole('heading', { name: 'Depuración', level: 2 })).toHaveFocus();
  });
});
