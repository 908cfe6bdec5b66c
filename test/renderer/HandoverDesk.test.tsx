import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { customerGet, searchQuery } from '../../shared/contracts/customers';
import { handoversForCustomer, handoversSave, handoversSerialOwner } from '../../shared/contracts/handovers';
import { RegisterHandover } from '../../renderer/src/features/handover/RegisterHandover';
import { useAttend } from '../../renderer/src/features/handover/store';
import { Search } from '../../renderer/src/features/search/Search';
import { answer, callsTo, resetApi } from './apiMock';
import { customerCard, savedActa } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

beforeEach(() => {
  resetApi();
  useAttend.getState().clear();
  answer(handoversSerialOwner, () => ({ ok: true, value: { owners: [] } }));
  answer(handoversSave, () => ({ ok: true, value: savedActa('acta-1') }));
  answer(handoversForCustomer, () => ({ ok: true, value: [] }));
  answer(customerGet, () => ({ ok: true, value: customerCard() }));
});

function start(preselect?: string) {
  useAttend.getState().startHandover(customerCard(), preselect);
  const user = userEvent.setup();
  render(<RegisterHandover />);
  return { user, scan: screen.getByLabelText('Escanee o escriba la serie y pulse Enter') };
}

describe('at the desk', () => {
  it('says a serial scanned twice was already marked', async () => {
    const { user, scan } = start();
    await user.type(scan, 'HW-0001{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent('Marcado: MODEM HUAWEI serie HW-0001.');
    await user.type(scan, 'hw0001{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent('La serie HW-0001 ya estaba marcada (MODEM HUAWEI).');
    expect(screen.getByRole('status')).not.toHaveTextContent(/^Marcado/);
    expect(screen.getByRole('heading', { name: 'Equipos (1 marcado)' })).toBeInTheDocument();
  });

  it('after finding the customer by serial, F4 starts the return with that serial ticked', async () => {
    answer(searchQuery, () => ({ ok: true, value: { results: [{ ...customerCard(), match: 'serial' as const }], total: 1 } }));
    const user = userEvent.setup();
    render(<Search />);
    await user.type(screen.getByRole('searchbox'), 'ps0001');
    await screen.findByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' });
    await user.keyboard('{F4}');
    expect(useAttend.getState().preselectSerial).toBe('ps0001');
    render(<RegisterHandover />);
    expect(screen.getByLabelText('Recibido FUENTE DE PODER PS-0001')).toBeChecked();
    expect(screen.getByLabelText('Recibido MODEM HW-0001')).not.toBeChecked();
  });

  it('found by name, F4 ticks nothing', async () => {
    answer(searchQuery, () => ({ ok: true, value: { results: [{ ...customerCard(), match: 'name' as const }], total: 1 } }));
    const user = userEvent.setup();
    render(<Search />);
    await user.type(screen.getByRole('searchbox'), 'perez');
    await screen.findByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' });
    await user.keyboard('{F4}');
    expect(useAttend.getState().preselectSerial).toBeNull();
  });

  it('Buscar has a level-one heading', () => {
    render(<Search />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Buscar cliente');
  });

  it('Ctrl+Enter with nothing marked says so beside the items and focuses the first one, without a confirmation', async () => {
    const { user } = start();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Marque al menos un equipo recibido.')).toHaveClass('field-error');
    expect(screen.getByLabelText('Recibido MODEM HW-0001')).toHaveFocus();
    // Ticking an item clears the error.
    await user.keyboard(' ');
    await waitFor(() => expect(screen.queryByText('Marque al menos un equipo recibido.')).not.toBeInTheDocument());
    expect(callsTo(handoversSave)).toEqual([]);
  });

  it('checks every tercero field before the confirmation, shows each error beside its field and focuses the first', async () => {
    const { user, scan } = start();
    await user.type(scan, 'HW-0001{Enter}');
    await user.click(screen.getByLabelText('Un tercero con autorización'));
    await user.type(screen.getByLabelText('Identificación de quien entrega'), '12345');
    await user.type(screen.getByLabelText('Nombre de quien entrega'), 'XYZ');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const id = screen.getByLabelText('Identificación de quien entrega');
    expect(id).toHaveFocus();
    expect(id).toHaveAccessibleDescription('Una cédula tiene 10 dígitos y un RUC 13: revise el número.');
    expect(screen.getByLabelText('Nombre de quien entrega')).toHaveAccessibleDescription('Escriba nombre y apellido de quien entrega.');
    expect(screen.getByText('Confirme que recibió la carta de autorización y la copia de cédula del titular.')).toHaveClass('field-error');

    // Only the name left wrong: the focus goes to it.
    await user.clear(id);
    await user.type(id, '0102030400');
    await user.click(screen.getByLabelText('Recibí la carta de autorización y la copia de cédula del titular'));
    await user.click(screen.getByRole('button', { name: /Guardar y generar acta/ }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Nombre de quien entrega')).toHaveFocus();
    expect(screen.queryByText('Una cédula tiene 10 dígitos y un RUC 13: revise el número.')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Nombre de quien entrega'), ' Andrade');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('dialog', { name: '¿Guardar el acta?' })).toHaveTextContent('Entrega: tercero XYZ ANDRADE (0102030400).');
  });

  it('reaches the second item’s condition in a few Tabs: accessories and note wait behind a button per row', async () => {
    const { user } = start();
    screen.getByLabelText('Recibido MODEM HW-0001').focus();
    let tabs = 0;
    while (document.activeElement !== screen.getByLabelText('Estado de FUENTE DE PODER PS-0001') && tabs < 20) {
      await user.tab();
      tabs++;
    }
    expect(tabs).toBeLessThanOrEqual(4);
    expect(screen.queryByLabelText('Nota de MODEM HW-0001')).not.toBeInTheDocument();
  });

  it('offers only the accessories that make sense for the item’s type', async () => {
    const { user } = start();
    const modem = screen.getByRole('button', { name: 'Accesorios y nota de MODEM HW-0001' });
    expect(modem).toHaveAttribute('aria-expanded', 'false');
    await user.click(modem);
    expect(modem).toHaveAttribute('aria-expanded', 'true');
    const row = screen.getByRole('row', { name: /MODEM HUAWEI HG8245H/ });
    expect(within(row).getAllByRole('checkbox').slice(1).map((c) => c.getAttribute('aria-label') ?? c.closest('label')?.textContent?.trim())).toEqual(['Fuente de poder', 'Cable']);
    await user.click(within(row).getByLabelText('Fuente de poder'));
    await user.type(within(row).getByLabelText('Nota de MODEM HW-0001'), 'Sin tapa');
    await user.click(screen.getByRole('button', { name: 'Accesorios y nota de DECODIFICADOR KA-0001' }));
    const deco = screen.getByRole('row', { name: /DECODIFICADOR KAON/ });
    expect(within(deco).getByLabelText('Control remoto')).toBeInTheDocument();
    expect(within(deco).getByLabelText('Antena')).toBeInTheDocument();
    // Closed again, the row still says what was noted.
    await user.click(modem);
    expect(row).toHaveTextContent('Fuente de poder · nota: Sin tapa');
  });
});
