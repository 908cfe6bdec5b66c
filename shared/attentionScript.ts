import { deadlinePassed, type CampaignSettings } from './campaign';
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

/** The charge situation of a service that owes, from the base's flags (docs/domain.md §6.6). */
export type ChargeScenario = 'notCharged' | 'charged' | 'paid' | 'claim';

export interface ChargeFlags {
  chargesLoaded: boolean;
  paid: boolean;
  claim: boolean;
}

/** A claim is answered first (it needs the acta, paid or not); then a paid charge; then a loaded one. */
export function chargeScenario(f: ChargeFlags): ChargeScenario {
  if (!f.chargesLoaded) return 'notCharged';
  if (f.claim) return 'claim';
  if (f.paid) return 'paid';
  return 'charged';
}

export const CHARGE_SCENARIO_LABELS: Record<ChargeScenario, string> = {
  notCharged: 'No se cargaron valores',
  charged: 'Valores cargados sin pago ni reclamo',
  paid: 'Valores cargados y pagados',
  claim: 'Valores cargados con reclamo',
};

function scenarioTemplate(s: ChargeScenario, c: CampaignSettings): string {
  switch (s) {
    case 'notCharged':
      return c.scriptNotCharged;
    case 'charged':
      return c.scriptCharged;
    case 'paid':
      return c.scriptPaid;
    case 'claim':
      return c.scriptClaim;
    default:
      return assertNever(s);
  }
}

/**
 * Once the deadline is past, a clerk must not read it to the customer: "hasta el {fecha_limite}"
 * becomes a neutral "lo antes posible" until someone sets a new deadline.
 */
function withoutPastDeadline(template: string, passed: boolean): string {
  return passed ? template.replace(/(hasta\s+el\s+)?\{fecha_limite\}/gi, 'lo antes posible') : template;
}

export interface ScriptInput extends ChargeFlags {
  identification: string | null;
  name: string | null;
  serviceNumber: string;
  businessLine: string | null;
  cancelDate: string | null;
  status: ServiceStatus;
  statusReason?: string | null;
}

export interface AttentionScriptText {
  case: ScriptCase;
  /** The charge scenario the text was chosen by; null when the service owes nothing. */
  scenario: ChargeScenario | null;
  /** What to tell the customer (script #1 for a service that owes). */
  text: string;
  /** Script #2, for a customer who says the equipment was already returned; null when nothing is owed. */
  returned: string | null;
  /** The e-mail subject for this customer's respaldo. */
  subject: string;
}

/** What the clerk or agent should tell this customer about this service, with the e-mail subject to use. */
/** A reviewer's reason as a sentence read aloud: one closing mark, not «oficina..» when they wrote their own. */
function sentence(reason: string): string {
  const t = reason.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

export function attentionScript(s: ScriptInput, c: CampaignSettings, now: Date = new Date()): AttentionScriptText {
  const kind = scriptCase(s.status);
  const subject = buildEmailSubject(s.identification, s.name, s.businessLine);
  const values = { ...placeholderValues(s, c), asunto: subject };
  const passed = deadlinePassed(c, now);
  const fill = (template: string) => fillTemplate(withoutPastDeadline(template, passed), values);
  if (kind !== 'pending') {
    return { case: kind, scenario: null, text: fill(kind === 'review' ? c.scriptReview : c.scriptDone), returned: null, subject };
  }
  const scenario = chargeScenario(s);
  let text = fill(scenarioTemplate(scenario, c));
  if (s.status === 'RESPALDO_RECHAZADO' && s.statusReason) text = `El respaldo anterior fue rechazado: ${sentence(s.statusReason)} ${text}`;
  return { case: kind, scenario, text, returned: fill(c.scriptReturned), subject };
}

// Kept here too: callers think of them as part of the script.
export { fillTemplate, firstName } from './placeholders';
