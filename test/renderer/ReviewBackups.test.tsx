import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backupsQueue, backupsReview, type BackupView } from '../../shared/contracts/backups';
import { customerGet } from '../../shared/contracts/customers';
import { mailUnassigned } from '../../shared/contracts/mail';
import { fail, ok, type Result } from '../../shared/result';
import { ReviewBackups } from '../../renderer/src/features/backups/ReviewBackups';
import { answer, callsTo, resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const backup = (id: string, name: string, serviceNumber: string, actaNumber: string): BackupView => ({
  id,
  status: 'EN_REVISION',
  customerId: `c-${id}`,
  customerName: name,
  identification: `17000000${id.slice(1).padStart(2, '0')}`,
  services: [{ id: `s-${id}`, serviceNumber, businessLine: 'Internet Fijo' }],
  actaNumber,
  actaDate: null,
  office: null,
  note: null,
  source: 'OFICINA',
  createdAt: '2026-03-03T10:00:00.000Z',
  createdBy: 'Carla Coordinadora',
  reviewReason: null,
  files: [],
});

let pending: BackupView[];

beforeEach(() => {
  resetApi();
  pending = [backup('b1', 'PÉREZ LÓPEZ JUAN CARLOS', '1001', 'AZ-1'), backup('b2', 'ANDRADE VERA ANA', '3003', 'AZ-2'), backup('b3', 'MORA DÍAZ LUIS', '4004', 'AZ-3')];
  answer(backupsQueue, () => ok(pending));
  answer(mailUnassigned, () => ok([]));
  answer(customerGet, ({ id }) => ok({ ...customerCard(), id }));
  answer(backupsReview, (input) => {
    // Refused as the handler refuses it (electron/handlers/define.ts): by the contract, field by field.
    const valid = backupsReview.input.safeParse(input);
    if (!valid.success) {
      const issue = valid.error.issues[0]!;
      return fail('validation', issue.message, { [issue.path.join('.')]: issue.message });
    }
    const { id, decision } = valid.data;
    const b = pending.find((x) => x.id === id);
    if (!b) return fail('conflict', 'Este respaldo ya fue revisado.');
    pending = pending.filter((x) => x.id !== id);
    return ok({ ...b, status: decision === 'ACEPTAR' ? 'ACEPTADO' : 'RECHAZADO' });
  });
});

const option = (name: RegExp) => screen.getByRole('option', { name });
const heading = () => screen.getByRole('heading', { level: 2, name: /Acta presentada/ });

describe('deciding a respaldo', () => {
  it('sends one decision while it is being saved, says whose respaldo was accepted and leaves focus on the queue', async () => {
    let release: (r: Result<BackupView>) => void = () => {};
    answer(backupsReview, ({ id }) => {
      pending = pending.filter((x) => x.id !== id);
      return new Promise<Result<BackupView>>((resolve) => (release = resolve));
    });
    render(<ReviewBackups />);
    const accept = await screen.findByRole('button', { name: 'Aceptar' });
    fireEvent.click(accept);
    fireEvent.click(accept);
    expect(callsTo(backupsReview)).toEqual([{ id: 'b1', decision: 'ACEPTAR', reason: undefined }]);
    expect(accept).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Rechazar' })).toBeDisabled();

    await act(async () => release(ok({ ...backup('b1', 'PÉREZ LÓPEZ JUAN CARLOS', '1001', 'AZ-1'), status: 'ACEPTADO' })));
    expect(await screen.findByRole('status')).toHaveTextContent('Respaldo de PÉREZ LÓPEZ JUAN CARLOS aceptado: el servicio quedó regularizado.');
    expect(heading()).toHaveTextContent('AZ-2');
    const next = option(/ANDRADE VERA ANA/);
    expect(next).toHaveAttribute('aria-selected', 'true');
    expect(next).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsTo(backupsReview)).toHaveLength(1);
  });

  it('ignores the second click of a double click, which would land on the next customer’s button', async () => {
    const user = userEvent.setup();
    render(<ReviewBackups />);
    await user.dblClick(await screen.findByRole('button', { name: 'Aceptar' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Respaldo de PÉREZ LÓPEZ JUAN CARLOS aceptado');
    expect(callsTo(backupsReview).map((c) => c.id)).toEqual(['b1']);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(heading()).toHaveTextContent('AZ-2');
    // Enter now only shows the respaldo already shown: it decides nothing.
    await user.keyboard('{Enter}');
    expect(callsTo(backupsReview)).toHaveLength(1);
  });

  it('keeps the reviewer’s place: the respaldo after the one decided, and the empty queue’s message after the last', async () => {
    const user = userEvent.setup();
    render(<ReviewBackups />);
    await user.click(await screen.findByRole('option', { name: /MORA DÍAZ LUIS/ }));
    expect(heading()).toHaveTextContent('AZ-3');
    await user.click(screen.getByRole('button', { name: 'Aceptar' }));
    expect(await screen.findByRole('status')).toHaveTextContent('MORA DÍAZ LUIS');
    // The last one gone, the one before it is shown.
    expect(option(/ANDRADE VERA ANA/)).toHaveFocus();

    pending = pending.filter((x) => x.id === 'b2');
    await user.click(screen.getByRole('button', { name: 'Aceptar' }));
    expect(await screen.findByText('No hay respaldos pendientes de revisión.')).toHaveFocus();
  });

  it('names the respaldo a refused decision was about', async () => {
    const user = userEvent.setup();
    render(<ReviewBackups />);
    const accept = await screen.findByRole('button', { name: 'Aceptar' });
    pending = pending.filter((x) => x.id !== 'b1'); // decided by someone else meanwhile
    await user.click(accept);
    expect(await screen.findByRole('alert')).toHaveTextContent('No se guardó la decisión sobre el respaldo de PÉREZ LÓPEZ JUAN CARLOS. Este respaldo ya fue revisado.');
    expect(screen.queryByRole('status')).toBeNull();
    expect(option(/ANDRADE VERA ANA/)).toHaveFocus();
  });
});

describe('rejecting a respaldo', () => {
  it('asks for the reason in its field, and Enter there rejects', async () => {
    const user = userEvent.setup();
    render(<ReviewBackups />);
    const field = await screen.findByLabelText('Motivo (obligatorio para rechazar)');
    await user.click(screen.getByRole('button', { name: 'Rechazar' }));
    await screen.findByText('Escriba el motivo del rechazo (al menos 5 caracteres).');
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Escriba el motivo del rechazo (al menos 5 caracteres).');
    expect(pending).toHaveLength(3);

    await user.type(field, 'ilegible{Enter}');
    expect(callsTo(backupsReview).at(-1)).toEqual({ id: 'b1', decision: 'RECHAZAR', reason: 'ilegible' });
    expect(await screen.findByRole('status')).toHaveTextContent('Respaldo de PÉREZ LÓPEZ JUAN CARLOS rechazado.');
    expect(screen.getByLabelText('Motivo (obligatorio para rechazar)')).toHaveValue('');
    expect(screen.getByLabelText('Motivo (obligatorio para rechazar)')).not.toHaveAttribute('aria-invalid');
  });

  it('refuses a short reason from Enter too, and decides nothing', async () => {
    const user = userEvent.setup();
    render(<ReviewBackups />);
    const field = await screen.findByLabelText('Motivo (obligatorio para rechazar)');
    await user.type(field, 'no{Enter}');
    expect(await screen.findByText('Escriba el motivo del rechazo (al menos 5 caracteres).')).toBeInTheDocument();
    expect(pending).toHaveLength(3);
    expect(screen.queryByRole('status')).toBeNull();
    expect(heading()).toHaveTextContent('AZ-1');
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription('Escriba el motivo del rechazo (al menos 5 caracteres).');
  });
});

describe('the review queue', () => {
  it('says by which channel and at which office each respaldo was recorded', async () => {
    pending = [{ ...backup('b1', 'PÉREZ LÓPEZ JUAN CARLOS', '1001', 'A-1'), source: 'CAC', station: 'GYE-CENTRO-01' }, backup('b2', 'ANDRADE VERA ANA', '3003', 'A-2')];
    render(<ReviewBackups />);
    expect(await screen.findByRole('option', { name: /PÉREZ LÓPEZ/ })).toHaveTextContent('CAC · GYE-CENTRO-01 · 03/03/2026');
    // A view from before the station was shown keeps the channel alone.
    expect(option(/ANDRADE VERA/)).toHaveTextContent(/OFICINA · 03\/03\/2026/);
  });

  it('is a listbox one Tab reaches, moved through with the arrows, Home and End, chosen with Enter or Space', async () => {
    const user = userEvent.setup();
    const { container } = render(<ReviewBackups />);
    const list = await screen.findByRole('listbox', { name: 'Cola de respaldos' });
    expect(within(list).getAllByRole('option')).toHaveLength(3);

    await user.tab(); // «Ir a la bandeja de correos»
    await user.tab();
    expect(option(/PÉREZ LÓPEZ/)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(option(/ANDRADE VERA/)).toHaveFocus();
    // Moving does not choose: the respaldo shown stays until Enter.
    expect(option(/PÉREZ LÓPEZ/)).toHaveAttribute('aria-selected', 'true');
    expect(heading()).toHaveTextContent('AZ-1');
    await user.keyboard('{Enter}');
    expect(option(/ANDRADE VERA/)).toHaveAttribute('aria-selected', 'true');
    expect(heading()).toHaveTextContent('AZ-2');

    await user.keyboard('{End}');
    expect(option(/MORA DÍAZ/)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(option(/MORA DÍAZ/)).toHaveFocus();
    await user.keyboard(' ');
    expect(heading()).toHaveTextContent('AZ-3');
    await user.keyboard('{Home}');
    expect(option(/PÉREZ LÓPEZ/)).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(option(/PÉREZ LÓPEZ/)).toHaveFocus();
    // One tab stop in the queue: Tab leaves it.
    expect(within(list).getAllByRole('option').filter((o) => o.tabIndex === 0)).toHaveLength(1);

    // The customer's record scrolls on its own, so it takes focus.
    expect(screen.getByRole('region', { name: 'Registro del cliente' })).toHaveAttribute('tabindex', '0');
    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('forgets a reason written for another respaldo', async () => {
    const user = userEvent.setup();
    render(<ReviewBackups />);
    await user.type(await screen.findByLabelText('Motivo (obligatorio para rechazar)'), 'documento ilegible');
    await user.click(option(/ANDRADE VERA/));
    expect(screen.getByLabelText('Motivo (obligatorio para rechazar)')).toHaveValue('');
  });
});

describe('the jump to the mailbox', () => {
  it('takes the focus along with the view, so the next Tab goes on in the mailbox', async () => {
    const user = userEvent.setup();
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    render(<ReviewBackups />);
    await user.click(await screen.findByRole('button', { name: 'Ir a la bandeja de correos' }));
    expect(scrolled).toHaveBeenCalled();
    await user.tab();
    expect(screen.getByRole('button', { name: /Elegir correos/ })).toHaveFocus();
  });
});
