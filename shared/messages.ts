import type { CampaignSettings } from './campaign';
import { fillTemplate, placeholderValues, type PlaceholderSubject } from './placeholders';

export const SCENARIOS = ['VALORES CARGADOS SIN PAGO NI RECLAMO', 'NO SE CARGARON VALORES'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * Which message a pending customer gets (docs/domain.md §8.5): charges loaded and neither paid nor
 * claimed, or no charges loaded. Customers who paid or have a claim get none.
 */
export function messageScenario(flags: { chargesLoaded: boolean; paid: boolean; claim: boolean }): Scenario | null {
  if (!flags.chargesLoaded) return 'NO SE CARGARON VALORES';
  if (!flags.paid && !flags.claim) return 'VALORES CARGADOS SIN PAGO NI RECLAMO';
  return null;
}

export type MessageInput = PlaceholderSubject;

/** The IVR and WhatsApp texts for one customer and service, placeholders filled as the seed writes them. */
export function renderMessages(s: Scenario, m: MessageInput, c: CampaignSettings): { ivr: string; whatsapp: string } {
  const values = placeholderValues(m, c);
  const charged = s === 'VALORES CARGADOS SIN PAGO NI RECLAMO';
  return {
    ivr: fillTemplate(charged ? c.ivrCharged : c.ivrNotCharged, values),
    whatsapp: fillTemplate(charged ? c.whatsappCharged : c.whatsappNotCharged, values),
  };
}
