import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveReport } from '../../renderer/src/api/client';
import { useNotice } from '../../renderer/src/api/notice';
import { NoticeBar } from '../../renderer/src/components/NoticeBar';

function desktop(answer: unknown) {
  const saveCopy = vi.fn(() => Promise.resolve(answer));
  window.recupera = { mode: 'electron', invoke: vi.fn(), fileToken: vi.fn(), saveCopy, viewDocument: vi.fn() };
  return saveCopy;
}

afterEach(() => {
  delete window.recupera;
  useNotice.getState().clear();
});

describe('saving a copy from the desktop', () => {
  it('says where the copy went', async () => {
    const saveCopy = desktop({ ok: true, value: { saved: true, path: 'D:\\Posventa\\DEP-2026-0001_base.xlsx' } });
    render(<NoticeBar />);
    await act(() => saveReport('/datos/depuraciones/x.xlsx', 'DEP-2026-0001_base.xlsx'));
    expect(saveCopy).toHaveBeenCalledWith({ path: '/datos/depuraciones/x.xlsx', suggestedName: 'DEP-2026-0001_base.xlsx' });
    expect(screen.getByRole('status')).toHaveTextContent('Copia guardada en D:\\Posventa\\DEP-2026-0001_base.xlsx.');
    await userEvent.click(screen.getByRole('button', { name: 'Cerrar' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says why the copy failed, in the shell’s own Spanish words', async () => {
    desktop({ ok: false, error: { kind: 'refused', message: 'No hay espacio suficiente en el disco de la carpeta E:\\.' } });
    render(<NoticeBar />);
    await act(() => saveReport('/datos/paquetes/p.recupera', 'p.recupera'));
    expect(screen.getByRole('alert')).toHaveTextContent('No hay espacio suficiente en el disco de la carpeta E:\\.');
  });

  it('stays quiet when the user closes the dialog without saving', async () => {
    desktop({ ok: true, value: { saved: false } });
    render(<NoticeBar />);
    await act(() => saveReport('/datos/reportes/r.xlsx', 'r.xlsx'));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
