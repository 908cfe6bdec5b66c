import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/contracts/app';
import type { OutputOf } from '../../shared/contracts/contract';
import {
  stationsEnrol,
  stationsIdentity,
  stationsList,
  stationsReadIdentityFile,
  stationsSaveIdentity,
  stationsTrustCentral,
  type IdentityPreview,
} from '../../shared/contracts/stations';
import { fail } from '../../shared/result';
import { StationTrust } from '../../renderer/src/features/settings/StationTrust';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi, saveReport, tokenFor } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const OFFICE_FP = '7KQ2-M9XD-4HTA-P0ZC';
const CENTRAL_FP = 'QW3R-T8YB-NM2K-5JHD';
const NEW_CENTRAL_FP = 'ZX9C-V7BN-1M2A-S3DF';
const ADMIN: SessionUser = { id: 'u1', username: 'admin', fullName: 'Ana Administradora', role: 'ADMIN' };

type Identity = OutputOf<typeof stationsIdentity>;
const office = (central: Identity['central']): Identity => ({
  local: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito', role: 'OFICINA' as const, fingerprint: OFFICE_FP, keyProblem: null },
  central,
});
const trusted = { code: 'PV-01', office: 'Posventa', regional: null, city: null, role: 'CENTRAL' as const, fingerprint: CENTRAL_FP, trustedAt: '2026-03-01T15:00:00.000Z' };

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

const preview = (p: Partial<IdentityPreview>): IdentityPreview => ({
  stationId: 's1',
  code: 'PV-01',
  office: 'Posventa',
  regional: null,
  city: null,
  role: 'CENTRAL' as const,
  fingerprint: CENTRAL_FP,
  createdAt: '2026-03-01T15:00:00.000Z',
  action: 'NUEVA',
  previous: null,
  ...p,
});
const idFile = (name: string) => new File(['{}'], name, { type: 'application/json' });

beforeEach(() => {
  resetApi();
  signIn(ADMIN);
  answer(stationsList, () => ({ ok: true, value: { role: 'OFICINA' as const, stations: [], events: [] } }));
  answer(stationsSaveIdentity, () => ({
    ok: true,
    value: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito', role: 'OFICINA' as const, fingerprint: OFFICE_FP, path: '/datos/identidad/identidad_UIO-INAQUITO-01.json', fileName: 'identidad_UIO-INAQUITO-01.json' },
  }));
});

describe('Identidad y confianza', () => {
  it('shows the station fingerprint to read aloud and saves its identity file', async () => {
    answer(stationsIdentity, () => ({ ok: true, value: office(null) }));
    const user = userEvent.setup();
    render(<StationTrust />);
    const section = await screen.findByRole('region', { name: 'Identidad y confianza' });
    expect(within(section).getByRole('group', { name: 'Huella de esta estación: 7KQ2, M9XD, 4HTA, P0ZC' })).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Guardar identidad…' }));
    expect(saveReport).toHaveBeenCalledWith('/datos/identidad/identidad_UIO-INAQUITO-01.json', 'identidad_UIO-INAQUITO-01.json');
    expect(await within(section).findByRole('status')).toHaveTextContent('Identidad lista: identidad_UIO-INAQUITO-01.json');
  });

  it('at an office without a central: asks to trust one, shows the file fingerprint, and trusts it only once confirmed', async () => {
    let current = office(null);
    answer(stationsIdentity, () => ({ ok: true, value: current }));
    answer(stationsReadIdentityFile, () => ({ ok: true, value: preview({}) }));
    answer(stationsTrustCentral, () => {
      current = office(trusted);
      return { ok: true, value: { code: 'PV-01', office: 'Posventa', regional: null, city: null, role: 'CENTRAL' as const, status: 'CONFIADA' as const, fingerprint: CENTRAL_FP, previousFingerprint: null, message: `Esta oficina confía ahora en la central PV-01 (Posventa), huella ${CENTRAL_FP}.` } };
    });
    const user = userEvent.setup({ applyAccept: false });
    render(<StationTrust />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Confíe en la central de Posventa.');

    await user.upload(screen.getByLabelText('Archivo de identidad de la central de Posventa (.json)'), idFile('identidad_PV-01.json'));
    expect(callsTo(stationsReadIdentityFile)).toEqual([{ file: { token: tokenFor('identidad_PV-01.json'), name: 'identidad_PV-01.json' } }]);
    const form = await screen.findByRole('form', { name: 'Central PV-01' });
    expect(within(form).getByRole('group', { name: 'Huella del archivo: QW3R, T8YB, NM2K, 5JHD' })).toBeInTheDocument();
    const trust = within(form).getByRole('button', { name: 'Confiar en esta central' });
    expect(trust).toBeDisabled();
    expect(callsTo(stationsTrustCentral)).toEqual([]);

    await user.click(within(form).getByRole('checkbox', { name: 'Confirmo que la huella coincide' }));
    await user.click(trust);
    expect(callsTo(stationsTrustCentral)).toEqual([{ file: { token: tokenFor('identidad_PV-01.json'), name: 'identidad_PV-01.json' }, fingerprint: CENTRAL_FP }]);
    expect(await screen.findByText(`Esta oficina confía ahora en la central PV-01 (Posventa), huella ${CENTRAL_FP}.`)).toBeInTheDocument();
    expect(await screen.findByRole('group', { name: 'Huella de la central: QW3R, T8YB, NM2K, 5JHD' })).toBeInTheDocument();
  });

  it('replacing the trusted central needs a motivo, and a refusal is shown with its reason', async () => {
    answer(stationsIdentity, () => ({ ok: true, value: office(trusted) }));
    answer(stationsReadIdentityFile, ({ file }) =>
      file.name.endsWith('oficina.json')
        ? fail('refused', 'Ese archivo es la identidad de la oficina GYE-01, no de la central de Posventa.')
        : { ok: true, value: preview({ fingerprint: NEW_CENTRAL_FP, action: 'REEMPLAZO', previous: { code: 'PV-01', office: 'Posventa', fingerprint: CENTRAL_FP } }) },
    );
    answer(stationsTrustCentral, () => ({
      ok: true,
      value: { code: 'PV-01', office: 'Posventa', regional: null, city: null, role: 'CENTRAL' as const, status: 'REEMPLAZADA' as const, fingerprint: NEW_CENTRAL_FP, previousFingerprint: CENTRAL_FP, message: 'Se reemplazó la central.' },
    }));
    const user = userEvent.setup({ applyAccept: false });
    render(<StationTrust />);
    await user.click(await screen.findByRole('button', { name: 'Reemplazar la central…' }));

    const input = screen.getByLabelText('Archivo de identidad de la central de Posventa (.json)');
    await user.upload(input, idFile('oficina.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent('no de la central de Posventa');

    await user.upload(input, idFile('central-nueva.json'));
    const form = await screen.findByRole('form', { name: 'Central PV-01' });
    expect(within(form).getByRole('alert')).toHaveTextContent(`Clave actual: PV-01, huella ${CENTRAL_FP}`);
    await user.click(within(form).getByRole('checkbox', { name: 'Confirmo que la huella coincide' }));
    const replace = within(form).getByRole('button', { name: 'Reemplazar la central' });
    expect(replace).toBeDisabled();
    await user.type(within(form).getByRole('textbox', { name: 'Motivo del reemplazo' }), 'Posventa cambió de computadora');
    await user.click(replace);
    expect(callsTo(stationsTrustCentral)).toEqual([{ file: { token: tokenFor('central-nueva.json'), name: 'central-nueva.json' }, fingerprint: NEW_CENTRAL_FP, reason: 'Posventa cambió de computadora' }]);
    expect(await screen.findByText('Se reemplazó la central.')).toBeInTheDocument();
  });

  it('at the central: lists enrolled stations and key changes, and enrols an office from its file', async () => {
    answer(stationsIdentity, () => ({
      ok: true,
      value: { local: { code: 'PV-01', office: 'Posventa', regional: null, city: null, role: 'CENTRAL' as const, fingerprint: CENTRAL_FP, keyProblem: null }, central: trusted },
    }));
    answer(stationsList, () => ({
      ok: true,
      value: {
        role: 'CENTRAL' as const,
        stations: [
          { code: 'PV-01', office: 'Posventa', regional: null, city: null, role: 'CENTRAL' as const, local: true, fingerprint: CENTRAL_FP, trustedAt: '2026-03-01T15:00:00.000Z' },
          { code: 'GYE-CENTRO-01', office: 'CAC Centro', regional: null, city: null, role: 'OFICINA' as const, local: false, fingerprint: NEW_CENTRAL_FP, trustedAt: '2026-03-02T15:00:00.000Z' },
        ],
        events: [{ id: 'e1', stationCode: 'GYE-CENTRO-01', event: 'REGISTRADA' as const, fingerprint: NEW_CENTRAL_FP, previousFingerprint: null, reason: null, userName: 'Ana Administradora', at: '2026-03-02T15:00:00.000Z' }],
      },
    }));
    answer(stationsReadIdentityFile, () => ({ ok: true, value: preview({ code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', role: 'OFICINA' as const, fingerprint: OFFICE_FP }) }));
    answer(stationsEnrol, () => ({
      ok: true,
      value: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: null, role: 'OFICINA' as const, status: 'REGISTRADA' as const, fingerprint: OFFICE_FP, previousFingerprint: null, message: 'Estación UIO-INAQUITO-01 (CAC Iñaquito) registrada.' },
    }));
    const user = userEvent.setup({ applyAccept: false });
    render(<StationTrust />);
    const enrolled = await screen.findByRole('table', { name: 'Estaciones registradas (1)' });
    expect(within(enrolled).getByRole('row', { name: /GYE-CENTRO-01 CAC Centro/ })).toHaveTextContent(NEW_CENTRAL_FP);
    expect(screen.getByRole('table', { name: 'Historial de claves' })).toHaveTextContent('Estación registrada');

    await user.upload(screen.getByLabelText('Archivo de identidad de la oficina (.json)'), idFile('identidad_UIO.json'));
    const form = await screen.findByRole('form', { name: 'Oficina UIO-INAQUITO-01' });
    await user.click(within(form).getByRole('checkbox', { name: 'Confirmo que la huella coincide' }));
    await user.click(within(form).getByRole('button', { name: 'Registrar esta estación' }));
    expect(callsTo(stationsEnrol)).toEqual([{ file: { token: tokenFor('identidad_UIO.json'), name: 'identidad_UIO.json' }, fingerprint: OFFICE_FP }]);
    // The form's confirmation is gone: the focus is on what was done, not lost to the page.
    expect(await screen.findByText('Estación UIO-INAQUITO-01 (CAC Iñaquito) registrada.')).toHaveFocus();
    expect(callsTo(stationsList).length).toBeGreaterThan(1);
  });

  it('shows a clerk who the station is, without the actions', async () => {
    signIn({ id: 'c1', username: 'asesor', fullName: 'Asesor Uno', role: 'ASESOR' });
    answer(stationsIdentity, () => ({ ok: true, value: office(null) }));
    render(<StationTrust />);
    expect(await screen.findByRole('group', { name: /Huella de esta estación/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Guardar identidad…' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Archivo de identidad de la central de Posventa (.json)')).not.toBeInTheDocument();
    expect(screen.getByText('Pida a un administrador que lo haga.')).toBeInTheDocument();
  });
});
