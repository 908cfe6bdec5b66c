import type { CampaignSettings } from './campaign';
import { buildEmailSubject } from './emailSubject';
import { fillTemplate, placeholderValues } from './placeholders';
import type { ServiceStatus } from './status';
import { assertNever } from './result';

export type ScriptCase = 'pending' | 'review' | 'done';

export function scriptCase(status: ServiceStatus): ScriptCase {
  switch (status) {
    case 'PENDIENTE':
    case 'ENTREGA_PARCIAL':
    case 'RESPALDO_RECHAZADO':
      return 'pending';
    case 'RESPALDO_EN_REVISION':
      return 'review';
    case 'ENTREGADO':
    case 'REGULARIZADO':
      return 'done';
    default:
      return assertNever(status);
  }
}

export interface ScriptInput {
  identification: string | null;
  name: string | null;
  serviceNumber: string;
  businessLine: string | null;
  cancelDate: string | null;
  status: ServiceStatus;
  statusReason?: string | null;
}

/** What the clerk or agent should tell this customer about this service, with the e-mail subject to use. */
export function attentionScript(s: ScriptInput, c: CampaignSettings): { case: ScriptCase; text: string; subject: string } {
  const kind = scriptCase(s.status);
  const subject = buildEmailSubject(s.identification, s.name, s.businessLine);
  const values = { ...placeholderValues(s, c), asunto: subject };
  const template = kind === 'pending' ? c.scriptPending : kind === 'review' ? c.scriptReview : c.scriptDone;
  let text = fillTemplate(template, values);
  if (s.status === 'RESPALDO_RECHAZADO' && s.statusReason) text = `El respaldo anterior fue rechazado: ${s.statusReason}. ${text}`;
  return { case: kind, text, subject };
}

// Kept here too: callers think of them as part of the script.
export { fillTemplate, firstName } from './placeholders';
