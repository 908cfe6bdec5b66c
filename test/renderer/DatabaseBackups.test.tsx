import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import { dbBackupsCreate, dbBackupsList, dbBackupsRestore, type DbBackup } from '../../shared/contracts/dbBackups';
import { jobsGet, type JobState } from '../../shared/contracts/jobs';
import { DatabaseBackups } from '../../renderer/src/features/settings/DatabaseBackups';
import { signedIn } from './fixtures';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const PROGRESS = { rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 0, stage: null };

const ADMIN: SessionUser = { id: 'u1', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' };

const copy = (day: number): DbBackup => ({
  id: `b${day}`,
  kind: 'DIARIO',
  fileName: `recupera-UIO-INAQUITO-01-202612${String(day).padStart(2, '0')}-090000-diario.sqlite`,
  folder: '/datos/copias',
  createdAt: `2026-12-${String(day).padStart(2, '0')}T14:00:00.000Z`,
  sizeBytes: 1_048_576,
  schemaVersion: 20,
  present: true,
});

beforeEach(() => {
  resetApi();
  signedIn(ADMIN);
});

describe('Configuración → Copias de seguridad', () => {
  it('takes the keyboard to the restore question (on Cancelar), and Esc leaves it without restoring', async () => {
    answer(dbBackupsList, () => ({ ok: true, value: { folder: '/datos/copias', isDefault: true, backups: [1, 2, 3, 4, 5, 6, 7].map(copy) } }));
    const user = userEvent.setup();
    render(<DatabaseBackups />);
    const first = await screen.findByRole('button', { name: /Restaurar la copia del 01\/12\/2026/ });
    await user.click(first);
    const dialog = screen.getByRole('alertdialog', { name: /¿Restaurar la copia del 01\/12\/2026/ });
    expect(within(dialog).getByRole('button', { name: 'Cancelar' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(callsTo(dbBackupsRestore)).toHaveLength(0);
  });
});

describe('Configuración → Copias de seguridad: making one', () => {
  it('gives «Crear copia ahora» the keyboard back once the copy is made (disabled meanwhile, it had dropped it)', async () => {
    const user = userEvent.setup();
    answer(dbBackupsList, () => ({ ok: true, value: { folder: '/datos/copias', isDefault: true, backups: [copy(3)] } }));
    answer(dbBackupsCreate, () => ({ ok: true, value: { jobId: 'j1' } }));
    let polls = 0;
    answer(jobsGet, ({ jobId }): { ok: true; value: JobState } => ({
      ok: true,
      value:
        ++polls < 2
          ? { id: jobId, kind: 'dbBackup', status: 'running', progress: PROGRESS }
          : { id: jobId, kind: 'dbBackup', status: 'done', progress: PROGRESS, result: { id: 'b9', kind: 'MANUAL', path: '/datos/copias/nueva.sqlite', sizeBytes: 2_097_152, sha256: 'a'.repeat(64), schemaVersion: 20, archiveCopied: 0, removed: 0 } },
    }));
    render(<DatabaseBackups />);
    const make = await screen.findByRole('button', { name: 'Crear copia ahora' });
    await user.click(make);
    // Chromium drops the focus of a button that becomes disabled to the page's body; jsdom keeps it
    // (and blur() does nothing on a disabled button): the focus is sent to the body as Chromium does.
    await screen.findByRole('button', { name: 'Creando copia…' });
    act(() => {
      const elsewhere = document.body.appendChild(document.createElement('input'));
      elsewhere.focus();
      elsewhere.remove();
    });
    expect(document.body).toHaveFocus();
    expect(await screen.findByText(/Copia creada: \/datos\/copias\/nueva\.sqlite/, {}, { timeout: 3000 })).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Crear copia ahora' })).toHaveFocus());
  });
});
