import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConsolidationResult } from '../../shared/contracts/sync';
import { ConsolidationSummary } from '../../renderer/src/features/sync/ConsolidationSummary';

const none = { handovers: 0, items: 0, backups: 0, voids: 0 };
const APPLIED = 'Ya aplicado: este paquete se consolidó aquí el 02/03/2026 10:05. No se volvió a leer.';

describe('Resumen de la consolidación', () => {
  it('shows a package consolidated before as already applied, with when, apart from those read', () => {
    const r: ConsolidationResult = {
      packages: 2,
      refused: [],
      inserted: { handovers: 1, items: 1, backups: 0, voids: 0 },
      duplicates: 0,
      conflicts: [],
      outcomes: [
        { package: 'UIO-INAQUITO-01_20260302-1000.recupera', station: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', status: 'applied', reason: APPLIED, inserted: none, duplicates: 0 },
        { package: 'UIO-INAQUITO-01_20260303-1000.recupera', station: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', status: 'read', reason: null, inserted: { handovers: 1, items: 1, backups: 0, voids: 0 }, duplicates: 0 },
      ],
      seconds: 0.2,
    };
    render(<ConsolidationSummary r={r} onAgain={() => undefined} onDepurate={() => undefined} onResolve={() => undefined} />);
    expect(screen.getByRole('status')).toHaveTextContent('2 paquetes: 1 leído, 1 ya aplicado, 0 rechazados');
    expect(within(screen.getByRole('row', { name: /20260302-1000/ })).getByText('Ya aplicado')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /20260302-1000/ })).toHaveTextContent(APPLIED);
    expect(screen.getByRole('row', { name: /20260303-1000/ })).toHaveTextContent('Leído');
  });
});
