import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import type { OutputOf } from '../../shared/contracts/contract';
import { sharedFolderGet } from '../../shared/contracts/sharedFolder';
import { jobsGet, type JobState } from '../../shared/contracts/jobs';
import { updatesApply, updatesPublish, updatesStatus, type ApplyUpdateResult, type NationalUpdateEntry, type PublishResult } from '../../shared/contracts/updates';
import { fail } from '../../shared/result';
import { NationalUpdates } from '../../renderer/src/features/updates/NationalUpdates';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi, tokenFor } from './apiMock';

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
    expect(callsTo(updatesApply)).toEqual([{ file: { token: tokenFor('NACIONAL_0009.recupera-nacional'), name: 'NACIONAL_0009.recupera-nacional' } }]);
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

  const PROGRESS = { rowsRead: 0, bytesRead: 0, totalBytes: 0, rowsPerSecond: 0, secondsLeft: null, fraction: 1, stage: null };
  const allCounts = { customers: 2, services: 3, expectedItems: 4, handovers: 1, items: 2, voids: 0, backups: 0, conflicts: 0, stations: 3, settings: 1 };

  it('at the central says whom the published update is encrypted for, and names the offices that cannot open it', async () => {
    const result: PublishResult = {
      seq: 3,
      kind: 'COMPLETA',
      sinceSeq: null,
      snapshotAt: '2026-12-02T15:00:00.000Z',
      counts: allCounts,
      path: '/datos/actualizaciones/NACIONAL_0003_20261202-1500.recupera-nacional',
      fileName: 'NACIONAL_0003_20261202-1500.recupera-nacional',
      sha256: 'a'.repeat(64),
      recipients: [
        { code: 'GYE-01', office: 'CAC Centro Guayaquil' },
        { code: 'UIO-01', office: 'CAC Iñaquito' },
      ],
      withoutKey: [{ code: 'QUI-01', office: 'CAC Quito Norte' }],
    };
    const done: JobState = { id: 'p1', kind: 'publishUpdate', status: 'done', progress: PROGRESS, result };
    answer(updatesStatus, (): { ok: true; value: Status } => ({ ok: true, value: { role: 'CENTRAL', lastPublished: null, lastApplied: null, recent: [] } }));
    answer(updatesPublish, () => ({ ok: true, value: { jobId: 'p1' } }));
    answer(jobsGet, () => ({ ok: true, value: done }));
    signIn(POSVENTA);
    render(<NationalUpdates />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Publicar actualización' }));
    expect(await screen.findByRole('heading', { name: 'Actualización N.º 3 publicada' })).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('cifrada para las 2 oficinas registradas con llave de cifrado: solo ellas pueden abrirla');
    const unreadable = screen.getByLabelText('Oficinas que no podrán abrirla');
    expect(unreadable).toHaveTextContent('no tienen llave de cifrado');
    expect(within(unreadable).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['QUI-01 — CAC Quito Norte']);

    // «Publicar otra» takes its own button away: the focus comes to the form, not to the page's body.
    await user.click(screen.getByRole('button', { name: 'Publicar otra' }));
    expect(screen.getByRole('heading', { name: 'Publicar actualización' })).toHaveFocus();
  });

  it('at an office shows the notice of an update that came unencrypted', async () => {
    const changes = {
      customersInserted: 2, customersUpdated: 0, servicesInserted: 3, servicesUpdated: 0, expectedItemsInserted: 4, expectedItemsUpdated: 0, handoversInserted: 1, handoversUpdated: 0,
      itemsInserted: 2, voidsInserted: 0, backupsInserted: 0, reviews: 0, conflicts: 0, stations: 1, settings: 1, statuses: 2, renamedTo: null, heldBack: [],
    };
    const result: ApplyUpdateResult = {
      seq: 1, kind: 'COMPLETA', sinceSeq: null, central: 'PV-01', counts: allCounts, file: 'NACIONAL_0001.recupera-nacional', alreadyApplied: false, changes, seconds: 1,
      notice: 'La actualización llegó sin cifrar (de una versión anterior de Recupera en Posventa): se aplicó porque su firma es válida.',
    };
    answer(updatesStatus, (): { ok: true; value: Status } => ({ ok: true, value: { role: 'OFICINA', lastPublished: null, lastApplied: null, recent: [] } }));
    answer(updatesApply, () => ({ ok: true, value: { jobId: 'a1' } }));
    const done: JobState = { id: 'a1', kind: 'applyUpdate', status: 'done', progress: PROGRESS, result };
    answer(jobsGet, () => ({ ok: true, value: done }));
    signIn(COORDINATOR);
    render(<NationalUpdates />);
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Archivo de actualización nacional (.recupera-nacional)'), new File(['x'], 'NACIONAL_0001.recupera-nacional'));
    await user.click(screen.getByRole('button', { name: 'Aplicar la actualización' }));
    expect(await screen.findByRole('heading', { name: 'Actualización N.º 1 aplicada' })).toBeVisible();
    expect(screen.getByText(/llegó sin cifrar/)).toHaveTextContent('se aplicó porque su firma es válida');
  });
});
