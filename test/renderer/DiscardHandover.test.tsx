import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Shell } from '../../renderer/src/app/Shell';
import { useApp } from '../../renderer/src/store/app';
import { useAttend } from '../../renderer/src/features/handover/store';
import { resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

function signedIn() {
  useApp.setState({
    screen: 'search',
    info: {
      version: '0.1.0',
      station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' },
      initialized: true,
      needsAdmin: false,
      user: { id: 'u1', username: 'coord', fullName: 'Carla Coordinadora', role: 'COORDINADOR' },
      counts: { customers: 4, services: 5, items: 6 },
    },
  });
  useAttend.getState().clear();
  useAttend.getState().startHandover(customerCard());
  const user = userEvent.setup();
  render(<Shell />);
  return user;
}

const form = () => screen.queryByRole('heading', { name: 'Registrar entrega · PÉREZ LÓPEZ JUAN CARLOS' });

beforeEach(resetApi);

describe('leaving a handover in progress', () => {
  it('leaves at once when nothing was ticked or typed', async () => {
    const user = signedIn();
    expect(form()).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(form()).not.toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('searchbox')).toBeInTheDocument();
  });

  it('asks in the app, keeps the form on Esc or Enter with the focus where it was, and discards only when asked to', async () => {
    const user = signedIn();
    const scan = screen.getByLabelText('Escanee o escriba la serie y pulse Enter');
    await user.type(scan, 'HW-0001{Enter}');

    await user.keyboard('{Escape}');
    const dialog = screen.getByRole('alertdialog', { name: '¿Descartar la entrega que está registrando?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('Lo marcado se perderá.');
    const discard = within(dialog).getByRole('button', { name: 'Sí, descartar' });
    const keep = within(dialog).getByRole('button', { name: 'Seguir registrando (Enter o Esc)' });
    // Throwing work away is never the default: a stray Esc then a scan (which ends with Enter) keeps it.
    expect(keep).toHaveFocus();
    // Tab goes round inside the dialog.
    await user.tab();
    expect(discard).toHaveFocus();
    await user.tab();
    expect(keep).toHaveFocus();
    await user.tab({ shift: true });
    expect(discard).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(form()).toBeInTheDocument();
    expect(screen.getByLabelText('Recibido MODEM HW-0001')).toBeChecked();
    expect(scan).toHaveFocus();

    // A scan typed into the dialog: its Enter keeps the handover.
    await user.keyboard('{Escape}');
    await user.keyboard('HW-0002{Enter}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Recibido MODEM HW-0001')).toBeChecked();
    expect(scan).toHaveFocus();

    // The top bar asks too; «Sí, descartar» (Tab, Enter) discards and opens the screen that was asked for.
    await user.click(screen.getByRole('button', { name: 'Actas' }));
    expect(screen.getByRole('alertdialog', { name: '¿Descartar la entrega que está registrando?' })).toBeInTheDocument();
    await user.keyboard('{Tab}{Enter}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(form()).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Actas de la estación' })).toBeInTheDocument();
    expect(useAttend.getState()).toMatchObject({ customer: null, dirty: false, discardTo: null });
  });

  it('F2 asks as well, and «Seguir registrando» keeps everything', async () => {
    const user = signedIn();
    await user.click(screen.getByLabelText('Recibido DECODIFICADOR KA-0001'));
    await user.keyboard('{F2}');
    await user.click(screen.getByRole('button', { name: 'Seguir registrando (Enter o Esc)' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Recibido DECODIFICADOR KA-0001')).toBeChecked();
    expect(useApp.getState().screen).toBe('search');
    expect(form()).toBeInTheDocument();
  });
});
