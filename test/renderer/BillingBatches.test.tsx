import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { billingBatches, billingMarkConfirmed, billingMarkSent, type BillingBatch } from '../../shared/contracts/billing';
import { cents } from '../../shared/money';
import { fail } from '../../shared/result';
import { DepurationBatches } from '../../renderer/src/features/sync/DepurationBatches';
import { answer, callsTo, resetApi } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const FILES = { baseDepurada: '/d/DEP-2026-0002_base.xlsx', cargaValores: '/d/DEP-2026-0002_carga.xlsx', comunicaciones: '/d/DEP-2026-0002_com.xlsx' };

function batch(n: number, over: Partial<BillingBatch> = {}): BillingBatch {
  return {
    batch: `DEP-2026-000${n}`,
    createdAt: `2026-03-0${n}T15:00:00.000Z`,
    status: 'GENERADO',
    sent: null,
    confirmed: null,
    replacedBy: null,
    counts: { pending: 10, partial: 2, delivered: 5, regularized: 1, inReview: 0, chargeTotalCents: cents(123450) },
    billing: { chargeItems: 14, chargeCents: cents(123450), reversalItems: 1, reversalCents: cents(600) },
    files: FILES,
    sha256: { baseDepurada: 'a'.repeat(64), cargaValores: 'b'.repeat(64), comunicaciones: 'c'.repeat(64) },
    ...over,
  };
}

let batches: BillingBatch[];
const SENT = { at: '2026-03-03T16:30:00.000Z', by: 'Analista Posventa' };

beforeEach(() => {
  resetApi();
  batches = [batch(3), batch(2, { status: 'ENVIADO', sent: SENT }), batch(1, { replacedBy: 'DEP-2026-0002' })];
  answer(billingBatches, () => ({ ok: true, value: { batches } }));
});

describe('Lotes anteriores', () => {
  it('shows each batch’s status, who sent it and when, its totals, and only the step it may take next', async () => {
    render(<DepurationBatches overview={null} />);
    const table = await screen.findByRole('table');
    const [, third, second, first] = within(table).getAllByRole('row');
    expect(third).toHaveTextContent(/DEP-2026-0003.*Generado.*\$1\.234,50.*\$6,00/);
    expect(within(third!).getByRole('button', { name: 'Marcar como enviado a facturación el lote DEP-2026-0003' })).toHaveTextContent('Marcar como enviado a facturación');
    expect(second).toHaveTextContent(/DEP-2026-0002.*Enviado a facturación.*Enviado: 03\/03\/2026.*Analista Posventa/);
    expect(within(second!).getByRole('button', { name: 'Confirmar recepción del lote DEP-2026-0002' })).toHaveTextContent('Confirmar recepción');
    // An older batch generated before one that was sent: no button, and it says why.
    // A voice user says the words shown: each step's name begins with them (WCAG 2.5.3).
    for (const button of within(table).getAllByRole('button', { name: /Marcar|Confirmar/ })) expect(button.getAttribute('aria-label')!.startsWith(button.textContent!)).toBe(true);
    expect(first).toHaveTextContent('Reemplazado por DEP-2026-0002, ya enviado: no se envía.');
    expect(within(first!).queryByRole('button', { name: /Marcar|Confirmar/ })).toBeNull();
  });

  it('asks before marking a batch as sent, then shows it sent; a refusal is shown in Spanish', async () => {
    const user = userEvent.setup();
    answer(billingMarkSent, ({ batch: b }) => {
      batches = batches.map((x) => (x.batch === b ? { ...x, status: 'ENVIADO', sent: SENT } : x));
      return { ok: true, value: batches.find((x) => x.batch === b)! };
    });
    render(<DepurationBatches overview={null} />);
    await user.click(await screen.findByRole('button', { name: 'Marcar como enviado a facturación el lote DEP-2026-0003' }));
    const dialog = screen.getByRole('dialog', { name: '¿Marcar el lote DEP-2026-0003 como enviado a facturación?' });
    expect(dialog).toHaveTextContent('cargos ($1.234,50) y reversos ($6,00) cuentan como facturados');
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    expect(callsTo(billingMarkSent)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Marcar como enviado a facturación el lote DEP-2026-0003' }));
    await user.click(screen.getByRole('button', { name: 'Sí, marcar como enviado' }));
    expect(callsTo(billingMarkSent)).toEqual([{ batch: 'DEP-2026-0003' }]);
    expect(await screen.findByRole('button', { name: 'Confirmar recepción del lote DEP-2026-0003' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();

    const message = 'La recepción del lote DEP-2026-0002 ya se confirmó el 04/03/2026 por Otra Persona.';
    answer(billingMarkConfirmed, () => fail('refused', message));
    await user.click(screen.getByRole('button', { name: 'Confirmar recepción del lote DEP-2026-0002' }));
    await user.click(screen.getByRole('button', { name: 'Sí, confirmar recepción' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
  });

  it('keeps the focus on the batch once its reception is confirmed and its button is gone', async () => {
    const user = userEvent.setup();
    answer(billingMarkConfirmed, ({ batch: b }) => {
      batches = batches.map((x) => (x.batch === b ? { ...x, status: 'CONFIRMADO', confirmed: { at: '2026-03-04T16:30:00.000Z', by: 'Analista Posventa' } } : x));
      return { ok: true, value: batches.find((x) => x.batch === b)! };
    });
    render(<DepurationBatches overview={null} />);
    await user.click(await screen.findByRole('button', { name: 'Confirmar recepción del lote DEP-2026-0002' }));
    await user.click(screen.getByRole('button', { name: 'Sí, confirmar recepción' }));
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Confirmar recepción del lote DEP-2026-0002' })).toBeNull());
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toHaveTextContent('Recepción confirmada');
  });
});
