import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backupsCheckDocument } from '../../shared/contracts/backups';
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
  answer(backupsCheckDocument, () => ({ ok: true, value: { mime: 'application/pdf' as const, size: 8 } }));
});

async function terceroForm() {
  useAttend.getState().clear();
  useAttend.getState().startHandover(customerCard());
  const user = userEvent.setup();
  const view = render(<RegisterHandover />);
  await user.type(screen.getByLabelText('Escanee o escriba la serie y pulse Enter'), 'HW-0001{Enter}');
  await user.click(screen.getByLabelText('Un tercero con autorización'));
  await user.type(screen.getByLabelText('Identificación de quien entrega'), '0102030400');
  await user.type(screen.getByLabelText('Nombre de quien entrega'), 'ANA ANDRADE');
  await user.click(screen.getByLabelText('Recibí la carta de autorización y la copia de cédula del titular'));
  return { user, ...view };
}

describe('tercero documents', () => {
  it('attaches the letter and the holder ID copy at the desk and sends them with the acta', async () => {
    const { user, container } = await terceroForm();
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

  it('refuses a bad file beside its chooser as soon as it is chosen, and does not keep it', async () => {
    const refusal = 'El archivo «carta.pdf» dice ser un PDF pero no tiene la estructura de uno (no contiene objetos). Elija otro archivo: el documento escaneado como PDF, JPG o PNG.';
    answer(backupsCheckDocument, ({ file }) => (file.name === 'carta.pdf' ? { ok: false, error: { kind: 'validation', message: refusal } } : { ok: true, value: { mime: 'application/pdf' as const, size: 8 } }));
    const { user, container } = await terceroForm();
    await user.upload(screen.getByLabelText('Carta de autorización'), pdf('carta.pdf'));
    expect(callsTo(backupsCheckDocument)).toEqual([{ file: { token: tokenFor('carta.pdf'), name: 'carta.pdf' } }]);
    const chooser = screen.getByRole('button', { name: /\(Carta de autorización\)$/ });
    expect(await screen.findByRole('alert')).toHaveTextContent(refusal);
    // Told on the chooser itself (a screen reader hears it there too), and the file is not listed.
    expect(chooser).toHaveAccessibleDescription(`Ningún archivo elegido ${refusal}`);
    expect(screen.queryByRole('button', { name: 'Quitar carta.pdf' })).not.toBeInTheDocument();
    expect((await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })).violations).toEqual([]);
    // Another file for the same document clears the refusal and is kept.
    await user.upload(screen.getByLabelText('Carta de autorización'), pdf('carta-firmada.pdf'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(chooser).toHaveAccessibleDescription('carta-firmada.pdf');
    await user.click(screen.getByRole('button', { name: /Guardar y generar acta/ }));
    await user.click(within(screen.getByRole('dialog', { name: '¿Guardar el acta?' })).getByRole('button', { name: 'Sí, guardar (Enter)' }));
    expect(callsTo(handoversSave)[0]!.documents).toEqual([{ token: tokenFor('carta-firmada.pdf'), name: 'carta-firmada.pdf', kind: 'AUTORIZACION' }]);
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
