import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backupsQueue, type BackupView } from '../../shared/contracts/backups';
import { customerGet } from '../../shared/contracts/customers';
import { handoversVerify, type ActaVerification } from '../../shared/contracts/handovers';
import { mailUnassigned } from '../../shared/contracts/mail';
import { VerifyActa } from '../../renderer/src/features/actas/VerifyActa';
import { ReviewBackups } from '../../renderer/src/features/backups/ReviewBackups';
import { answer, callsTo, resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

beforeEach(() => {
  resetApi();
});

async function violations(container: HTMLElement): Promise<string[]> {
  const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

const ACTA = {
  id: 'h1',
  number: 'UIO-01-2026-000001',
  holderName: 'PÉREZ LÓPEZ JUAN CARLOS',
  holderIdentification: '1712345675',
  deliveredAt: '2026-03-02T15:00:00.000Z',
  station: 'UIO-01',
  voidReason: null,
};

const verdict = (v: Partial<ActaVerification> & Pick<ActaVerification, 'verdict' | 'outcome' | 'message'>): ActaVerification => ({
  acta: null,
  number: ACTA.number,
  station: 'UIO-01',
  signedBy: null,
  recordKnown: false,
  ...v,
});

describe('the Actas screen’s verification panel', () => {
  it('shows each verdict with a word, a symbol and its colour, who signed it and whether the record is here', async () => {
    const user = userEvent.setup();
    const answers: Record<string, ActaVerification> = {
      qr: verdict({
        verdict: 'AUTENTICA',
        outcome: 'genuine',
        message: 'Acta UIO-01-2026-000001: Firmada por UIO-01 (huella AB12-CD34-EF56-GH78). Esta base no tiene el registro: compare los datos con el documento.',
        signedBy: 'AB12-CD34-EF56-GH78',
      }),
      cambiada: verdict({ verdict: 'ALTERADA', outcome: 'altered', message: 'La firma del código QR no corresponde a la estación UIO-01.', recordKnown: true, acta: ACTA }),
      lejana: verdict({ verdict: 'DESCONOCIDA', outcome: 'not_found', message: 'Esta base no conoce la estación UIO-01 ni tiene el acta.' }),
    };
    answer(handoversVerify, ({ text }) => ({ ok: true, value: answers[text]! }));
    const opened = vi.fn();
    const { container } = render(<VerifyActa onOpen={opened} />);
    const input = screen.getByLabelText('Código del acta');

    await user.type(input, 'qr');
    await user.click(screen.getByRole('button', { name: 'Verificar' }));
    let status = await screen.findByRole('status', { name: 'Verificación del acta: Auténtica' });
    expect(status).toHaveClass('alert-ok');
    expect(within(status).getByText('✓')).toHaveAttribute('aria-hidden', 'true');
    expect(status).toHaveTextContent('Esta base no tiene el registro');
    expect(status).toHaveTextContent('huella AB12-CD34-EF56-GH78');
    expect(within(status).getByText('Registro en esta base').nextSibling).toHaveTextContent('no');
    expect(within(status).queryByRole('button')).toBeNull();
    expect(await violations(container)).toEqual([]);

    await user.clear(input);
    await user.type(input, 'cambiada');
    await user.click(screen.getByRole('button', { name: 'Verificar' }));
    status = await screen.findByRole('status', { name: 'Verificación del acta: Alterada' });
    expect(status).toHaveClass('alert-error');
    expect(status).toHaveTextContent('no comprobada');
    expect(status).toHaveTextContent('PÉREZ LÓPEZ JUAN CARLOS (1712345675)');
    await user.click(within(status).getByRole('button', { name: 'Ver acta UIO-01-2026-000001' }));
    expect(opened).toHaveBeenCalledWith('h1');

    await user.clear(input);
    await user.type(input, 'lejana');
    await user.click(screen.getByRole('button', { name: 'Verificar' }));
    status = await screen.findByRole('status', { name: 'Verificación del acta: No se puede verificar aquí' });
    expect(status).toHaveTextContent('no conoce la estación');
    expect(callsTo(handoversVerify).map((c) => c.text)).toEqual(['qr', 'cambiada', 'lejana']);
    expect(await violations(container)).toEqual([]);
  });
});

describe('the respaldo review', () => {
  it('verifies the acta a respaldo cites and shows the verdict beside its documents', async () => {
    const backup: BackupView = {
      id: 'b1',
      status: 'EN_REVISION',
      customerId: 'c1',
      customerName: 'PÉREZ LÓPEZ JUAN CARLOS',
      identification: '1712345675',
      services: [{ id: 's1', serviceNumber: '1001', businessLine: 'Internet Fijo' }],
      actaNumber: ACTA.number,
      actaDate: '2026-03-02',
      office: 'CAC Iñaquito',
      note: null,
      source: 'OFICINA',
      createdAt: '2026-03-03T10:00:00.000Z',
      createdBy: 'Carla Coordinadora',
      reviewReason: null,
      files: [],
    };
    answer(backupsQueue, () => ({ ok: true, value: [backup] }));
    answer(mailUnassigned, () => ({ ok: true, value: [] }));
    answer(customerGet, () => ({ ok: true, value: customerCard() }));
    answer(handoversVerify, () => ({
      ok: true,
      value: verdict({ verdict: 'ANULADA', outcome: 'voided', message: 'El acta UIO-01-2026-000001 existe pero fue ANULADA (error de digitación).', recordKnown: true, acta: { ...ACTA, voidReason: 'error de digitación' } }),
    }));
    render(<ReviewBackups />);
    const status = await screen.findByRole('status', { name: 'Verificación del acta: Anulada' });
    expect(status).toHaveClass('alert-warn');
    expect(status).toHaveTextContent('ANULADA (error de digitación)');
    expect(callsTo(handoversVerify)).toEqual([{ text: ACTA.number }]);
    // Only an authentic acta is offered as verified.
    expect(screen.getByRole('button', { name: 'Aceptar' })).toBeInTheDocument();
  });
});
