import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { syncOverview, type ConsolidationResult } from '../../shared/contracts/sync';
import { ConflictGroups } from '../../renderer/src/features/sync/ConflictGroups';
import { ConsolidationSummary } from '../../renderer/src/features/sync/ConsolidationSummary';
import { ExportPackage } from '../../renderer/src/features/sync/ExportPackage';
import { ImportedPackages } from '../../renderer/src/features/sync/ImportedPackages';
import { answer, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

// What axe held against these screens: a button whose name does not contain its visible text,
// and two regions with the same name on the consolidation summary.

beforeEach(() => resetApi());

describe('sync screens and axe', () => {
  it('names "Guardar una copia…" with its visible words', async () => {
    answer(syncOverview, () => ({
      ok: true,
      value: {
        lastExport: null,
        packages: [
          { direction: 'EXPORT' as const, station: 'UIO-INAQUITO-01', fileName: 'UIO-INAQUITO-01_20260302-1000.recupera', createdAt: '2026-03-02T15:00:00.000Z', from: null, to: '2026-03-02T15:00:00.000Z', counts: { handovers: 1, items: 1, backups: 0, voids: 0 }, path: '/x/p.recupera' },
        ],
        conflicts: [],
        batches: [],
      },
    }));
    render(<ExportPackage />);
    const button = await screen.findByRole('button', { name: 'Guardar una copia de UIO-INAQUITO-01_20260302-1000.recupera' });
    const visible = (button.textContent ?? '').replace(/[….]/g, '').trim().toLowerCase();
    expect(button.getAttribute('aria-label')!.toLowerCase()).toContain(visible);
  });

  it('gives the summary’s conflict groups names of their own beside the open conflicts', () => {
    const conflict = { kind: 'SERIE_DUPLICADA' as const, detail: 'La serie KA-0001 se devolvió en dos actas.' };
    const r: ConsolidationResult = {
      packages: 1,
      seconds: 1,
      inserted: { handovers: 1, items: 1, backups: 0, voids: 0 },
      duplicates: 0,
      conflicts: [conflict],
      refused: [],
      outcomes: [],
    } as unknown as ConsolidationResult;
    render(
      <>
        <ConsolidationSummary r={r} onAgain={() => {}} onDepurate={() => {}} onResolve={() => {}} />
        <ConflictGroups conflicts={[{ ...conflict, createdAt: '2026-03-02T16:00:00.000Z' }]} headingLevel={3} />
      </>,
    );
    const names = screen.getAllByRole('region').map((x) => x.getAttribute('aria-label') ?? x.getAttribute('aria-labelledby'));
    expect(new Set(names).size).toBe(names.length);
    expect(screen.getByRole('region', { name: 'Serie devuelta en dos actas (1) en esta consolidación' })).toHaveTextContent('KA-0001');
    expect(screen.getByRole('region', { name: 'Serie devuelta en dos actas (1)' })).toBeInTheDocument();
  });

  it('lists the packages consolidated before in columns that fit the panel at 1366 px, each file named under its moment', () => {
    // Eight columns, one of them file names that do not wrap, ran past the panel.
    const pkg = { direction: 'IMPORT' as const, station: 'UIO-INAQUITO-01', fileName: 'UIO-INAQUITO-01_20261205-0409_2.recupera', createdAt: '2026-12-05T09:11:00.000Z', from: '2026-12-05T08:09:00.000Z', to: '2026-12-05T09:09:00.000Z', counts: { handovers: 4, items: 11, backups: 3, voids: 0 }, path: '/x/p.recupera' };
    render(<ImportedPackages overview={{ lastExport: null, packages: [pkg], conflicts: [], batches: [] }} />);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Consolidado', 'Estación', 'Período del paquete', 'Actas', 'Equipos', 'Respaldos', 'Anulaciones']);
    expect(within(table).getAllByRole('cell')[0]).toHaveTextContent('UIO-INAQUITO-01_20261205-0409_2.recupera');
  });
});
