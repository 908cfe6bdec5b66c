import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, expect, it, vi } from 'vitest';
import { appInfo, type SessionUser } from '../../shared/contracts/app';
import { authIdleLock, authSignIn } from '../../shared/contracts/auth';
import { ok } from '../../shared/result';
import { App } from '../../renderer/src/App';
import { useApp } from '../../renderer/src/store/app';
import { answer, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

/** When the signed-in app's module runs: not before the first screen is up. */
const shell = vi.hoisted(() => ({ loadedAt: null as number | null }));
vi.mock('../../renderer/src/app/Shell', () => {
  shell.loadedAt = performance.now();
  return { Shell: () => <h1>Aplicación</h1> };
});

const ANA: SessionUser = { id: 'u-ana', username: 'ana', fullName: 'Ana Asesora', role: 'ASESOR' };
let user: SessionUser | null = null;

beforeEach(() => {
  resetApi();
  useApp.setState({ info: null, loadError: null, screen: 'search', sessionEpoch: 0 });
  answer(appInfo, () =>
    ok({
      version: '0.1.0',
      station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' },
      initialized: true,
      needsAdmin: false,
      user,
      locked: false,
      counts: user ? { customers: 4, services: 5, items: 6 } : null,
    }),
  );
  answer(authIdleLock, () => ok({ minutes: 5 }));
  answer(authSignIn, () => {
    user = ANA;
    return ok(ANA);
  });
});

it('shows the sign-in form without loading the signed-in app, fetches it while the clerk types, and opens it on sign-in', async () => {
  render(<App />);
  await screen.findByLabelText('Usuario');
  const shownAt = performance.now();
  // The form is there before the signed-in app's code has been loaded or run.
  expect(shell.loadedAt).toBeNull();
  // Then it is fetched in the background, ready for the sign-in.
  await vi.waitFor(() => expect(shell.loadedAt).not.toBeNull(), { timeout: 3000 });
  expect(shell.loadedAt!).toBeGreaterThan(shownAt);

  const u = userEvent.setup();
  await u.type(screen.getByLabelText('Usuario'), 'ana');
  await u.type(screen.getByLabelText('Contraseña'), 'clave-segura-1');
  await u.click(screen.getByRole('button', { name: 'Ingresar' }));
  expect(await screen.findByRole('heading', { name: 'Aplicación' })).toBeInTheDocument();
});
