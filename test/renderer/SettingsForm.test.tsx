import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CAMPAIGN } from '../../shared/campaign';
import type { SessionUser } from '../../shared/contracts/app';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { fail, ok } from '../../shared/result';
import { Settings } from '../../renderer/src/features/settings/Settings';
import { signedIn } from './fixtures';
import { answer, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const ADMIN: SessionUser = { id: 'u1', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' };

beforeEach(() => {
  resetApi();
  signedIn(ADMIN);
  answer(settingsGet, () => ok(DEFAULT_CAMPAIGN));
});

// «Guardar» is at the foot of a form several screens tall: what it did must show where the person is.
describe('Configuración de la campaña: the outcome of «Guardar»', () => {
  it('saves a text with marks nothing fills in, and says which ones (they would reach the customer as written)', async () => {
    answer(settingsGet, () => ok({ ...DEFAULT_CAMPAIGN, ivrCharged: 'Estimado {nombres}, devuelva hasta el {fecha_limite los equipos. {asunto}' }));
    answer(settingsUpdate, (input) => ok(input));
    const user = userEvent.setup();
    render(<Settings />);
    await user.click(await screen.findByRole('button', { name: 'Guardar' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(
      'Cambios guardados. Revise estos marcadores, que nada reemplaza y llegarían tal cual al cliente: IVR con cargo: {nombres}, {fecha_limite, {asunto}.',
    );
    expect(status).toHaveClass('alert-warn');
  });

  it('says «Cambios guardados.» beside the button', async () => {
    answer(settingsUpdate, (input) => ok(input));
    const user = userEvent.setup();
    render(<Settings />);
    const save = await screen.findByRole('button', { name: 'Guardar' });
    await user.click(save);
    const status = await screen.findByText('Cambios guardados.');
    expect(save.parentElement).toContainElement(status);
  });

  it('takes the keyboard to the first field the refusal names', async () => {
    answer(settingsUpdate, () => fail('validation', 'La fecha límite no puede ser anterior al inicio de la campaña.', { deadline: 'Antes del inicio.' }));
    const user = userEvent.setup();
    render(<Settings />);
    await user.click(await screen.findByRole('button', { name: 'Guardar' }));
    const deadline = await screen.findByRole('textbox', { name: 'Fecha límite de entrega' });
    await vi.waitFor(() => expect(deadline).toHaveFocus());
    expect(deadline).toHaveAccessibleDescription('Antes del inicio.');
  });
});
