import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handoversAttachDocuments, handoversGet, handoversPdf, handoversSave, handoversSerialOwner, type ActaView } from '../../shared/contracts/handovers';
import { ActaScreen } from '../../renderer/src/features/actas/ActaScreen';
import { RegisterHandover } from '../../renderer/src/features/handover/RegisterHandover';
import { useAttend } from '../../renderer/src/features/handover/store';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi, tokenFor } from './apiMock';
import { customerCard, savedActa } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const pdf = (name: string) => new File(['%PDF-1.4'], name, { type: 'application/pdf' });

function terceroActa(documents: ActaView['documents'] = []): ActaView {
  return { ...savedActa('acta-1'), deliveredBy: 'TERCERO', thirdParty: { identification: '0102030400', name: 'ANA ANDRADE', documentsReceived: true }, documents };
}

beforeEach(() => {
  resetApi();
  answer(handoversSerialOwner, () => ({ ok: true, value: { owners: [] } }));
  answer(handoversSave, () => ({ ok: true, value: terceroActa() }));
});

describe('tercero documents', () => {
  it('attaches the letter and the holder ID copy at the desk and sends them with the acta', async () => {
    useAttend.getState().clear();
    useAttend.getState().startHandover(customerCard());
    const user = userEvent.setup();
    const { container } = render(<RegisterHandover />);
    await user.type(screen.getByLabelText('Escanee o escriba la serie y pulse Enter'), 'HW-0001{Enter}');
    await user.click(screen.getByLabelText('Un tercero con autorización'));
    await user.type(screen.getByLabelText('Identificación de quien entrega'), '0102030400');
    await user.type(screen.getByLabelText('Nombre de quien entrega'), 'ANA ANDRADE');
    await user.click(screen.getByLabelText('Recibí la carta de autorización y la copia de cédula del titular'));
    expect(screen.getByRole('button', { name: /^Elegir archivo…\s*\(Carta de autorización\)$/ })).toHaveAccessibleDescription('Ningún archivo elegido');
    await user.upload(screen.getByLabelText('Carta de autorización'), pdf('carta.pdf'));
    await user.upload(screen.getByLabelText('Copia de la cédula del titular'), pdf('cedula.pdf'));
    expect(screen.getByRole('button', { name: /\(Copia de la cédula del titular\)$/ })).toHaveAccessibleDescription('cedula.pdf');
    // Removing a file keeps the focus in the form, on that row's chooser; choosing again puts it back.
    await user.click(screen.getByRole('button', { name: 'Quitar cedula.pdf' }));
    expect(screen.getByRole('button', { name: /\(Copia de la cédula del titular\)$/ })).toHaveFocus();
    await user.upload(screen.getByLabelText('Copia de la cédula del titular'), pdf('cedula.pdf'));
    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations).toEqual([]);

    await user.click(screen.getByRole('button', { name: /Guardar y generar acta/ }));
    await user.click(within(screen.getByRole('dialog', { name: '¿Guardar el acta?' })).getByRole('button', { name: 'Sí, guardar (Enter)' }));
    expect(callsTo(handoversSave)[0]!.documents).toEqual([
      { token: tokenFor('carta.pdf'), name: 'carta.pdf', kind: 'AUTORIZACION' },
      { token: tokenFor('cedula.pdf'), name: 'cedula.pdf', kind: 'IDENTIFICACION_TITULAR' },
    ]);
  });

  it('the holder delivering sends no documents and shows no file choosers', async () => {
    useAttend.getState().clear();
    useAttend.getState().startHandover(customerCard());
    render(<RegisterHandover />);
    expect(screen.queryByText('Elegir archivo…')).not.toBeInTheDocument();
  });

  it('lists an acta’s documents and lets the clerk attach the ones scanned later', async () => {
    useApp.setState({ info: { ...useApp.getState().info!, user: { id: 'u1', username: 'asesor', fullName: 'Asesor Uno', role: 'ASESOR' } } });
    let current = terceroActa();
    answer(handoversGet, () => ({ ok: true, value: current }));
    answer(handoversPdf, () => ({ ok: true, value: { path: null, html: '<p>acta</p>', warning: null } }));
    const attached = terceroActa([
      { id: 'd1', kind: 'AUTORIZACION', sha256: 'a'.repeat(64), name: 'carta.pdf', mime: 'application/pdf', size: 8, createdAt: '2026-03-02T15:00:00.000Z', createdBy: 'Asesor Uno', purgedAt: null },
    ]);
    answer(handoversAttachDocuments, () => {
      current = attached;
      return { ok: true, value: attached };
    });
    const user = userEvent.setup();
    render(<ActaScreen actaId="acta-1" />);
    const panel = await screen.findByRole('region', { name: 'Documentos del tercero' });
    expect(panel).toHaveTextContent('Se marcó que los presentó, pero aún no se adjunta ninguno.');
    expect(within(panel).getByRole('button', { name: 'Adjuntar al acta' })).toBeDisabled();
    await user.upload(within(panel).getByLabelText('Carta de autorización'), pdf('carta.pdf'));
    await user.click(within(panel).getByRole('button', { name: 'Adjuntar al acta' }));
    expect(callsTo(handoversAttachDocuments)).toEqual([{ id: 'acta-1', documents: [{ token: tokenFor('carta.pdf'), name: 'carta.pdf', kind: 'AUTORIZACION' }] }]);
    expect(await within(panel).findByRole('button', { name: 'Ver carta.pdf' })).toBeInTheDocument();
    expect(panel).toHaveTextContent(/Carta de autorización: carta\.pdf · 02\/03\/2026/);
  });
});
