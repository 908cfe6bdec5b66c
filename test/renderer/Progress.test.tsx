import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressReport, type ProgressReport } from '../../shared/contracts/progress';
import { cents } from '../../shared/money';
import { Progress } from '../../renderer/src/features/progress/Progress';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

beforeAll(() => {
  // jsdom has no layout: the charts' container only needs to exist (the tables carry the numbers).
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const c = cents;
const none = { totalCents: c(0), recoveredCents: c(0), owedCents: c(0), inReviewCents: c(0), regularizedCents: c(0) };

function national(over: Partial<ProgressReport> = {}): ProgressReport {
  return {
    generatedAt: '2026-03-06T15:00:00.000Z',
    today: '2026-03-06',
    scope: { national: true, station: null },
    period: { from: null, to: null },
    deadline: { date: '2026-03-31', daysLeft: 25 },
    stations: [
      { code: 'GYE-01', office: 'CAC Guayaquil Centro' },
      { code: 'UIO-01', office: 'CAC Iñaquito' },
    ],
    campaign: {
      services: { total: 5, pending: 1, partial: 1, delivered: 2, inReview: 1, regularized: 0, rejected: 0 },
      items: { expected: 6, returned: 3, owed: 2 },
      value: { totalCents: c(25600), recoveredCents: c(15000), owedCents: c(4600), inReviewCents: c(6000), regularizedCents: c(0) },
    },
    byLine: [
      { line: 'Internet Fijo', services: { total: 3, pending: 1, partial: 1, delivered: 1, inReview: 0, regularized: 0, rejected: 0 }, value: { ...none, totalCents: c(13600), recoveredCents: c(9000), owedCents: c(4600) } },
      { line: 'Televisión', services: { total: 2, pending: 0, partial: 0, delivered: 1, inReview: 1, regularized: 0, rejected: 0 }, value: { ...none, totalCents: c(12000), recoveredCents: c(6000), inReviewCents: c(6000) } },
    ],
    byType: [{ type: 'MODEM', items: { expected: 2, returned: 2, owed: 0 }, value: { ...none, totalCents: c(9000), recoveredCents: c(9000) } }],
    activity: { actas: 3, items: 3, valueCents: c(15000), voided: 1, unlisted: 0 },
    byDay: [
      { day: '2026-03-02', actas: 1, items: 1, valueCents: c(4500) },
      { day: '2026-03-03', actas: 0, items: 0, valueCents: c(0) },
      { day: '2026-03-04', actas: 2, items: 2, valueCents: c(10500) },
    ],
    byStation: [
      { code: 'UIO-01', office: 'CAC Iñaquito', actas: 3, items: 3, valueCents: c(15000) },
      { code: 'GYE-01', office: 'CAC Guayaquil Centro', actas: 0, items: 0, valueCents: c(0) },
    ],
    ...over,
  };
}

beforeEach(() => {
  resetApi();
});

describe('Avance', () => {
  it('shows the state of the base, value recovered and owed, the countdown, and every chart’s numbers in its table', async () => {
    answer(progressReport, () => ({ ok: true, value: national() }));
    const { container } = render(<Progress />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Avance de la campaña' })).toBeInTheDocument();
    const state = await screen.findByRole('region', { name: 'Estado de la base' });
    expect(within(state).getByText('Valor recuperado').nextSibling).toHaveTextContent('$150,00');
    expect(within(state).getByText('Valor por recuperar').nextSibling).toHaveTextContent('$46,00');
    expect(within(state).getByText('Entregados').nextSibling).toHaveTextContent('2');
    expect(within(state).getByText('Anuladas').nextSibling).toHaveTextContent('1');
    expect(screen.getByText('Faltan 25 días para la fecha límite')).toBeInTheDocument();

    const byLine = screen.getByRole('region', { name: 'Valor recuperado y por recuperar, por línea de negocio' });
    expect(within(byLine).getByRole('img')).toHaveAccessibleName('Internet Fijo: recuperado $90,00, por recuperar $46,00; Televisión: recuperado $60,00, por recuperar $0,00');
    expect(within(byLine).getByRole('row', { name: /Internet Fijo/ })).toHaveTextContent(/Internet Fijo\s*3\s*1\s*1\s*1\s*0\s*\$90,00\s*\$46,00/);
    const byDay = screen.getByRole('region', { name: 'Actas y equipos por día' });
    // Days without actas are drawn (no holes in the chart) but left out of the table.
    expect(within(byDay).getAllByRole('row').map((r) => r.textContent)).toEqual(['DíaActasEquiposValor', '02/03/202611$45,00', '04/03/202622$105,00']);
    const byStation = screen.getByRole('region', { name: 'Actas por estación' });
    expect(within(byStation).getByRole('row', { name: /UIO-01/ })).toHaveTextContent(/UIO-01\s*CAC Iñaquito\s*3\s*3\s*\$150,00/);

    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations.map((v) => v.id)).toEqual([]);
  });

  it('says how items the base did not list were valued, in the singular and the plural', async () => {
    answer(progressReport, () => ({ ok: true, value: national({ activity: { actas: 3, items: 3, valueCents: c(15000), voided: 1, unlisted: 1 } }) }));
    const { unmount } = render(<Progress />);
    expect(await screen.findByText('1 de los equipos recibidos no constaba en la base: cuenta al precio de su tipo de equipo, o sin valor si el tipo no tiene precio.')).toBeInTheDocument();
    unmount();
    answer(progressReport, () => ({ ok: true, value: national({ activity: { actas: 3, items: 3, valueCents: c(15000), voided: 1, unlisted: 2 } }) }));
    render(<Progress />);
    expect(await screen.findByText('2 de los equipos recibidos no constaban en la base: cuentan al precio de su tipo de equipo, o sin valor si el tipo no tiene precio.')).toBeInTheDocument();
  });

  it('says in red how long ago the deadline passed', async () => {
    answer(progressReport, () => ({ ok: true, value: national({ deadline: { date: '2021-03-31', daysLeft: -1801 } }) }));
    render(<Progress />);
    const passed = await screen.findByText('Plazo vencido hace 1801 días');
    expect(passed.closest('p')).toHaveClass('alert-error');
    expect(passed.closest('p')).toHaveTextContent('fecha límite de la campaña: 31/03/2021');
  });

  it('filters by station (national scope only) and by typed dd/mm/aaaa days; a wrong date is said, not sent', async () => {
    const user = userEvent.setup();
    answer(progressReport, (input) => ({ ok: true, value: national(input.station ? { scope: { national: true, station: input.station } } : {}) }));
    render(<Progress />);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Estación' }), 'GYE-01');
    expect(await screen.findByText(/Estación GYE-01 · al 06\/03\/2026/)).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Desde (dd/mm/aaaa)' }), '02/03/2026');
    expect(callsTo(progressReport).at(-1)).toEqual({ from: '2026-03-02', station: 'GYE-01' });
    const sent = callsTo(progressReport).length;
    await user.type(screen.getByRole('textbox', { name: 'Hasta (dd/mm/aaaa)' }), '31/02/2026');
    expect(screen.getByRole('textbox', { name: 'Hasta (dd/mm/aaaa)' })).toHaveAccessibleDescription('Escriba la fecha como dd/mm/aaaa.');
    expect(callsTo(progressReport).slice(sent).every((i) => i.to === undefined || /^\d{4}-\d{2}-\d{2}$/.test(i.to))).toBe(true);
  });

  it('does not ask for a period that ends before it starts: said at «Desde», the last figures kept under their own dates', async () => {
    const user = userEvent.setup();
    answer(progressReport, () => ({ ok: true, value: national() }));
    render(<Progress />);
    await screen.findByText(/al 06\/03\/2026/);
    const sent = callsTo(progressReport).length;
    const fromBox = screen.getByRole('textbox', { name: 'Desde (dd/mm/aaaa)' });
    await user.type(fromBox, '01/01/2099');
    expect(fromBox).toHaveAccessibleDescription('La fecha «desde» no puede ser posterior a hoy.');
    await user.type(screen.getByRole('textbox', { name: 'Hasta (dd/mm/aaaa)' }), '05/03/2026');
    expect(fromBox).toHaveAccessibleDescription('La fecha «desde» no puede ser posterior a «hasta».');
    expect(callsTo(progressReport).slice(sent).filter((i) => i.from === '2099-01-01')).toEqual([]);
    expect(screen.queryByText(/actas del 01\/01\/2099/)).toBeNull();
  });

  it('for a coordinator offers no station filter, and shows a refusal in Spanish', async () => {
    answer(progressReport, () => ({ ok: true, value: national({ scope: { national: false, station: 'UIO-01' }, stations: [] }) }));
    const { unmount } = render(<Progress />);
    expect(await screen.findByText(/Estación UIO-01/)).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Estación' })).toBeNull();
    unmount();
    answer(progressReport, () => ({ ok: false, error: { kind: 'refused', message: 'El avance de la campaña lo ven el coordinador, Posventa y el administrador.' } }));
    render(<Progress />);
    expect(await screen.findByRole('alert')).toHaveTextContent('El avance de la campaña lo ven el coordinador, Posventa y el administrador.');
  });
});
