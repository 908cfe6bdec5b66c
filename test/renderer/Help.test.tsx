import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Shell } from '../../renderer/src/app/Shell';
import { useHelp } from '../../renderer/src/features/help/store';
import { helpTopic, type HelpContext } from '../../renderer/src/features/help/topics';
import { ROUTES } from '../../renderer/src/app/routes';
import { useAttend } from '../../renderer/src/features/handover/store';
import { useApp } from '../../renderer/src/store/app';
import { resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

function signedIn(attending = false) {
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
  useHelp.getState().close();
  if (attending) useAttend.getState().startHandover(customerCard());
  const user = userEvent.setup();
  render(<Shell />);
  return user;
}

beforeEach(resetApi);

describe('help (F1)', () => {
  it('F1 opens the help of the screen in front of the user; Esc closes it and gives the focus back', async () => {
    const user = signedIn();
    const box = screen.getByRole('searchbox');
    box.focus();
    await user.keyboard('{F1}');
    const dialog = screen.getByRole('dialog', { name: 'Ayuda · Buscar' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveTextContent('Escriba la cédula');
    const close = within(dialog).getByRole('button', { name: 'Cerrar (Esc)' });
    expect(close).toHaveFocus();
    // Tab stays inside the dialog.
    await user.tab();
    expect(close).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(box).toHaveFocus();
  });

  it('the top bar button opens the same help; on the handover form it is the form\'s, and Esc closes only the help', async () => {
    const user = signedIn(true);
    const scan = screen.getByLabelText('Escanee o escriba la serie y pulse Enter');
    await user.type(scan, 'HW-0001{Enter}');
    await user.click(screen.getByRole('button', { name: 'Ayuda (F1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Ayuda · Registrar entrega' });
    expect(dialog).toHaveTextContent('Ctrl+Enter');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // The handover was not left nor was its discard asked.
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Registrar entrega/ })).toBeInTheDocument();
  });

  it('every screen of the top bar, the handover form and the acta have a help text', () => {
    const contexts: HelpContext[] = [...ROUTES.map((r) => r.screen), 'handover', 'acta'];
    for (const c of contexts) {
      const topic = helpTopic(c);
      expect(topic.title.length).toBeGreaterThan(0);
      expect(topic.body.join(' ').length).toBeGreaterThan(40);
    }
  });

  it('speaks as usted throughout, and tells Posventa’s central how to publish, not only an office how to apply', () => {
    expect(helpTopic('respaldos').body.join(' ')).toContain('acéptelo o rechácelo');
    const updates = helpTopic('actualizaciones').body.join(' ');
    expect(updates).toContain('aplique las actualizaciones');
    expect(updates).toContain('En la central de Posventa: publique la actualización');
  });
});
