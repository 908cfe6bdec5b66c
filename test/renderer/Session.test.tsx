import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appInfo, type SessionUser } from '../../shared/contracts/app';
import { authIdleLock, authLock, authSignIn, authSignOut, authUnlock } from '../../shared/contracts/auth';
import { searchQuery } from '../../shared/contracts/customers';
import { fail, ok } from '../../shared/result';
import { App } from '../../renderer/src/App';
import { useLock } from '../../renderer/src/api/lock';
import { useNotice } from '../../renderer/src/api/notice';
import { useAttend } from '../../renderer/src/features/handover/store';
import { useIdleMinutes } from '../../renderer/src/features/session/useIdleLock';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const ANA: SessionUser = { id: 'u-ana', username: 'ana', fullName: 'Ana Asesora', role: 'ASESOR' };
const LUIS: SessionUser = { id: 'u-luis', username: 'luis', fullName: 'Luis Asesor', role: 'ASESOR' };

// The signed-in app is a lazy chunk (App.tsx): loaded here once, as the sign-in screen prefetches it.
beforeAll(async () => {
  await import('../../renderer/src/app/Shell');
});

/** What the main process holds for this window: who is signed in and whether it is locked. */
let server: { user: SessionUser | null; locked: boolean };

beforeEach(() => {
  resetApi();
  useApp.setState({ info: null, loadError: null, screen: 'search', sessionEpoch: 0 });
  useLock.setState({ locked: false });
  useAttend.getState().clear();
  useIdleMinutes.setState({ minutes: 5 });
  server = { user: ANA, locked: false };
  answer(appInfo, () =>
    ok({
      version: '0.1.0',
      station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' },
      initialized: true,
      needsAdmin: false,
      user: server.user,
      locked: server.locked,
      counts: { customers: 4, services: 5, items: 6 },
    }),
  );
  answer(authIdleLock, () => ok({ minutes: 5 }));
  answer(searchQuery, () => ok({ results: [customerCard()], total: 1 }));
  answer(authSignOut, () => {
    server = { user: null, locked: false };
    return ok({});
  });
  answer(authLock, () => {
    server.locked = true;
    return ok({});
  });
  answer(authSignIn, ({ username, password }) => {
    const user = [ANA, LUIS].find((u) => u.username === username);
    if (!user || password !== 'clave-segura-1') return fail('refused', 'Usuario o contraseña incorrectos.');
    server = { user, locked: false };
    return ok(user);
  });
  answer(authUnlock, ({ password }) => {
    if (password !== 'clave-segura-1' || !server.user) return fail('refused', 'Contraseña incorrecta.');
    server.locked = false;
    return ok(server.user);
  });
});
afterEach(() => vi.useRealTimers());

const formHeading = () => screen.queryByRole('heading', { name: 'Registrar entrega · PÉREZ LÓPEZ JUAN CARLOS' });

/** Ana at the counter: she searched a customer and ticked an item of a handover she has not saved. */
async function anaMidHandover() {
  const user = userEvent.setup();
  render(<App />);
  const box = await screen.findByRole('searchbox');
  await user.type(box, 'PEREZ');
  expect(await screen.findByRole('option', { name: /PÉREZ LÓPEZ JUAN CARLOS/ })).toBeInTheDocument();
  act(() => useAttend.getState().startHandover(customerCard()));
  await user.type(screen.getByLabelText('Escanee o escriba la serie y pulse Enter'), 'HW-0001{Enter}');
  expect(screen.getByLabelText('Recibido MODEM HW-0001')).toBeChecked();
  return user;
}

async function signInAs(user: ReturnType<typeof userEvent.setup>, username: string) {
  await user.type(screen.getByLabelText('Usuario'), username);
  await user.type(screen.getByLabelText('Contraseña'), 'clave-segura-1');
  await user.click(screen.getByRole('button', { name: 'Ingresar' }));
}

describe('signing out', () => {
  it('asks first with a handover in progress, and the next person sees nothing of the previous one', async () => {
    const user = await anaMidHandover();

    await user.click(screen.getByRole('button', { name: 'Salir' }));
    const ask = screen.getByRole('alertdialog', { name: '¿Cerrar sesión?' });
    expect(ask).toHaveAccessibleDescription('Hay una entrega sin guardar para PÉREZ LÓPEZ JUAN CARLOS. ¿Cerrar sesión y descartarla?');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(formHeading()).toBeInTheDocument();
    expect(callsTo(authSignOut)).toHaveLength(0);

    // Enter keeps the handover: throwing it away takes its own button.
    await user.click(screen.getByRole('button', { name: 'Salir' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(callsTo(authSignOut)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Salir' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Sí, cerrar sesión' }));
    expect(await screen.findByRole('button', { name: 'Ingresar' })).toBeInTheDocument();
    expect(callsTo(authSignOut)).toHaveLength(1);

    await signInAs(user, 'luis');
    const box = await screen.findByRole('searchbox');
    expect(screen.getByText('Luis Asesor')).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    expect(formHeading()).not.toBeInTheDocument();
    expect(screen.queryByText(/PÉREZ LÓPEZ/)).not.toBeInTheDocument();
    expect(useAttend.getState()).toMatchObject({ customer: null, dirty: false, actaId: null });
  });

  it('signs out at once when nothing would be lost', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('searchbox');
    await user.click(screen.getByRole('button', { name: 'Salir' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Ingresar' })).toBeInTheDocument();
  });
});

describe('a session the main process ended by itself', () => {
  it('goes back to sign-in on the next refused call (a restore, a deactivation), and forgets what the person left', async () => {
    const user = userEvent.setup();
    render(<App />);
    const box = await screen.findByRole('searchbox');
    act(() => useNotice.getState().show({ tone: 'ok', text: 'Copia guardada.' }));
    // The database was restored elsewhere in the app: the main process no longer knows Ana's session.
    server = { user: null, locked: false };
    answer(searchQuery, () => fail('refused', 'Su sesión terminó. Ingrese de nuevo con su usuario y contraseña.'));
    await user.type(box, 'PEREZ');
    expect(await screen.findByRole('button', { name: 'Ingresar' })).toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(useNotice.getState().notice).toBeNull();
    expect(useApp.getState().sessionEpoch).toBe(1);
  });

  it('stays where it is after a refusal of something not allowed: the session is still there', async () => {
    const user = userEvent.setup();
    render(<App />);
    answer(searchQuery, () => fail('refused', 'No tiene permiso para esto.'));
    await user.type(await screen.findByRole('searchbox'), 'PEREZ');
    await vi.waitFor(() => expect(callsTo(appInfo).length).toBeGreaterThan(1));
    expect(screen.queryByRole('button', { name: 'Ingresar' })).toBeNull();
    expect(screen.getByRole('searchbox')).toBeInTheDocument();
  });
});

describe('idle lock', () => {
  it('locks after the set minutes without input, hides everything, and gives the same screen back to the same person', async () => {
    const user = await anaMidHandover();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // The timer starts again under the fake clock.
    act(() => useIdleMinutes.getState().set(2));

    await act(async () => {
      vi.advanceTimersByTime(90_000);
    });
    fireEvent.keyDown(window, { key: 'a' });
    await act(async () => {
      vi.advanceTimersByTime(90_000);
    });
    expect(callsTo(authLock)).toHaveLength(0);
    await act(async () => {
      vi.advanceTimersByTime(31_000);
    });
    vi.useRealTimers();

    expect(callsTo(authLock)).toEqual([{ manual: false }]);
    const app = screen.getByTestId('session-app');
    expect(app).toHaveAttribute('hidden');
    expect(app).not.toBeVisible();
    // Nothing of the app is reachable: not shown, not in the accessibility tree.
    expect(screen.getByLabelText('Recibido MODEM HW-0001')).not.toBeVisible();
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /PÉREZ/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Pantalla bloqueada' })).toBeVisible();

    await user.type(screen.getByLabelText('Contraseña'), 'mala-clave');
    await user.click(screen.getByRole('button', { name: 'Desbloquear' }));
    expect(await screen.findByText('Contraseña incorrecta.')).toBeInTheDocument();
    expect(app).not.toBeVisible();

    await user.type(screen.getByLabelText('Contraseña'), 'clave-segura-1');
    await user.click(screen.getByRole('button', { name: 'Desbloquear' }));
    expect(await screen.findByRole('heading', { name: 'Registrar entrega · PÉREZ LÓPEZ JUAN CARLOS' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Pantalla bloqueada' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Recibido MODEM HW-0001')).toBeChecked();
    // The scanner field she was typing in has the keyboard again, not the page's body.
    expect(screen.getByLabelText('Escanee o escriba la serie y pulse Enter')).toHaveFocus();
  });

  it('lets another person sign in instead, after saying whose work is lost (without the customer), and drops it', async () => {
    const user = await anaMidHandover();
    await user.click(screen.getByRole('button', { name: 'Bloquear' }));
    expect(callsTo(authLock)).toEqual([{ manual: true }]);

    await user.click(screen.getByRole('button', { name: 'Ingresar con otro usuario' }));
    const ask = screen.getByRole('alertdialog', { name: '¿Ingresar con otro usuario?' });
    expect(ask).toHaveAccessibleDescription('Hay una entrega sin guardar de Ana Asesora. Si ingresa otra persona, se descartará.');
    expect(within(ask).queryByText(/PÉREZ/)).not.toBeInTheDocument();
    await user.click(within(ask).getByRole('button', { name: 'Sí, ingresar con otro usuario' }));

    expect(screen.getByRole('heading', { name: 'Ingresar con otro usuario' })).toBeInTheDocument();
    await signInAs(user, 'luis');
    const box = await screen.findByRole('searchbox');
    expect(box).toBeVisible();
    expect(box).toHaveValue('');
    expect(screen.getByText('Luis Asesor')).toBeInTheDocument();
    expect(screen.queryByText(/PÉREZ LÓPEZ/)).not.toBeInTheDocument();
    expect(useAttend.getState().customer).toBeNull();
  });

  it('shows the lock screen after a reload of a locked session', async () => {
    server.locked = true;
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Pantalla bloqueada' })).toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
  });
});
