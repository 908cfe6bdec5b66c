import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Shell } from '../../renderer/src/app/Shell';
import { useAttend } from '../../renderer/src/features/handover/store';
import { useApp } from '../../renderer/src/store/app';
import { resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

function menuOf(central: boolean): string[] {
  useApp.setState({
    screen: 'search',
    info: {
      version: '0.1.0',
      station: { code: central ? 'PV-01' : 'UIO-INAQUITO-01', office: central ? 'Posventa Nacional' : 'CAC Iñaquito', regional: null, city: 'Quito', central },
      initialized: true,
      needsAdmin: false,
      user: { id: 'u1', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' },
      counts: { customers: 4, services: 5, items: 6 },
    },
  });
  useAttend.getState().clear();
  const { unmount } = render(<Shell />);
  const entries = within(screen.getByRole('navigation', { name: 'Principal' }))
    .getAllByRole('button')
    .map((b) => b.textContent ?? '');
  unmount();
  return entries;
}

beforeEach(resetApi);

describe('the top bar', () => {
  it('offers «Enviar a Posventa» at an office, not at the central, which would be sending a package to itself', () => {
    expect(menuOf(false)).toContain('Enviar a Posventa');
    const central = menuOf(true);
    expect(central).not.toContain('Enviar a Posventa');
    expect(central).toContain('Consolidación');
  });
});
