import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backupsCheckDocument, backupsFile, backupsForCustomer, backupsRegister, type BackupView } from '../../shared/contracts/backups';
import { handoversForCustomer } from '../../shared/contracts/handovers';
import { CustomerCard } from '../../renderer/src/features/customer/CustomerCard';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

beforeEach(() => {
  resetApi();
  answer(handoversForCustomer, () => ({ ok: true, value: [] }));
});

/** Juan after returning his modem (acta …0001): the power supply ($6) is still out; the decoder ($60) too. */
function afterPartialReturn() {
  const card = customerCard();
  const internet = card.services[0]!;
  internet.status = 'ENTREGA_PARCIAL';
  internet.items[0]!.returnedIn = 'UIO-INAQUITO-01-2026-000001';
  return card;
}

const money = (text: string) => text.replace(/\s/g, ' ');

describe('customer card', () => {
  it('adds only the items still out to the value pending, and says the total owed in its header', () => {
    render(<CustomerCard card={afterPartialReturn()} />);
    const internet = screen.getByRole('region', { name: 'Servicio 1001' });
    const foot = within(internet).getByRole('rowheader', { name: 'Valor de los equipos pendientes' }).closest('tr')!;
    expect(money(foot.textContent ?? '')).toContain('$6,00');
    expect(money(foot.textContent ?? '')).not.toContain('$51,00');
    const total = screen.getByText(/^Total pendiente:/);
    expect(money(total.textContent ?? '')).toBe('Total pendiente: $66,00');
    expect(total.closest('header')).toHaveClass('card-head');
  });

  it('shows under its service an item returned that the base did not list', () => {
    const card = afterPartialReturn();
    card.services[1]!.unlisted = [{ id: 'h9', type: 'CONTROL REMOTO', brand: 'KAON', model: null, serial: 'CR-77', returnedIn: 'UIO-INAQUITO-01-2026-000002' }];
    render(<CustomerCard card={card} />);
    const tv = screen.getByRole('region', { name: 'Servicio 2002' });
    const row = within(tv).getByRole('row', { name: /CONTROL REMOTO/ });
    expect(row).toHaveTextContent('CR-77');
    expect(row).toHaveTextContent('No listado en la base · entregado en el acta UIO-INAQUITO-01-2026-000002');
    // It carries no value of the base: the decoder is still owed whole.
    expect(money(within(tv).getByRole('rowheader', { name: 'Valor de los equipos pendientes' }).closest('tr')!.textContent ?? '')).toContain('$60,00');
  });

  it('says a charge Recupera sent billing is loaded, and by whom, where the base says NO', () => {
    const card = customerCard();
    card.services[0]!.chargesLoaded = false;
    card.services[0]!.chargedInBatch = true;
    card.services[1]!.chargesLoaded = false;
    render(<CustomerCard card={card} />);
    const flag = (n: string) => within(screen.getByRole('region', { name: `Servicio ${n}` })).getByText('Valores cargados').nextElementSibling;
    expect(flag('1001')).toHaveTextContent('SÍ, por Recupera');
    expect(flag('2002')).toHaveTextContent(/^NO$/);
  });

  it('lists services that owe before the delivered ones, with a compact summary first', () => {
    const card = customerCard();
    card.services[0]!.status = 'ENTREGADO';
    card.services[0]!.items.forEach((i) => (i.returnedIn = 'UIO-INAQUITO-01-2026-000001'));
    card.services.push({ ...card.services[1]!, id: 's3', serviceNumber: '3003', status: 'RESPALDO_EN_REVISION' });
    render(<CustomerCard card={card} />);
    expect(screen.getAllByRole('region', { name: /^Servicio / }).map((r) => r.getAttribute('aria-label'))).toEqual(['Servicio 2002', 'Servicio 3003', 'Servicio 1001']);
    const summary = screen.getByRole('table', { name: 'Resumen de servicios' });
    const rows = within(summary).getAllByRole('row').slice(1);
    expect(rows.map((r) => money(r.textContent ?? ''))).toEqual([
      expect.stringMatching(/2002.*Pendiente.*\$60,00/),
      expect.stringMatching(/3003.*Respaldo en revisión.*\$0,00/),
      expect.stringMatching(/1001.*Entregado.*\$0,00/),
    ]);
    expect(within(summary).getByRole('link', { name: '2002' })).toHaveAttribute('href', '#servicio-s2');
  });
});

function presented(over: Partial<BackupView>): BackupView {
  return {
    id: 'r1',
    status: 'EN_REVISION',
    customerId: 'c1',
    customerName: 'JUAN PEREZ',
    identification: '1712345678',
    services: [{ id: 's1', serviceNumber: '1001', businessLine: 'Internet' }],
    actaNumber: null,
    actaDate: null,
    office: null,
    note: null,
    source: 'CAC',
    station: 'UIO-INAQUITO-01',
    createdAt: '2026-11-20T15:00:00.000Z',
    createdBy: 'María Asesora',
    reviewReason: null,
    files: [],
    ...over,
  };
}

describe('the respaldos the customer presented', () => {
  it('lists them newest first with the reason of a rejection, and fetches no document until they are unfolded', async () => {
    const user = userEvent.setup();
    answer(backupsForCustomer, () => ({
      ok: true,
      value: [
        presented({ id: 'old', status: 'RECHAZADO', reviewReason: 'El acta no tiene firma', createdAt: '2026-10-02T15:00:00.000Z', actaNumber: 'A-77', actaDate: '2021-03-04', files: [{ sha256: 'a'.repeat(64), name: 'acta.png', mime: 'image/png', size: 10 }] }),
        presented({ id: 'new', source: 'CORREO', services: [{ id: 's2', serviceNumber: '2002', businessLine: 'TV' }] }),
      ],
    }));
    answer(backupsFile, () => ({ ok: true, value: { mime: 'image/png', base64: 'iVBORw0KGgo=' } }));
    render(<CustomerCard card={customerCard()} />);
    const section = await screen.findByRole('region', { name: 'Respaldos del cliente' });
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(/CORREO.*En revisión.*2002.*Sin acta indicada/);
    expect(rows[1]).toHaveTextContent(/02\/10\/2026.*María Asesora.*Rechazado.*Motivo: El acta no tiene firma.*1001.*A-77 del 04\/03\/2021/);
    // Opening a document is recorded in the audit log: looking the customer up opens none.
    expect(callsTo(backupsFile)).toEqual([]);
    await user.click(within(rows[1]!).getByText('Ver 1 documento'));
    expect(await within(rows[1]!).findByRole('img', { name: 'Documento acta.png' })).toBeInTheDocument();
    expect(callsTo(backupsFile)).toEqual([{ sha256: 'a'.repeat(64), of: { kind: 'respaldo', id: 'old' } }]);
  });

  it('shows nothing for a customer who presented none', async () => {
    answer(backupsForCustomer, () => ({ ok: true, value: [] }));
    render(<CustomerCard card={customerCard()} />);
    await screen.findByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' });
    expect(screen.queryByRole('region', { name: 'Respaldos del cliente' })).toBeNull();
  });
});

describe('registering a respaldo from the card', () => {
  it('gives the focus back to «Registrar respaldo» on cancel, and to the search box once saved', async () => {
    const user = userEvent.setup();
    answer(backupsCheckDocument, () => ({ ok: true, value: { mime: 'application/pdf' as const, size: 2048 } }));
    answer(backupsRegister, () => ({ ok: true, value: {} as never }));
    const before = useApp.getState().focusTick;
    render(<CustomerCard card={customerCard()} onChanged={() => {}} />);
    const open = screen.getByRole('button', { name: 'Registrar respaldo' });
    await user.click(open);
    await user.click(screen.getByRole('button', { name: 'Cancelar (Esc)' }));
    expect(screen.queryByRole('form', { name: 'Registrar respaldo' })).toBeNull();
    expect(open).toHaveFocus();

    await user.click(open);
    await user.upload(screen.getByLabelText('Documentos del respaldo'), [new File(['%PDF'], 'acta.pdf')]);
    await screen.findByRole('listitem');
    await user.click(screen.getByRole('button', { name: 'Guardar respaldo' }));
    expect(await screen.findByText('Respaldo registrado: los servicios quedan en revisión por Posventa.')).toBeInTheDocument();
    // The search screen's box takes the focus on this signal (Search.tsx), ready for the next customer.
    expect(useApp.getState().focusTick).toBe(before + 1);
  });
});
