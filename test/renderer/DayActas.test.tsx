import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handoversList, type ActaSummary } from '../../shared/contracts/handovers';
import { DayActas } from '../../renderer/src/features/actas/DayActas';
import { answer, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const acta = (n: number, holderName: string, holderIdentification: string): ActaSummary => ({
  id: `a${n}`,
  number: `UIO-INAQUITO-01-2026-00000${n}`,
  deliveredAt: '2026-03-02T15:00:00.000Z',
  clerkName: 'Asesor Uno',
  holderName,
  holderIdentification,
  itemCount: 1,
  types: ['MODEM'],
  voided: false,
  outOfBase: false,
  historical: false,
});

beforeEach(() => {
  resetApi();
  answer(handoversList, () => ({
    ok: true,
    value: { actas: [acta(1, 'VILLACÍS PEÑA ROSA', '1712345675'), acta(2, 'ANDRADE VERA ANA', '0102030400')], byType: [{ type: 'MODEM', count: 2 }] },
  }));
});

const holders = () =>
  screen
    .queryAllByRole('row')
    .slice(1)
    .map((r) => (r as HTMLTableRowElement).cells[2]?.textContent ?? '');

describe('Actas de la estación', () => {
  it('filters by name without regard to accents or case, and by number or cédula', async () => {
    const user = userEvent.setup();
    render(<DayActas />);
    await screen.findByText('VILLACÍS PEÑA ROSA');
    const filter = screen.getByLabelText('Filtrar por número, nombre o cédula');
    await user.type(filter, 'villacis pena');
    expect(holders()).toEqual([expect.stringContaining('VILLACÍS PEÑA ROSA')]);
    await user.clear(filter);
    await user.type(filter, 'Villacís');
    expect(holders()).toEqual([expect.stringContaining('VILLACÍS PEÑA ROSA')]);
    await user.clear(filter);
    await user.type(filter, '0102030400');
    expect(holders()).toEqual([expect.stringContaining('ANDRADE VERA ANA')]);
    await user.clear(filter);
    await user.type(filter, '2026-000001');
    expect(holders()).toEqual([expect.stringContaining('VILLACÍS PEÑA ROSA')]);
  });

  it('gives an earlier campaign’s acta its day only: the list that loaded it had no time', async () => {
    const old = { ...acta(3, 'MORA DÍAZ LUIS', '0912345678'), number: 'A-2020-77', deliveredAt: '2020-06-15T12:00:00.000Z', historical: true };
    answer(handoversList, () => ({ ok: true, value: { actas: [old], byType: [] } }));
    render(<DayActas />);
    const row = (await screen.findByText('MORA DÍAZ LUIS')).closest('tr')!;
    expect(row.cells[1]!.textContent).toBe('15/06/2020');
  });
});
