import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authIdleLock, authSetIdleLock } from '../../shared/contracts/auth';
import { ok } from '../../shared/result';
import { IdleLockSetting } from '../../renderer/src/features/session/IdleLockSetting';
import { signedIn } from './fixtures';
import { answer, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

beforeEach(() => {
  resetApi();
  signedIn({ id: 'u1', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' });
  answer(authIdleLock, () => ok({ minutes: 5 }));
  answer(authSetIdleLock, ({ minutes }) => ok({ minutes }));
});

describe('Bloqueo por inactividad', () => {
  it('takes back «Bloqueo guardado» as soon as the box is changed again: it no longer says what is saved', async () => {
    const user = userEvent.setup();
    render(<IdleLockSetting />);
    const box = await screen.findByDisplayValue('5');
    await user.clear(box);
    await user.type(box, '1');
    await user.click(screen.getByRole('button', { name: /Guardar/ }));
    expect(await screen.findByRole('status')).toHaveTextContent('Bloqueo guardado: 1 minuto.');
    await user.type(box, '0');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
