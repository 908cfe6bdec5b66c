import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import type { OutputOf } from '../../shared/contracts/contract';
import { sharedFolderGet } from '../../shared/contracts/sharedFolder';
import { updatesApply, updatesPublish, updatesStatus, type NationalUpdateEntry } from '../../shared/contracts/updates';
import { fail } from '../../shared/result';
import { NationalUpdates } from '../../renderer/src/features/updates/NationalUpdates';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

type Status = OutputOf<typeof updatesStatus>;
const COORDINATOR: SessionUser = { id: 'u2', username: 'carla', fullName: 'Carla Coordinadora', role: 'COORDINADOR' };
const POSVENTA: SessionUser = { id: 'u3', username: 'pablo', fullName: 'Pablo Posventa', role: 'POSVENTA' };
const counts = { customers: 2, services: 3, handovers: 1, voids: 0, backups: 0, stations: 3 };
const entry = (direction: NationalUpdateEntry['direction'], seq: number, sinceSeq: number | null): NationalUpdateEntry => ({
  direction,
  seq,
  kind: sinceSeq ? 'INCREMENTAL' : 'COMPLETA',
  sinceSeq,
  central: 'PV-01',
  fileName: `NACIONAL_000${seq}_20261202-1500.recupera-nacional`,
  snapshotAt: '2026-12-02T15:00:00.000Z',
  recordedAt: '2026-12-02T16:00:00.000Z',
  counts,
  path: direction === 'PUBLICADA' ? `/datos/actualizaciones/NACIONAL_000${seq}.recupera-nacional` : null,
});

function signIn(user: SessionUser) {
  useApp.setState({
    info: {
      version: '0.1.0',
      station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' },
      initialized: true,
      needsAdmin: false,
      user,
      counts: { customers: 0, services: 0, items: 0 },
    },
  });
}

beforeEach(() => {
  resetApi();
  answer(sharedFolderGet, () => ({ ok: true, value: { path: null, reachable: false, problem: null } }));
});

describe('Actualizaciones nacionales', () => {
  it('at an office says plainly which update it is up to date with, and shows a refusal as an error', async () => {
    const applied = entry('APLICADA', 7, 6);
    answer(updatesStatus, (): { ok: true; value: Status } => ({ ok: true, value: { role: 'OFICINA', lastPublished: null, lastApplied: applied, recent: [applied] } }));
    answer(updatesApply, () => fail('refused', 'Falta la actualización N.º 8: aplíquela primero o pida una completa.'));
    signIn(COORDINATOR);
    render(<NationalUpdates />);
    expect(await screen.findByRole('status', { name: 'Estado de las actualizaciones' })).toHaveTextContent('Al día con la actualización N.º 7 del 02/12/2026');
    expect(screen.queryByRole('button', { name: 'Publicar actualización' })).toBeNull();
    const rows = within(screen.getByRole('region', { name: 'Actualizaciones aplicadas' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Incremental desde la N.º 6');
    expect(rows[1]).toHaveTextContent('2 clientes, 3 servicios, 1 acta, 0 anulaciones, 0 respaldos, 3 estaciones');

    const user = userEvent.setup();
    const apply = screen.getByRole('button', { name: 'Aplicar la actualización' });
    expect(apply).toBeDisabled();
    await user.upload(screen.getByLabelText('Archivo de actualización nacional (.recupera-nacional)'), new File(['x'], 'NACIONAL_0009.recupera-nacional'));
    await user.click(apply);
    expect(await screen.findByRole('alert')).toHaveTextContent('Falta la actualización N.º 8');
    expect(callsTo(updatesApply)).toEqual([{ path: '/subidos/NACIONAL_0009.recupera-nacional', name: 'NACIONAL_0009.recupera-nacional' }]);
  });

  it('at the central publishes incrementally since the chosen update, and lists the published ones with a copy to save', async () => {
    const published = [entry('PUBLICADA', 2, 1), entry('PUBLICADA', 1, null)];
    answer(updatesStatus, (): { ok: true; value: Status } => ({ ok: true, value: { role: 'CENTRAL', lastPublished: published[0]!, lastApplied: null, recent: published } }));
    answer(updatesPublish, () => fail('refused', 'Solo la estación central publica.'));
    signIn(POSVENTA);
    render(<NationalUpdates />);
    const list = await screen.findByRole('region', { name: 'Actualizaciones publicadas' });
    expect(within(list).getByRole('button', { name: 'Guardar una copia de NACIONAL_0002_20261202-1500.recupera-nacional' })).toBeVisible();

    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Incremental: solo lo cambiado desde una actualización publicada'));
    await user.selectOptions(screen.getByLabelText('Desde la actualización'), '1');
    await user.click(screen.getByRole('button', { name: 'Publicar actualización' }));
    expect(callsTo(updatesPublish)).toEqual([{ sinceSeq: 1 }]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Solo la estación central publica.');
  });
});
