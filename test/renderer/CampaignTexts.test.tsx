import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CAMPAIGN, type CampaignSettings } from '../../shared/campaign';
import { settingsGet } from '../../shared/contracts/settings';
import { DeadlineBanner } from '../../renderer/src/app/DeadlineBanner';
import { AttentionScript } from '../../renderer/src/features/customer/AttentionScript';
import { forgetCampaign } from '../../renderer/src/features/customer/campaign';
import { answer, invoke, resetApi } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

function campaign(c: Partial<CampaignSettings> = {}) {
  answer(settingsGet, () => ({ ok: true, value: { ...DEFAULT_CAMPAIGN, ...c } }));
}

beforeEach(() => {
  resetApi();
  forgetCampaign();
});

const JUNE_2026 = new Date(2026, 5, 1, 10);

describe('campaign deadline banner', () => {
  it('tells coordinators, Posventa and the administrator that the deadline is past', async () => {
    campaign();
    for (const role of ['COORDINADOR', 'POSVENTA', 'ADMIN'] as const) {
      const { unmount } = render(<DeadlineBanner role={role} now={JUNE_2026} />);
      expect(await screen.findByRole('note', { name: 'Aviso de la campaña' })).toHaveTextContent(
        'El plazo de la campaña venció el 31/03/2021: los guiones y mensajes dirían una fecha pasada. Cámbielo en Configuración → Campaña.',
      );
      unmount();
    }
  });

  it('says nothing to a clerk, nor while the deadline is ahead', async () => {
    campaign();
    render(<DeadlineBanner role="ASESOR" now={JUNE_2026} />);
    forgetCampaign();
    campaign({ deadline: '2026-06-30' });
    render(<DeadlineBanner role="COORDINADOR" now={JUNE_2026} />);
    await vi.waitFor(() => expect(invoke).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('note', { name: 'Aviso de la campaña' })).toBeNull();
  });

  it('follows the settings once they are saved: gone when the deadline is moved ahead, back when it is past again', async () => {
    campaign();
    render(<DeadlineBanner role="POSVENTA" now={JUNE_2026} />);
    const note = { name: 'Aviso de la campaña' };
    expect(await screen.findByRole('note', note)).toBeInTheDocument();
    campaign({ deadline: '2026-06-30' });
    act(() => forgetCampaign());
    await waitFor(() => expect(screen.queryByRole('note', note)).toBeNull());
    campaign();
    act(() => forgetCampaign());
    expect(await screen.findByRole('note', note)).toBeInTheDocument();
  });
});

describe('attention script on the card', () => {
  it('shows script #1 and script #2 apart, under the charge scenario', async () => {
    campaign({ deadline: '2026-06-30' });
    const card = customerCard();
    const s = { ...card.services[0]!, status: 'PENDIENTE' as const, chargesLoaded: true, paid: false, claim: true };
    render(<AttentionScript card={card} s={s} now={JUNE_2026} />);
    const box = await screen.findByLabelText(`Guion de atención del servicio ${s.serviceNumber}`);
    expect(box).toHaveTextContent('Guion de atención · Valores cargados con reclamo');
    expect(screen.getByText('Si no entregó los equipos:').parentElement).toHaveTextContent('consta un reclamo');
    expect(screen.getByText('Si dice que ya los entregó:').parentElement).toHaveTextContent('envíela al correo posventagec2@cnt.gob.ec');
  });

  it('reads no past date to the customer', async () => {
    campaign();
    const card = customerCard();
    const s = { ...card.services[0]!, status: 'PENDIENTE' as const, chargesLoaded: false, paid: false, claim: false };
    render(<AttentionScript card={card} s={s} now={JUNE_2026} />);
    const box = await screen.findByLabelText(`Guion de atención del servicio ${s.serviceNumber}`);
    expect(box).toHaveTextContent('lo antes posible');
    expect(box).not.toHaveTextContent('2021');
  });

  it('reads a charge Recupera sent billing as loaded, though the base says NO', async () => {
    campaign({ deadline: '2026-06-30' });
    const card = customerCard();
    const s = { ...card.services[0]!, status: 'PENDIENTE' as const, chargesLoaded: false, chargedInBatch: true, paid: false, claim: false };
    render(<AttentionScript card={card} s={s} now={JUNE_2026} />);
    const box = await screen.findByLabelText(`Guion de atención del servicio ${s.serviceNumber}`);
    expect(box).toHaveTextContent('Guion de atención · Valores cargados sin pago ni reclamo');
  });
});
