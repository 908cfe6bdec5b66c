import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { conflictsList, conflictsResolve, type ConflictView } from '../../shared/contracts/conflicts';
import { fail } from '../../shared/result';
import { ConflictResolution } from '../../renderer/src/features/conflicts/ConflictResolution';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const none = { actas: [], stations: [], serviceNumber: null, setAside: null };

const serial: ConflictView = {
  id: 'c-serie',
  kind: 'SERIE_DUPLICADA',
  detail: 'La serie HW-1 consta como devuelta en 2 actas: GYE-01-2026-000001 (GYE-01), UIO-01-2026-000001 (UIO-01).',
  createdAt: '2026-03-02T15:00:00.000Z',
  choices: {
    ...none,
    actas: [
      { handoverId: 'h-gye', number: 'GYE-01-2026-000001', station: 'GYE-01', holder: 'PÉREZ LÓPEZ JUAN CARLOS', deliveredAt: '2026-03-01T15:00:00.000Z' },
      { handoverId: 'h-uio', number: 'UIO-01-2026-000001', station: 'UIO-01', holder: 'ANDRADE VERA ANA', deliveredAt: '2026-03-01T16:00:00.000Z' },
    ],
  },
  resolution: null,
};

const station: ConflictView = {
  id: 'c-estacion',
  kind: 'ESTACION_DUPLICADA',
  detail: 'Dos estaciones usan el código UIO-01: «CAC Iñaquito» y «CAC Quicentro».',
  createdAt: '2026-03-02T14:00:00.000Z',
  choices: { ...none, stations: [{ id: 's-1', code: 'UIO-01', office: 'CAC Iñaquito', known: true }, { id: 's-2', code: 'UIO-01', office: 'CAC Quicentro', known: false }] },
  resolution: null,
};

const renumbered: ConflictView = {
  id: 'c-acta',
  kind: 'ACTA_REUTILIZADA',
  detail: 'El número de acta UIO-01-2026-000002 (estación UIO-01) está en dos actas distintas.',
  createdAt: '2026-03-01T10:00:00.000Z',
  choices: { ...none, setAside: { number: 'UIO-01-2026-000002', holder: 'DE LA TORRE DEL POZO MARIA JOSE', deliveredAt: '2026-02-28T10:00:00.000Z' } },
  resolution: {
    decision: 'RENUMERAR',
    reason: 'Base copiada en Iñaquito; la devolución es real.',
    by: 'Analista Posventa',
    at: '2026-03-02T09:00:00.000Z',
    detail: { newNumber: 'UIO-01-2026-000002-R1', originalNumber: 'UIO-01-2026-000002' },
  },
};

let list: ConflictView[];

beforeEach(() => {
  resetApi();
  list = [serial, station, renumbered];
  answer(conflictsList, () => ({ ok: true, value: { conflicts: list } }));
});

describe('Conflictos', () => {
  it('shows each open conflict with only the decisions of its kind, and the resolved history with who, when and why', async () => {
    render(<ConflictResolution />);
    const serie = await screen.findByRole('article', { name: 'Serie devuelta en dos actas' });
    expect(within(serie).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['UNA_ACTA', 'AMBAS']);
    expect(within(serie).getByText(/dejan de contarla como devuelta/)).toBeTruthy();
    const est = screen.getByRole('article', { name: 'Código de estación repetido' });
    expect(within(est).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['RENOMBRAR']);
    expect(screen.getByRole('heading', { name: 'Conflictos abiertos (2)' })).toBeTruthy();

    const history = screen.getByRole('region', { name: 'Conflictos resueltos (1)' });
    const row = within(history).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('Dar un número nuevo al acta apartada y contarla');
    expect(row.textContent).toContain('Acta registrada como UIO-01-2026-000002-R1');
    expect(row.textContent).toContain('Base copiada en Iñaquito');
    expect(row.textContent).toContain('Analista Posventa');
  });

  it('resolves a serial for one acta with a motivo, then reloads; a refusal is shown in Spanish', async () => {
    const user = userEvent.setup();
    let refuse = true;
    answer(conflictsResolve, (input) => {
      if (refuse) return fail('conflict', 'Este conflicto ya fue resuelto por Otra Persona.');
      const done = { ...serial, resolution: { decision: 'UNA_ACTA' as const, reason: input.reason, by: 'Analista Posventa', at: '2026-03-02T18:00:00.000Z', detail: { acta: 'UIO-01-2026-000001' } } };
      list = [station, done, renumbered];
      return { ok: true, value: done };
    });
    const onChanged = vi.fn();
    render(<ConflictResolution onChanged={onChanged} />);
    const serie = await screen.findByRole('article', { name: 'Serie devuelta en dos actas' });
    const submit = within(serie).getByRole('button', { name: 'Resolver conflicto' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(serie).getByRole('radio', { name: 'La serie pertenece a una sola acta' }));
    await user.click(within(serie).getByRole('radio', { name: /UIO-01-2026-000001 · UIO-01 · ANDRADE VERA ANA/ }));
    await user.type(within(serie).getByLabelText('Motivo de la decisión'), 'corto');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await user.type(within(serie).getByLabelText('Motivo de la decisión'), ': la serie es de Ana.');
    expect((submit as HTMLButtonElement).disabled).toBe(false);

    // It cannot be undone: asked once more, naming the decision; «Volver» changes nothing.
    await user.click(submit);
    const ask = screen.getByRole('dialog', { name: '¿Resolver este conflicto?' });
    expect(ask).toHaveTextContent('Serie devuelta en dos actas: La serie pertenece a una sola acta (UIO-01-2026-000001).');
    expect(ask).toHaveTextContent('no se puede deshacer');
    await user.click(within(ask).getByRole('button', { name: 'Volver' }));
    expect(callsTo(conflictsResolve)).toEqual([]);
    expect(submit).toHaveFocus();

    await user.click(submit);
    await user.click(screen.getByRole('button', { name: 'Sí, resolver' }));
    expect((await within(serie).findByRole('alert')).textContent).toContain('ya fue resuelto por Otra Persona');
    expect(screen.queryByRole('dialog')).toBeNull();

    refuse = false;
    await user.click(submit);
    await user.click(screen.getByRole('button', { name: 'Sí, resolver' }));
    expect(callsTo(conflictsResolve).at(-1)).toEqual({ id: 'c-serie', decision: 'UNA_ACTA', acta: 'UIO-01-2026-000001', reason: 'corto: la serie es de Ana.' });
    expect((await screen.findByRole('status')).textContent).toContain('La serie queda en el acta UIO-01-2026-000001');
    // The decided conflict's form is gone: the focus is on the open ones, not lost to the page.
    expect(await screen.findByRole('heading', { name: 'Conflictos abiertos (1)' })).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Conflictos resueltos (2)' })).toBeTruthy();
    expect(onChanged).toHaveBeenCalled();
  });

  it('renames a station: which one, and its new code', async () => {
    const user = userEvent.setup();
    answer(conflictsResolve, () => ({ ok: true, value: { ...station, resolution: { decision: 'RENOMBRAR' as const, reason: 'x'.repeat(12), by: 'A', at: '2026-03-02T18:00:00.000Z', detail: { newCode: 'UIO-QUICENTRO-01' } } } }));
    render(<ConflictResolution />);
    const est = await screen.findByRole('article', { name: 'Código de estación repetido' });
    await user.click(within(est).getByRole('radio', { name: 'Cambiar el código de una de las estaciones' }));
    await user.click(within(est).getByRole('radio', { name: /CAC Quicentro · UIO-01/ }));
    await user.type(within(est).getByLabelText('Nuevo código de estación'), 'uio-quicentro-01');
    await user.type(within(est).getByLabelText('Motivo de la decisión'), 'Quicentro usaba el código de Iñaquito.');
    await user.click(within(est).getByRole('button', { name: 'Resolver conflicto' }));
    expect(screen.getByRole('dialog', { name: '¿Resolver este conflicto?' })).toHaveTextContent('Código de estación repetido: Cambiar el código de una de las estaciones (UIO-QUICENTRO-01).');
    await user.keyboard('{Enter}');
    expect(callsTo(conflictsResolve)).toEqual([
      { id: 'c-estacion', decision: 'RENOMBRAR', stationId: 's-2', newCode: 'UIO-QUICENTRO-01', reason: 'Quicentro usaba el código de Iñaquito.' },
    ]);
  });
});
