import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handoversGet, handoversPdf, handoversVoid } from '../../shared/contracts/handovers';
import { ActaScreen } from '../../renderer/src/features/actas/ActaScreen';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, resetApi } from './apiMock';
import { savedActa } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const frame = () => screen.getByTitle(/^Vista previa del acta/) as HTMLIFrameElement;

// jsdom has no print dialog: every frame's window gets this one, so a print is seen whichever
// frame it came from and whenever jsdom fires the frame's load event.
const print = vi.fn();
const realContentWindow = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;

afterEach(() => {
  Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', realContentWindow);
});

beforeEach(() => {
  resetApi();
  print.mockClear();
  Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', { configurable: true, get: () => ({ print }) });
  answer(handoversGet, () => ({ ok: true, value: savedActa('acta-1') }));
  answer(handoversPdf, ({ reprint }) => ({
    ok: true,
    value: { path: '/datos/actas/acta.pdf', html: `<p>${reprint ? 'REIMPRESIÓN' : 'ORIGINAL'}</p>`, warning: null },
  }));
});

describe('Acta: imprimir y reimprimir', () => {
  async function opened() {
    const user = userEvent.setup();
    render(<ActaScreen actaId="acta-1" />);
    await screen.findByTitle(/^Vista previa del acta/);
    fireEvent.load(frame());
    return user;
  }

  it('"Imprimir" opens the frame\'s print dialog; opening the acta does not', async () => {
    const user = await opened();
    expect(print).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Imprimir' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('"Reimprimir" asks for a reprint and prints it once it is in the frame, not only the preview', async () => {
    const user = await opened();
    await user.click(screen.getByRole('button', { name: 'Reimprimir' }));
    await vi.waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('REIMPRESIÓN'));
    expect(callsTo(handoversPdf)).toEqual([
      { id: 'acta-1', reprint: false },
      { id: 'acta-1', reprint: true },
    ]);
    fireEvent.load(frame());
    expect(print).toHaveBeenCalledTimes(1);
    // Only that load prints: the frame loading again does not open the dialog twice.
    fireEvent.load(frame());
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('prints a reprint even when its HTML is the same as what is shown', async () => {
    answer(handoversPdf, () => ({ ok: true, value: { path: '/datos/actas/acta.pdf', html: '<p>REIMPRESIÓN</p>', warning: null } }));
    const user = await opened();
    const before = frame();
    await user.click(screen.getByRole('button', { name: 'Reimprimir' }));
    await vi.waitFor(() => expect(frame()).not.toBe(before));
    fireEvent.load(frame());
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('Acta: el registro antes que su PDF', () => {
  it('shows the saved acta, its number and that its PDF is being made while the PDF is not ready, then the preview', async () => {
    let release: () => void = () => undefined;
    answer(handoversPdf, () => new Promise((resolve) => (release = () => resolve({ ok: true, value: { path: '/datos/actas/acta.pdf', html: '<p>ORIGINAL</p>', warning: null } }))));
    render(<ActaScreen actaId="acta-1" />);
    const title = await screen.findByRole('heading', { name: 'Acta UIO-INAQUITO-01-2026-000001' });
    expect(screen.getByRole('status').textContent).toBe('Generando el PDF del acta…');
    expect((screen.getByRole('button', { name: 'Imprimir' }) as HTMLButtonElement).disabled).toBe(true);
    // The focus waits on the acta, not on the page's body; Imprimir takes it once there is something to print.
    expect(title).toHaveFocus();
    release();
    await screen.findByTitle(/^Vista previa del acta/);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: 'Imprimir' })).toHaveFocus();
  });

  it('offers nothing to print while a new document is made: the old one no longer matches the record', async () => {
    const user = userEvent.setup();
    render(<ActaScreen actaId="acta-1" />);
    await screen.findByTitle(/^Vista previa del acta/);
    let release: () => void = () => undefined;
    answer(handoversPdf, () => new Promise((resolve) => (release = () => resolve({ ok: true, value: { path: '/datos/actas/acta.pdf', html: '<p>REIMPRESIÓN</p>', warning: null } }))));
    await user.click(screen.getByRole('button', { name: 'Reimprimir' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Generando el PDF del acta…');
    expect(screen.queryByTitle(/^Vista previa del acta/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Imprimir' })).toBeDisabled();
    release();
    await vi.waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('REIMPRESIÓN'));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('keeps the acta shown and says why when its PDF cannot be made', async () => {
    answer(handoversPdf, () => ({ ok: false, error: { kind: 'internal', message: 'No se pudo generar el PDF del acta a tiempo.' } }));
    render(<ActaScreen actaId="acta-1" />);
    expect(await screen.findByText('No se pudo generar el PDF del acta a tiempo.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Acta UIO-INAQUITO-01-2026-000001' })).toBeTruthy();
    expect(screen.queryByText('Generando el PDF del acta…')).toBeNull();
  });
});

describe('Acta: reimprimir una vez; anular con el teclado', () => {
  it('a double click on "Reimprimir" asks for one reprint, not two', async () => {
    const user = userEvent.setup();
    render(<ActaScreen actaId="acta-1" />);
    await screen.findByTitle(/^Vista previa del acta/);
    // The reprint takes its time, as a PDF does: the second click comes while it is being made.
    let release: () => void = () => undefined;
    answer(handoversPdf, () => new Promise((resolve) => (release = () => resolve({ ok: true, value: { path: '/datos/actas/acta.pdf', html: '<p>REIMPRESIÓN</p>', warning: null } }))));
    await user.dblClick(screen.getByRole('button', { name: 'Reimprimir' }));
    release();
    await vi.waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('REIMPRESIÓN'));
    expect(callsTo(handoversPdf).filter((c) => c.reprint)).toHaveLength(1);
  });

  async function voiding() {
    useApp.setState({
      info: {
        version: '0.1.0',
        station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' },
        initialized: true,
        needsAdmin: false,
        user: { id: 'u2', username: 'coord', fullName: 'Carla Coordinadora', role: 'COORDINADOR' },
        counts: null,
      },
    });
    const voided = { ...savedActa('acta-1'), voided: { at: '2026-03-02T16:00:00.000Z', by: 'Carla Coordinadora', reason: 'Error de digitación' } };
    answer(handoversVoid, () => ({ ok: true, value: voided }));
    const user = userEvent.setup();
    render(<ActaScreen actaId="acta-1" />);
    await screen.findByTitle(/^Vista previa del acta/);
    await user.click(screen.getByRole('button', { name: 'Anular acta' }));
    answer(handoversGet, () => ({ ok: true, value: voided }));
    return user;
  }

  it('Enter in the reason voids the acta', async () => {
    const user = await voiding();
    await user.type(screen.getByLabelText('Motivo de la anulación'), 'Error de digitación{Enter}');
    await vi.waitFor(() => expect(callsTo(handoversVoid)).toEqual([{ id: 'acta-1', reason: 'Error de digitación' }]));
    await screen.findByText('Anulada');
    // The voided copy the void archived is shown: no reprint is asked for (it would be archived and audited as one).
    await vi.waitFor(() => expect(callsTo(handoversPdf)).toEqual([
      { id: 'acta-1', reprint: false },
      { id: 'acta-1', reprint: false },
    ]));
  });

  it('says a refused reason once, beside its field', async () => {
    const user = await voiding();
    answer(handoversVoid, () => ({ ok: false, error: { kind: 'validation', message: 'Escriba el motivo de la anulación.', fields: { reason: 'Escriba el motivo de la anulación.' } } }));
    await user.click(screen.getByRole('button', { name: 'Confirmar anulación' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Motivo de la anulación')).toHaveAccessibleDescription(/Escriba el motivo de la anulación\./));
    expect(screen.getAllByText('Escriba el motivo de la anulación.')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Esc in the reason closes it and stays on the acta, with the focus on "Anular acta"', async () => {
    const user = await voiding();
    await user.type(screen.getByLabelText('Motivo de la anulación'), 'Err{Escape}');
    expect(screen.queryByLabelText('Motivo de la anulación')).toBeNull();
    expect(screen.getByRole('button', { name: 'Anular acta' })).toHaveFocus();
    expect(callsTo(handoversVoid)).toEqual([]);
  });
});
