import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { mailAssign, mailUnassigned, type MailMessage } from '../../shared/contracts/mail';
import { ok } from '../../shared/result';
import { MailInbox } from '../../renderer/src/features/mail/MailInbox';
import { answer, callsTo, resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const message: MailMessage = {
  id: 'm1',
  fileName: 'devolucion.eml',
  subject: 'Devolución de equipos',
  sender: 'cliente@example.com',
  sentAt: null,
  reason: 'El asunto no tiene el formato CEDULA//APELLIDOS Y NOMBRES//LINEA DE NEGOCIO.',
  attachments: [],
};

let card: CustomerCard;

beforeEach(() => {
  resetApi();
  card = customerCard();
  answer(mailUnassigned, () => ok([message]));
  answer(searchQuery, () => ok({ results: [card], total: 1 }));
  answer(mailAssign, () => ok({ backupId: 'b1' }));
});

async function findCustomer() {
  const user = userEvent.setup();
  render(<MailInbox onChanged={() => {}} />);
  await user.click(await screen.findByText(/devolucion\.eml/));
  const form = screen.getByRole('form', { name: 'Asignar correo devolucion.eml' });
  await user.type(within(form).getByLabelText('Cliente (cédula, servicio o nombre)'), '1712345675{Enter}');
  await within(form).findByText('PÉREZ LÓPEZ JUAN CARLOS');
  return { user, form };
}

describe('assigning a mail message by hand', () => {
  it('ticks only the services that still owe, and says each one’s status', async () => {
    card.services[1]!.status = 'REGULARIZADO';
    const { user, form } = await findCustomer();
    const owing = within(form).getByRole('checkbox', { name: /1001 · Internet Fijo · Pendiente/ });
    const settled = within(form).getByRole('checkbox', { name: /2002 · Televisión · Regularizado/ });
    expect(owing).toBeChecked();
    // A regularised service ticked by default went back under review on «Asignar como respaldo».
    expect(settled).not.toBeChecked();
    await user.click(within(form).getByRole('button', { name: 'Asignar como respaldo' }));
    expect(callsTo(mailAssign)).toEqual([{ messageId: 'm1', customerId: 'c1', serviceIds: ['s1'] }]);
  });

  it('says what was done and keeps the focus there once the message leaves the list', async () => {
    const { user, form } = await findCustomer();
    answer(mailUnassigned, () => ok([]));
    await user.click(within(form).getByRole('button', { name: 'Asignar como respaldo' }));
    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent('Correo devolucion.eml asignado a PÉREZ LÓPEZ JUAN CARLOS: 2 servicios quedan en revisión.');
    expect(done).toHaveFocus();
    expect(screen.queryByText(/devolucion\.eml ·/)).toBeNull();
  });

  it('says why nothing is ticked when no service owes', async () => {
    for (const s of card.services) s.status = 'ENTREGADO';
    const { form } = await findCustomer();
    expect(within(form).getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked)).toHaveLength(0);
    expect(within(form).getByText('Los servicios de este cliente ya están entregados, regularizados o con un respaldo en revisión.')).toBeInTheDocument();
  });
});
