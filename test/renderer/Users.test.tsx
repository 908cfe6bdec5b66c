import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appInfo, type SessionUser } from '../../shared/contracts/app';
import { usersChangeOwnPassword, usersCreate, usersDeactivate, usersList, usersResetPassword, type UserSummary } from '../../shared/contracts/users';
import { fail } from '../../shared/result';
import { ForcedPasswordChange } from '../../renderer/src/features/users/ChangePassword';
import { Users } from '../../renderer/src/features/users/Users';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const STATION = 'UIO-INAQUITO-01';
const ADMIN: SessionUser = { id: 'u-admin', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' };
const COORD: SessionUser = { id: 'u-carla', username: 'carla', fullName: 'Carla Coordinadora', role: 'COORDINADOR' };

const row = (p: Partial<UserSummary> & Pick<UserSummary, 'id' | 'username' | 'fullName' | 'role'>): UserSummary => ({
  active: true,
  identification: null,
  mustChangePassword: false,
  originStation: STATION,
  createdAt: '2026-03-01T15:00:00.000Z',
  updatedAt: '2026-03-01T15:00:00.000Z',
  passwordChangedAt: null,
  deactivatedAt: null,
  ...p,
});

const USERS: UserSummary[] = [
  row({ ...ADMIN }),
  row({ ...COORD }),
  row({ id: 'u-pablo', username: 'pablo', fullName: 'Pablo Posventa', role: 'POSVENTA' }),
  row({ id: 'u-lucia', username: 'lucia', fullName: 'Lucía Asesora', role: 'ASESOR', mustChangePassword: true }),
  row({ id: 'u-lejano', username: 'lejano', fullName: 'Luis de Otra Estación', role: 'ASESOR', originStation: 'GYE-CENTRO-01' }),
];

function signIn(user: SessionUser) {
  useApp.setState({
    info: {
      version: '0.1.0',
      station: { code: STATION, office: 'CAC Iñaquito', regional: null, city: 'Quito' },
      initialized: true,
      needsAdmin: false,
      user,
      locked: false,
      counts: { customers: 0, services: 0, items: 0 },
    },
  });
}

function rowOf(name: string): HTMLElement {
  return screen.getByRole('row', { name: new RegExp(name) });
}

beforeEach(() => {
  resetApi();
  answer(usersList, () => ({ ok: true, value: USERS }));
});

describe('Usuarios', () => {
  it("offers a coordinator only the clerk role, and buttons only on their station's clerks", async () => {
    signIn(COORD);
    render(<Users />);
    await screen.findByText('Pablo Posventa');
    const role = screen.getByLabelText('Perfil');
    expect(within(role).getAllByRole('option').map((o) => o.textContent)).toEqual(['Asesor CAC']);
    expect(within(rowOf('Lucía Asesora')).getByRole('button', { name: 'Editar a Lucía Asesora' })).toBeInTheDocument();
    expect(within(rowOf('Lucía Asesora')).getByText('Debe cambiar contraseña')).toBeInTheDocument();
    for (const name of ['Pablo Posventa', 'Luis de Otra Estación', 'Ana Administradora', 'Carla Coordinadora']) {
      expect(within(rowOf(name)).queryAllByRole('button')).toEqual([]);
    }
  });

  it('offers an administrator every role, and no deactivate or reset on their own row', async () => {
    signIn(ADMIN);
    render(<Users />);
    await screen.findByText('Pablo Posventa');
    expect(within(screen.getByLabelText('Perfil')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Asesor CAC',
      'Coordinador regional',
      'Posventa',
      'Administrador',
    ]);
    expect(within(rowOf('Ana Administradora')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Editar']);
    expect(within(rowOf('Pablo Posventa')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Editar', 'Desactivar', 'Restablecer contraseña']);
  });

  it('says a refused new user field by field, marks the fields and puts the focus on the first', async () => {
    signIn(ADMIN);
    answer(usersCreate, () => ({
      ok: false,
      error: { kind: 'validation', message: 'Escriba el nombre completo.', fields: { fullName: 'Escriba el nombre completo.', username: 'El usuario lleva de 3 a 32 letras o números.' } },
    }));
    const user = userEvent.setup();
    render(<Users />);
    await screen.findByRole('row', { name: /Lucía Asesora/ });
    await user.click(screen.getByRole('button', { name: 'Crear usuario' }));
    const fullName = screen.getByRole('textbox', { name: 'Nombre completo' });
    await vi.waitFor(() => expect(fullName).toHaveFocus());
    expect(fullName).toHaveAttribute('aria-invalid', 'true');
    expect(fullName).toHaveAccessibleDescription('Escriba el nombre completo.');
    const username = screen.getByRole('textbox', { name: 'Usuario' });
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription('El usuario lleva de 3 a 32 letras o números.');
    // Each message once, beside its field: no box on top repeating one of them.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('deactivates after asking, and shows what the main process refused', async () => {
    signIn(ADMIN);
    const user = userEvent.setup();
    answer(usersDeactivate, () => fail('refused', 'No se puede desactivar al único administrador activo.'));
    render(<Users />);
    await user.click(await screen.findByRole('button', { name: 'Desactivar a Pablo Posventa' }));
    const dialog = screen.getByRole('alertdialog', { name: '¿Desactivar a Pablo Posventa?' });
    expect(dialog).toHaveTextContent('Las actas y registros que hizo conservan su nombre.');
    await user.click(within(dialog).getByRole('button', { name: 'Sí, desactivar' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No se puede desactivar al único administrador activo.');
    answer(usersDeactivate, () => ({ ok: true, value: { ...USERS[2]!, active: false, deactivatedAt: '2026-03-02T10:00:00.000Z' } }));
    await user.click(within(dialog).getByRole('button', { name: 'Sí, desactivar' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Se desactivó el usuario pablo (Pablo Posventa).');
    expect(callsTo(usersDeactivate)).toEqual([{ userId: 'u-pablo' }, { userId: 'u-pablo' }]);
  });

  it('shows a generated temporary password once, large, with a copy button', async () => {
    signIn(COORD);
    const user = userEvent.setup();
    answer(usersResetPassword, (input) => ({ ok: true, value: { user: { ...USERS[3]!, mustChangePassword: true }, temporaryPassword: input.password ?? 'K7RM-2QXH-9TPW' } }));
    render(<Users />);
    await user.click(await screen.findByRole('button', { name: 'Restablecer contraseña de Lucía Asesora' }));
    await user.click(within(screen.getByRole('alertdialog', { name: '¿Restablecer la contraseña de Lucía Asesora?' })).getByRole('button', { name: 'Restablecer' }));
    expect(callsTo(usersResetPassword)).toEqual([{ userId: 'u-lucia' }]);
    const shown = await screen.findByRole('dialog', { name: 'Contraseña temporal de Lucía Asesora' });
    expect(within(shown).getByRole('status', { name: 'Contraseña temporal' })).toHaveTextContent('K7RM-2QXH-9TPW');
    await user.click(within(shown).getByRole('button', { name: 'Copiar' }));
    expect(await navigator.clipboard.readText()).toBe('K7RM-2QXH-9TPW');
    expect(within(shown).getByRole('button', { name: 'Copiada' })).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'Listo, ya la anoté' }));
    expect(screen.queryByText('K7RM-2QXH-9TPW')).not.toBeInTheDocument();
  });

  it('after a refused temporary password, shows the generated one without the old error and with the focus on its answer', async () => {
    signIn(COORD);
    const user = userEvent.setup();
    answer(usersResetPassword, (input) => {
      if (input.password === 'abc') return fail('validation', 'La contraseña debe tener al menos 8 caracteres.', { password: 'La contraseña debe tener al menos 8 caracteres.' });
      // Chromium blurs the button disabled while the answer is awaited (jsdom does not): the body has the focus.
      (document.activeElement as HTMLElement | null)?.blur();
      return { ok: true, value: { user: { ...USERS[3]!, mustChangePassword: true }, temporaryPassword: 'K7RM-2QXH-9TPW' } };
    });
    render(<Users />);
    await user.click(await screen.findByRole('button', { name: 'Restablecer contraseña de Lucía Asesora' }));
    const ask = screen.getByRole('alertdialog', { name: '¿Restablecer la contraseña de Lucía Asesora?' });
    await user.type(within(ask).getByLabelText('Contraseña temporal (opcional)'), 'abc');
    await user.click(within(ask).getByRole('button', { name: 'Restablecer' }));
    expect(await within(ask).findByRole('alert')).toHaveTextContent('al menos 8 caracteres');
    await user.clear(within(ask).getByLabelText('Contraseña temporal (opcional)'));
    await user.click(within(ask).getByRole('button', { name: 'Restablecer' }));
    const shown = await screen.findByRole('dialog', { name: 'Contraseña temporal de Lucía Asesora' });
    expect(within(shown).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(shown).getByRole('button', { name: 'Listo, ya la anoté' })).toHaveFocus();
  });
});

describe('Cambie su contraseña', () => {
  it('checks the repetition here, then replaces the temporary password and lets the user in', async () => {
    const lucia: SessionUser = { id: 'u-lucia', username: 'lucia', fullName: 'Lucía Asesora', role: 'ASESOR', mustChangePassword: true };
    signIn(lucia);
    const user = userEvent.setup();
    const changed: SessionUser = { id: 'u-lucia', username: 'lucia', fullName: 'Lucía Asesora', role: 'ASESOR' };
    answer(usersChangeOwnPassword, () => ({ ok: true, value: changed }));
    answer(appInfo, () => ({ ok: true, value: { ...useApp.getState().info!, user: changed } }));
    render(<ForcedPasswordChange />);
    expect(screen.getByRole('heading', { name: 'Cambie su contraseña' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Contraseña actual'), 'K7RM-2QXH-9TPW');
    await user.type(screen.getByLabelText('Nueva contraseña'), 'mi-clave-propia');
    await user.type(screen.getByLabelText('Repita la nueva contraseña'), 'mi-clave-propi');
    await user.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    expect(screen.getByRole('alert')).toHaveTextContent('La nueva contraseña y su repetición no coinciden.');
    expect(callsTo(usersChangeOwnPassword)).toEqual([]);
    await user.type(screen.getByLabelText('Repita la nueva contraseña'), 'a');
    await user.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    expect(callsTo(usersChangeOwnPassword)).toEqual([{ currentPassword: 'K7RM-2QXH-9TPW', newPassword: 'mi-clave-propia' }]);
    await vi.waitFor(() => expect(useApp.getState().info?.user?.mustChangePassword).toBeUndefined());
  });
});
