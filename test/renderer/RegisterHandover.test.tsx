import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handoversSave, handoversSerialOwner } from '../../shared/contracts/handovers';
import { fail } from '../../shared/result';
import { RegisterHandover } from '../../renderer/src/features/handover/RegisterHandover';
import { useAttend } from '../../renderer/src/features/handover/store';
import { answer, callsTo, resetApi } from './apiMock';
import { customerCard, savedActa } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

function start(customer = customerCard()) {
  useAttend.getState().clear();
  useAttend.getState().startHandover(customer);
  const user = userEvent.setup();
  render(<RegisterHandover />);
  return { user, scan: screen.getByLabelText('Escanee o escriba la serie y pulse Enter') };
}

beforeEach(() => {
  resetApi();
  answer(handoversSerialOwner, () => ({ ok: true, value: { owners: [] } }));
  answer(handoversSave, () => ({ ok: true, value: savedActa('acta-1') }));
});

describe('Registrar entrega', () => {
  it('ticks the item whose serial is scanned, and says so', async () => {
    const { user, scan } = start();
    expect(scan).toHaveFocus();
    await user.type(scan, 'hw0001{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent('Marcado: MODEM HUAWEI serie HW-0001.');
    expect(screen.getByLabelText('Recibido MODEM HW-0001')).toBeChecked();
    expect(screen.getByLabelText('Recibido FUENTE DE PODER PS-0001')).not.toBeChecked();
    expect(screen.getByRole('heading', { name: 'Equipos (1 marcado)' })).toBeInTheDocument();
    expect(scan).toHaveValue('');
    expect(callsTo(handoversSerialOwner)).toEqual([]);
    expect(useAttend.getState().dirty).toBe(true);
  });

  it('names the other customer who owns a scanned serial and ticks nothing', async () => {
    answer(handoversSerialOwner, () => ({
      ok: true,
      value: { owners: [{ customerId: 'c2', name: 'ANDRADE VERA ANA', identification: '0102030400', serviceNumber: '3003', itemId: 'x9', returned: false }] },
    }));
    const { user, scan } = start();
    await user.type(scan, 'KA-0009{Enter}');
    expect(await screen.findByText(/pertenece a otro cliente: ANDRADE VERA ANA \(0102030400\), servicio 3003/)).toHaveClass('alert-error');
    expect(callsTo(handoversSerialOwner)).toEqual([{ serial: 'KA-0009' }]);
    expect(screen.getByRole('heading', { name: 'Equipos (0 marcados)' })).toBeInTheDocument();
  });

  it('says when the other customer who owns a scanned serial already returned it', async () => {
    answer(handoversSerialOwner, () => ({
      ok: true,
      value: { owners: [{ customerId: 'c2', name: 'ANDRADE VERA ANA', identification: '0102030400', serviceNumber: '3003', itemId: 'x9', returned: true }] },
    }));
    const { user, scan } = start();
    await user.type(scan, 'KA-0009{Enter}');
    expect(await screen.findByText(/pertenece a otro cliente: ANDRADE VERA ANA \(0102030400\), servicio 3003, que ya la entregó en un acta\. No se marcó\./)).toHaveClass('alert-error');
  });

  it('adds a serial nobody has as an item the base did not list, only with its type and a note', async () => {
    const { user, scan } = start();
    await user.type(scan, 'RT-777{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('La serie RT-777 no está en la base de este cliente.');
    const extra = screen.getByRole('form', { name: 'Equipo no listado en la base' });
    const type = within(extra).getByLabelText('Tipo de equipo');
    expect(type).toHaveFocus();
    await user.type(type, 'Router');
    await user.click(within(extra).getByRole('button', { name: 'Agregar equipo no listado' }));
    expect(screen.getByRole('status')).toHaveTextContent('Para un equipo no listado escriba el tipo y una nota.');
    expect(screen.queryByLabelText('Recibido ROUTER RT-777')).not.toBeInTheDocument();

    await user.selectOptions(within(extra).getByLabelText('Servicio'), 's2');
    await user.type(within(extra).getByLabelText('Nota (obligatoria)'), 'Entregado junto al módem');
    await user.click(within(extra).getByRole('button', { name: 'Agregar equipo no listado' }));
    expect(screen.getByLabelText('Recibido ROUTER RT-777')).toBeChecked();
    expect(screen.getByRole('row', { name: /ROUTER/ })).toHaveTextContent('Servicio 2002 · no listado en la base');
    expect(screen.queryByRole('form', { name: 'Equipo no listado en la base' })).not.toBeInTheDocument();
    expect(scan).toHaveFocus();
  });

  it('names the item still to tick that a typed serial is one slip from, and takes it as another item only when typed again', async () => {
    const { user, scan } = start();
    await user.type(scan, 'HW-0010{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'La serie HW-0010 no está en la base de este cliente, pero se parece a HW-0001 (MODEM HUAWEI HG8245H), que falta marcar. Revise la etiqueta: si es ese equipo, márquelo en la lista; si es otro, ingrese HW-0010 otra vez para agregarlo como no listado.',
    );
    // Nothing recorded, no form: the clerk looks at the label with the scan field still theirs.
    expect(screen.queryByRole('form', { name: 'Equipo no listado en la base' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Equipos (0 marcados)' })).toBeInTheDocument();
    expect(scan).toHaveFocus();

    await user.type(scan, 'HW-0010{Enter}');
    expect(await screen.findByRole('form', { name: 'Equipo no listado en la base' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('La serie HW-0010 no está en la base de este cliente. ¿Agregarla como equipo no listado?');
  });

  it('says a customer who already returned everything the base lists has nothing left to receive', async () => {
    const card = customerCard();
    const returned = { ...card, services: card.services.map((sv) => ({ ...sv, items: sv.items.map((i) => ({ ...i, returnedIn: 'UIO-INAQUITO-01-2026-000001' })) })) };
    const { scan } = start(returned);
    expect(screen.getByText(/Este cliente ya entregó todos los equipos que lista la base/)).toBeInTheDocument();
    expect(scan).toHaveFocus();
  });

  it('Esc closes the form of an unlisted item first, not the handover', async () => {
    const { user } = start();
    await user.click(screen.getByRole('button', { name: 'Agregar equipo sin serie o no listado' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Equipo no listado en la base' })).not.toBeInTheDocument();
    expect(useAttend.getState().customer?.id).toBe('c1');
  });

  it('asks once before saving, and saves the ticked items with the tercero who delivered them', async () => {
    const { user, scan } = start();
    await user.type(scan, 'HW-0001{Enter}');
    await user.selectOptions(screen.getByLabelText('Estado de MODEM HW-0001'), 'DANADO');
    await user.click(screen.getByRole('button', { name: 'Accesorios y nota de MODEM HW-0001' }));
    await user.click(within(screen.getByRole('row', { name: /MODEM HUAWEI HG8245H/ })).getByLabelText('Fuente de poder'));
    await user.click(screen.getByLabelText('Un tercero con autorización'));
    await user.type(screen.getByLabelText('Identificación de quien entrega'), '0102030400');
    await user.type(screen.getByLabelText('Nombre de quien entrega'), 'ANA ANDRADE');
    await user.click(screen.getByLabelText('Recibí la carta de autorización y la copia de cédula del titular'));
    await user.type(screen.getByLabelText('Observaciones'), 'Carcasa rota');

    // Ctrl+Enter opens the confirmation; Esc goes back to the form without saving.
    await user.keyboard('{Control>}{Enter}{/Control}');
    let dialog = screen.getByRole('dialog', { name: '¿Guardar el acta?' });
    expect(dialog).toHaveTextContent('1 equipo de PÉREZ LÓPEZ JUAN CARLOS. Entrega: tercero ANA ANDRADE (0102030400).');
    expect(within(dialog).getByRole('listitem')).toHaveTextContent('MODEM HUAWEI HG8245H · serie HW-0001 · Dañado');
    expect(within(dialog).getByRole('button', { name: 'Sí, guardar (Enter)' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(scan).toHaveFocus();
    expect(callsTo(handoversSave)).toEqual([]);

    await user.click(screen.getByRole('button', { name: /Guardar y generar acta/ }));
    dialog = screen.getByRole('dialog', { name: '¿Guardar el acta?' });
    await user.keyboard('{Enter}');
    expect(callsTo(handoversSave)).toEqual([
      {
        customerId: 'c1',
        deliveredBy: 'TERCERO',
        thirdParty: { identification: '0102030400', name: 'ANA ANDRADE', documentsReceived: true },
        observations: 'Carcasa rota',
        items: [
          { expectedItemId: 'i1', serviceId: 's1', type: 'MODEM', brand: 'HUAWEI', model: 'HG8245H', serial: 'HW-0001', condition: 'DANADO', accessories: ['FUENTE_DE_PODER'], note: undefined },
        ],
      },
    ]);
    await vi.waitFor(() => expect(useAttend.getState().actaId).toBe('acta-1'));
  });

  it('keeps the form and shows why when the acta cannot be saved', async () => {
    answer(handoversSave, () => fail('validation', 'Revise los datos de quien entrega.', { 'thirdParty.identification': 'Escriba la identificación de quien entrega.' }));
    const { user, scan } = start();
    await user.type(scan, 'KA-0001{Enter}');
    await user.click(screen.getByLabelText('Un tercero con autorización'));
    // Data the form accepts (it checks the tercero before the confirmation); the main process still has the last word.
    await user.type(screen.getByLabelText('Identificación de quien entrega'), '0102030400');
    await user.type(screen.getByLabelText('Nombre de quien entrega'), 'ANA ANDRADE');
    await user.click(screen.getByLabelText('Recibí la carta de autorización y la copia de cédula del titular'));
    await user.click(screen.getByRole('button', { name: /Guardar y generar acta/ }));
    await user.click(screen.getByRole('button', { name: 'Sí, guardar (Enter)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Revise los datos de quien entrega.');
    expect(screen.getByText('Escriba la identificación de quien entrega.')).toHaveClass('field-error');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(scan).toHaveFocus();
    expect(useAttend.getState().actaId).toBeNull();
    expect(screen.getByLabelText('Recibido DECODIFICADOR KA-0001')).toBeChecked();
  });
});

describe('Registrar entrega: límites y avisos', () => {
  it('the observations stop at the length the acta accepts, instead of a refusal that names no field', async () => {
    const { user } = start();
    const observations = screen.getByLabelText('Observaciones');
    await user.click(observations);
    await user.paste('x'.repeat(1200));
    expect(observations).toHaveValue('x'.repeat(1000));
  });

  it('a refusal of the observations is said beside them', async () => {
    answer(handoversSave, () => fail('validation', 'Demasiado grande: se esperaba que texto tuviera <=1000 caracteres', { observations: 'Demasiado grande: se esperaba que texto tuviera <=1000 caracteres' }));
    const { user, scan } = start();
    await user.type(scan, 'KA-0001{Enter}');
    await user.click(screen.getByRole('button', { name: /Guardar y generar acta/ }));
    await user.click(screen.getByRole('button', { name: 'Sí, guardar (Enter)' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Observaciones')).toHaveAccessibleDescription('Demasiado grande: se esperaba que texto tuviera <=1000 caracteres');
  });

  it('closing the unlisted-item form takes its question away too', async () => {
    const { user, scan } = start();
    await user.type(scan, 'RT-777{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('¿Agregarla como equipo no listado?');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Equipo no listado en la base' })).not.toBeInTheDocument();
    expect(screen.queryByText(/¿Agregarla como equipo no listado\?/)).not.toBeInTheDocument();
    expect(scan).toHaveFocus();
  });
});
