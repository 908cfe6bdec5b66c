import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedFolderPackages, type SharedPackage } from '../../shared/contracts/sharedFolder';
import { syncConsolidate } from '../../shared/contracts/sync';
import { SharedPackages } from '../../renderer/src/features/sync/SharedPackages';
import type { RunJob } from '../../renderer/src/api/useJob';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const pkg = (name: string, refused?: SharedPackage['refused']): SharedPackage => ({
  name,
  token: `tok_${name.replace(/\W/g, '_')}`.padEnd(20, '_'),
  size: 20_480,
  modifiedAt: '2026-12-04T15:00:00.000Z',
  ...(refused ? { refused } : {}),
});

beforeEach(() => {
  resetApi();
  answer(sharedFolderPackages, () => ({
    ok: true,
    value: {
      folder: 'Z:\\recupera\\paquetes',
      packages: [
        pkg('UIO-01_20261204-1500.recupera'),
        pkg('GYE-02_20261203-0900.recupera', { at: '2026-12-04T16:00:00.000Z', reason: 'La estación GYE-02 no está registrada en esta central.' }),
      ],
    },
  }));
  answer(syncConsolidate, () => ({ ok: true, value: { jobId: 'j1' } }));
});

describe('packages in the shared folder', () => {
  it('lists a package refused before apart, with why, and consolidates only the new ones unless asked', async () => {
    const user = userEvent.setup();
    const run = vi.fn(async () => ({ ok: false as const, error: { kind: 'refused' as const, message: 'Consolidación cancelada.' }, cancelled: true }));
    const { container } = render(<SharedPackages run={run as unknown as RunJob} reload={() => {}} onResult={() => {}} />);
    const fresh = await screen.findByRole('list', { name: 'Paquetes de la carpeta compartida' });
    expect(within(fresh).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('UIO-01_20261204-1500.recupera')]);
    const refused = screen.getByRole('list', { name: 'Paquetes de la carpeta compartida rechazados antes' });
    expect(refused).toHaveTextContent('GYE-02_20261203-0900.recupera');
    expect(refused).toHaveTextContent('Rechazado el 04/12/2026');
    expect(refused).toHaveTextContent('no está registrada en esta central');

    await user.click(screen.getByRole('button', { name: 'Consolidar los paquetes de la carpeta compartida (1)' }));
    expect(callsTo(syncConsolidate)).toEqual([{ packages: [{ token: pkg('UIO-01_20261204-1500.recupera').token, name: 'UIO-01_20261204-1500.recupera' }] }]);
    await user.click(screen.getByRole('button', { name: 'Intentar de nuevo con los rechazados (1)' }));
    expect(callsTo(syncConsolidate)[1]).toEqual({ packages: [{ token: pkg('GYE-02_20261203-0900.recupera').token, name: 'GYE-02_20261203-0900.recupera' }] });

    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations.map((v) => v.id)).toEqual([]);
  });
});
