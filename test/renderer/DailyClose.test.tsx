import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dailyCloseGet, dailyCloseSave, dailyCloseSign, type CloseLine, type DailyCloseView } from '../../shared/contracts/dailyClose';
import { closeTotals } from '../../shared/dailyClose';
import { DailyClose } from '../../renderer/src/features/dailyClose/DailyClose';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const line = (clerkId: string, clerkName: string, kind: CloseLine['kind'], type: string, label: string, recorded: number, counted: number | null = null): CloseLine => ({
  clerkId,
  clerkName,
  kind,
  type,
  label,
  recorded,
  current: recorded,
  counted,
});

function draft(over: Partial<DailyCloseView> = {}): DailyCloseView {
  const lines = over.lines ?? [line('c1', 'Asesor Uno', 'EQUIPO', 'MODEM', 'MODEM', 2), line('c1', 'Asesor Uno', 'ACCESORIO', 'CABLE', 'Cable', 1)];
  return {
    day: '2026-03-04',
    station: 'UIO-01',
    office: 'CAC Iñaquito',
    status: 'NUEVO',
    clerks: [{ clerkId: 'c1', clerkName: 'Asesor Uno', actas: 2 }],
    voidedActas: 0,
    lines,
    totals: closeTotals(lines),
    note: null,
    countedBy: null,
    countedAt: null,
    signedBy: null,
    signedAt: null,
    editable: true,
    ...over,
  };
}

beforeEach(() => {
  resetApi();
  answer(dailyCloseGet, () => ({ ok: true, value: draft() }));
});

describe('Cierre del día', () => {
  it('takes a count per line, says the discrepancy in words and totals it, and saves the draft', async () => {
    const user = userEvent.setup();
    const { container } = render(<DailyClose />);
    const modem = await screen.findByRole('textbox', { name: 'Contado: MODEM de Asesor Uno' });
    // A negative count is said as what is wanted, not as "not a whole number".
    await user.type(modem, '-1');
    expect(within(modem.closest('tr')!).getByText('Escriba un número entero de 0 o más.')).toBeTruthy();
    await user.clear(modem);
    await user.type(modem, '1');
    const row = modem.closest('tr')!;
    expect(within(row).getByText('Falta 1')).toBeTruthy();
    expect(row.textContent).toContain('≠');
    await user.tab();
    await user.type(screen.getByRole('textbox', { name: 'Contado: Cable de Asesor Uno' }), '1');
    expect(screen.getByText(/1 línea con diferencia/)).toBeTruthy();

    answer(dailyCloseSave, (input) => ({ ok: true, value: draft({ status: 'BORRADOR', lines: draft().lines.map((l, i) => ({ ...l, counted: input.counts[i]!.counted })) }) }));
    await user.click(screen.getByRole('button', { name: 'Guardar borrador' }));
    expect(callsTo(dailyCloseSave)[0]!.counts).toEqual([
      { clerkId: 'c1', kind: 'EQUIPO', type: 'MODEM', counted: 1 },
      { clerkId: 'c1', kind: 'ACCESORIO', type: 'CABLE', counted: 1 },
    ]);
    expect(await screen.findByText(/Borrador guardado\. Puede continuar/)).toBeTruthy();
    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations.map((v) => v.id)).toEqual([]);
  });

  it('asks before signing, then shows the close read-only', async () => {
    const user = userEvent.setup();
    render(<DailyClose />);
    await user.type(await screen.findByRole('textbox', { name: 'Contado: MODEM de Asesor Uno' }), '2');
    await user.type(screen.getByRole('textbox', { name: 'Contado: Cable de Asesor Uno' }), '1');
    answer(dailyCloseSign, () => ({
      ok: true,
      value: draft({ status: 'FIRMADO', editable: false, signedBy: 'Coordinadora Regional', signedAt: '2026-03-04T22:00:00.000Z', lines: draft().lines.map((l) => ({ ...l, counted: l.recorded })) }),
    }));
    await user.click(screen.getByRole('button', { name: 'Firmar cierre' }));
    const dialog = screen.getByRole('dialog', { name: '¿Firmar el cierre del 04/03/2026?' });
    expect(dialog.textContent).toContain('3 según actas, 3 contados, sin diferencias');
    expect(callsTo(dailyCloseSign)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Firmar cierre' }));
    expect(callsTo(dailyCloseSign)).toHaveLength(1);
    expect(await screen.findByText(/Firmó Coordinadora Regional el/)).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /Contado/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Guardar borrador' })).toBeNull();
  });

  it("keeps the focus on a control after saving a draft and after signing (it fell to the page's body)", async () => {
    const user = userEvent.setup();
    render(<DailyClose />);
    await user.type(await screen.findByRole('textbox', { name: 'Contado: MODEM de Asesor Uno' }), '2');
    // Chromium blurs a button disabled while the answer is awaited (jsdom does not): the body has the focus.
    const blurred = <T,>(value: T): T => ((document.activeElement as HTMLElement | null)?.blur(), value);
    answer(dailyCloseSave, () => blurred({ ok: true, value: draft({ status: 'BORRADOR' }) }));
    screen.getByRole('button', { name: 'Guardar borrador' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByText(/Borrador guardado\. Puede continuar/);
    expect(screen.getByRole('button', { name: 'Guardar borrador' })).toHaveFocus();

    answer(dailyCloseSign, () => blurred({ ok: true, value: draft({ status: 'FIRMADO', editable: false, signedBy: 'Coord', signedAt: '2026-03-04T22:00:00.000Z' }) }));
    await user.click(screen.getByRole('button', { name: 'Firmar cierre' }));
    await user.keyboard('{Enter}');
    await screen.findByText(/Firmó Coord el/);
    expect(screen.getByRole('button', { name: 'Vista para imprimir' })).toHaveFocus();
  });

  it('shows a change after signing against the signed figure', async () => {
    const lines = [{ ...line('c1', 'Asesor Uno', 'EQUIPO', 'MODEM', 'MODEM', 2, 2), current: 1 }];
    answer(dailyCloseGet, () => ({ ok: true, value: draft({ status: 'FIRMADO', editable: false, signedBy: 'Coord', signedAt: '2026-03-04T22:00:00.000Z', lines, totals: closeTotals(lines) }) }));
    render(<DailyClose />);
    expect(await screen.findByText('−1 después de firmar')).toBeTruthy();
    expect(screen.getByText(/Después de firmar cambiaron 1 línea/)).toBeTruthy();
  });
});
