import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import { campaignsList, campaignsStart, type Campaign, type CampaignsState } from '../../shared/contracts/campaigns';
import { cents } from '../../shared/money';
import { CampaignSection } from '../../renderer/src/features/settings/CampaignSection';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const ADMIN: SessionUser = { id: 'u1', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' };
const COORDINATOR: SessionUser = { id: 'u2', username: 'carla', fullName: 'Carla Coordinadora', role: 'COORDINADOR' };

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

const current: Campaign = { id: 'inicial', name: 'Recuperación de equipos 2021', year: 2021, startedAt: '2021-03-17T13:00:00.000Z', closedAt: null, archiveFile: null, archiveSha256: null, archivePresent: false, summary: null };
const closed: Campaign = {
  ...current,
  closedAt: '2027-01-04T14:00:00.000Z',
  archiveFile: '/datos/copias/recupera-campana-2021-Recuperación_de_equipos_2021-20270104-090000.sqlite',
  archiveSha256: 'a'.repeat(64),
  archivePresent: true,
  summary: { customers: 1200, services: 1500, items: 2100, actas: 340, voided: 2, returnedItems: 500, backups: 12, totalCents: cents(9_000_000), recoveredCents: cents(2_345_600) },
};
const opened: Campaign = { ...current, id: '01900000-0000-7000-8000-000000000000', name: 'Recuperación de equipos 2027', year: 2027, startedAt: '2027-01-04T14:00:00.000Z' };

beforeEach(() => {
  resetApi();
});

describe('Configuración → Campaña', () => {
  it('asks for confirmation saying what happens, then starts the campaign and lists the archive', async () => {
    signIn(ADMIN);
    let state: CampaignsState = { current, archived: [], pending: null };
    answer(campaignsList, () => ({ ok: true, value: state }));
    answer(campaignsStart, () => {
      state = { current: opened, archived: [closed], pending: null };
      return { ok: true, value: { closed, opened, archivePath: closed.archiveFile! } };
    });
    const user = userEvent.setup();
    const { container } = render(<CampaignSection />);
    expect(await screen.findByText('«Recuperación de equipos 2021» (2021)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Iniciar una campaña nueva…' }));
    await user.type(screen.getByRole('textbox', { name: 'Nombre de la campaña nueva' }), 'Recuperación de equipos 2027');
    await user.clear(screen.getByRole('spinbutton', { name: 'Año de la campaña nueva' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Año de la campaña nueva' }), '2027');
    await user.type(screen.getByRole('textbox', { name: /Inicio de la campaña nueva/ }), '04/01/2027');
    await user.type(screen.getByRole('textbox', { name: /Fecha límite de la campaña nueva/ }), '30/06/2027');
    await user.click(screen.getByRole('button', { name: 'Continuar…' }));

    // Nothing is sent before the confirmation, which says what will happen.
    expect(callsTo(campaignsStart)).toHaveLength(0);
    const dialog = screen.getByRole('alertdialog', { name: '¿Iniciar la campaña «Recuperación de equipos 2027» (2027)?' });
    expect(dialog).toHaveTextContent('Se guardará un archivo completo de la base actual (campaña «Recuperación de equipos 2021» (2021))');
    expect(dialog).toHaveTextContent('se quitarán de esta computadora los clientes, servicios, actas');
    expect(dialog).toHaveTextContent('la numeración de las actas (no vuelve a empezar)');
    expect(dialog).toHaveTextContent('fecha límite 30/06/2027');
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Archivar e iniciar la campaña nueva' }));
    expect(callsTo(campaignsStart)).toEqual([{ name: 'Recuperación de equipos 2027', year: 2027, startDate: '2027-01-04', deadline: '2027-06-30', confirm: true }]);
    expect(await screen.findByRole('status')).toHaveTextContent('Campaña «Recuperación de equipos 2027» (2027) iniciada.');
    const table = await screen.findByRole('table', { name: 'Campañas archivadas' });
    expect(table).toHaveTextContent('1200');
    expect(table).toHaveTextContent('04/01/2027');
    expect(table).toHaveTextContent('$23.456,00');
  });

  it('keeps the keyboard in the flow: into the form, onto the question (Esc goes back), and back to the button on Cancelar, with no stale refusal', async () => {
    signIn(ADMIN);
    answer(campaignsList, () => ({ ok: true, value: { current, archived: [], pending: null } }));
    answer(campaignsStart, () => ({ ok: false, error: { kind: 'validation', message: 'La fecha límite no puede ser anterior al inicio de la campaña.', fields: { deadline: 'Antes del inicio.' } } }));
    const user = userEvent.setup();
    render(<CampaignSection />);
    await user.click(await screen.findByRole('button', { name: 'Iniciar una campaña nueva…' }));
    const name = screen.getByRole('textbox', { name: 'Nombre de la campaña nueva' });
    expect(name).toHaveFocus();
    await user.type(name, 'Recuperación 2027');
    await user.type(screen.getByRole('textbox', { name: /Inicio de la campaña nueva/ }), '01/02/2027');
    await user.type(screen.getByRole('textbox', { name: /Fecha límite de la campaña nueva/ }), '01/01/2027{Enter}');
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByRole('button', { name: 'Volver' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Continuar…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Archivar e iniciar la campaña nueva' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La fecha límite no puede ser anterior al inicio de la campaña.');
    await user.click(screen.getByRole('button', { name: 'Cancelar' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Iniciar una campaña nueva…' })).toHaveFocus();
  });

  it('shows a coordinator the campaigns without the action, and an office the campaign Posventa moved to', async () => {
    signIn(COORDINATOR);
    answer(campaignsList, () => ({ ok: true, value: { current, archived: [], pending: { id: opened.id, name: opened.name, year: 2027 } } }));
    render(<CampaignSection />);
    expect(await screen.findByText(/Posventa ya trabaja en la campaña «Recuperación de equipos 2027» \(2027\)/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Iniciar una campaña nueva…' })).toBeNull();
    expect(screen.getByText('Solo un administrador puede iniciar una campaña nueva.')).toBeInTheDocument();
  });
});
