import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { jobsGet } from '../../shared/contracts/jobs';
import { mailAssign, mailImport, mailUnassigned, type MailImportResult, type MailMessage } from '../../shared/contracts/mail';
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

  it('does not pick one of several customers a name matches: it asks for the cédula or the service', async () => {
    const other: CustomerCard = { ...customerCard(), id: 'c2', identification: '0102030400', match: 'name' };
    answer(searchQuery, () => ok({ results: [{ ...card, match: 'name' }, other], total: 2 }));
    const user = userEvent.setup();
    render(<MailInbox onChanged={() => {}} />);
    await user.click(await screen.findByText(/devolucion\.eml/));
    const form = screen.getByRole('form', { name: 'Asignar correo devolucion.eml' });
    await user.type(within(form).getByLabelText('Cliente (cédula, servicio o nombre)'), 'pérez{Enter}');
    expect(await within(form).findByRole('alert')).toHaveTextContent('Más de un cliente coincide con «pérez»: escriba su cédula o el número de servicio.');
    expect(within(form).queryByRole('button', { name: 'Asignar como respaldo' })).toBeNull();
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

describe('the list of messages waiting', () => {
  it('says a message came without sender or subject instead of leaving a gap', async () => {
    answer(mailUnassigned, () => ok([{ ...message, subject: null, sender: null }]));
    render(<MailInbox onChanged={() => {}} />);
    expect(await screen.findByText('devolucion.eml · «sin asunto» · sin remitente — ' + message.reason)).toBeInTheDocument();
  });
});

describe('importing saved messages', () => {
  it('leaves the focus on what the import did, not on the page’s body', async () => {
    const done: MailImportResult = { messages: 1, imported: 1, duplicates: 0, assigned: 1, unassigned: [], refused: [] };
    const progress = { rowsRead: 1, bytesRead: 0, totalBytes: 0, rowsPerSecond: 1, secondsLeft: null, fraction: 1, stage: null };
    answer(mailImport, () => ok({ jobId: 'j1' }));
    answer(jobsGet, () => ok({ id: 'j1', kind: 'mailImport' as const, status: 'done' as const, progress, result: done }));
    const user = userEvent.setup({ applyAccept: false });
    render(<MailInbox onChanged={() => {}} />);
    await user.upload(screen.getByLabelText('Correos guardados (.eml)', { selector: 'input' }), new File(['x'], 'a.eml'));
    await user.click(screen.getByRole('button', { name: 'Importar correos' }));
    // The form and its button are replaced by the progress bar while the job runs, and come back after.
    const summary = await screen.findByText('1 correo: 1 importado, 0 ya importados antes, 1 asignado a clientes, 0 sin asignar.');
    expect(summary.closest('[role="status"]')).toHaveFocus();
  });
});
