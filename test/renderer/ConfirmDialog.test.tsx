import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from '../../renderer/src/components/ConfirmDialog';

function asked() {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const { container } = render(
    <ConfirmDialog title="¿Guardar el acta?" confirmLabel="Sí, guardar (Enter)" cancelLabel="Volver (Esc)" onConfirm={onConfirm} onCancel={onCancel}>
      <p>1 equipo.</p>
    </ConfirmDialog>,
  );
  const backdrop = container.querySelector<HTMLElement>('.modal-backdrop')!;
  return { onConfirm, onCancel, backdrop, user: userEvent.setup() };
}

describe('ConfirmDialog and the mouse', () => {
  // The second click of a double click on the button that opened the dialog lands on the backdrop:
  // it took the focus to the page's body, where neither Enter nor Esc reached the dialog.
  it('a click on the backdrop leaves the focus in the dialog, so Enter still confirms', async () => {
    const { onConfirm, backdrop, user } = asked();
    expect(screen.getByRole('button', { name: 'Sí, guardar (Enter)' })).toHaveFocus();
    await user.click(backdrop);
    expect(screen.getByRole('button', { name: 'Sí, guardar (Enter)' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('and Esc still cancels', async () => {
    const { onCancel, backdrop, user } = asked();
    await user.click(backdrop);
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
