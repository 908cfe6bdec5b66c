import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import { pricesGet, pricesSave } from '../../shared/contracts/settings';
import { cents } from '../../shared/money';
import type { PriceList } from '../../shared/prices';
import { PricesSetting } from '../../renderer/src/features/settings/PricesSetting';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const ADMIN: SessionUser = { id: 'u1', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' };
const CLERK: SessionUser = { id: 'u3', username: 'asesor', fullName: 'Asesor Uno', role: 'ASESOR' };

function signIn(user: SessionUser) {
  useApp.setState({
    info: {
      version: '0.1.0',
      station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' },
      initialized: true,
      needsAdmin: false,
      user,
      counts: { customers: 0, services: 0, items: 0 },
    },
  });
}

beforeEach(() => {
  resetApi();
});

describe('Configuración → Precios por tipo de equipo', () => {
  it('shows the prices as dollars with two decimals, says every problem by row, and saves cents', async () => {
    signIn(ADMIN);
    let stored: PriceList = { MODEM: cents(4500) };
    answer(pricesGet, () => ({ ok: true, value: { prices: stored } }));
    answer(pricesSave, (input) => {
      stored = input.prices;
      return { ok: true, value: { prices: stored } };
    });
    const user = userEvent.setup();
    const { container } = render(<PricesSetting />);
    expect(await screen.findByRole('textbox', { name: 'Tipo de equipo, fila 1' })).toHaveValue('MODEM');
    expect(screen.getByRole('textbox', { name: 'Precio en dólares, fila 1' })).toHaveValue('45,00');

    // Row 2 is the blank one offered for a new type.
    await user.type(screen.getByRole('textbox', { name: 'Tipo de equipo, fila 2' }), 'modem');
    await user.type(screen.getByRole('textbox', { name: 'Precio en dólares, fila 2' }), 'abc');
    await user.click(screen.getByRole('button', { name: 'Guardar precios' }));
    expect(await screen.findByText('MODEM ya tiene precio en la fila 1.')).toBeInTheDocument();
    expect(screen.getByText('«abc» no es un valor en dólares (por ejemplo 45,00).')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Revise la fila marcada.');
    expect(screen.getByRole('textbox', { name: 'Tipo de equipo, fila 2' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Tipo de equipo, fila 2' })).toHaveAccessibleDescription('MODEM ya tiene precio en la fila 1.');
    expect(callsTo(pricesSave)).toEqual([]);

    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await user.clear(screen.getByRole('textbox', { name: 'Tipo de equipo, fila 2' }));
    await user.type(screen.getByRole('textbox', { name: 'Tipo de equipo, fila 2' }), 'Decodificador');
    await user.clear(screen.getByRole('textbox', { name: 'Precio en dólares, fila 2' }));
    await user.type(screen.getByRole('textbox', { name: 'Precio en dólares, fila 2' }), '32.5');
    await user.click(screen.getByRole('button', { name: 'Guardar precios' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Precios guardados: 2 tipos de equipo.');
    expect(callsTo(pricesSave)).toEqual([{ prices: { MODEM: 4500, DECODIFICADOR: 3250 } }]);
    // Shown back sorted, with two decimals.
    expect(screen.getByRole('textbox', { name: 'Tipo de equipo, fila 1' })).toHaveValue('DECODIFICADOR');
    expect(screen.getByRole('textbox', { name: 'Precio en dólares, fila 1' })).toHaveValue('32,50');

    await user.click(screen.getByRole('button', { name: 'Quitar la fila 2 (MODEM)' }));
    await user.click(screen.getByRole('button', { name: 'Guardar precios' }));
    expect(callsTo(pricesSave).at(-1)).toEqual({ prices: { DECODIFICADOR: 3250 } });
  });

  it('shows them read-only to anyone but the administrator', async () => {
    signIn(CLERK);
    answer(pricesGet, () => ({ ok: true, value: { prices: { ONT: cents(6000) } } }));
    render(<PricesSetting />);
    expect(await screen.findByRole('cell', { name: 'ONT' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '$60,00' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Guardar precios' })).toBeNull();
    expect(screen.getByText('Solo un administrador puede cambiarlos.')).toBeInTheDocument();
  });
});
