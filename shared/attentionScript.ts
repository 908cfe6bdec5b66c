import type { CampaignSettings } from './campaign';
import { formatLongDate, formatShortDashDate } from './dates';
import { buildEmailSubject } from './emailSubject';
import type { ServiceStatus } from './status';
import { assertNever } from './result';
import { titleCase } from './text';

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

/** `PEREZ LOPEZ JUAN CARLOS` → `Juan`: the first given name, after two surnames (compound ones too). */
export function firstName(fullName: string | null): string {
  if (!fullName) return '';
  const words = fullName.trim().split(/\s+/);
  const particles = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'SAN', 'SANTA', 'Y']);
  let i = 0;
  // Skip two surnames, each possibly compound ("DE LA TORRE", "DEL POZO", "SAN MARTIN").
  for (let surnames = 0; surnames < 2 && i < words.length; surnames++) {
    while (i < words.length - 1 && particles.has(words[i]!.toUpperCase())) i++;
    i++;
  }
  const given = words[i] ?? words[words.length - 1]!;
  return titleCase(given);
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

/** Fills a text's {placeholders}; unknown ones are left as written so an edited text shows its mistake. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? values[key]! : m));
}

/** What the clerk or agent should tell this customer about this service, with the e-mail subject to use. */
export function attentionScript(s: ScriptInput, c: CampaignSettings): { case: ScriptCase; text: string; subject: string } {
  const kind = scriptCase(s.status);
  const subject = buildEmailSubject(s.identification, s.name, s.businessLine);
  const values = {
    nombre: firstName(s.name),
    linea_negocio: s.businessLine ?? '',
    numero_servicio: s.serviceNumber,
    fecha_retiro: s.cancelDate ? formatShortDashDate(s.cancelDate) : '',
    fecha_limite: formatLongDate(c.deadline),
    correo: c.backupEmail,
    url_turnos: c.schedulingUrl,
    telefono: c.phone,
    asunto: subject,
  };
  const template = kind === 'pending' ? c.scriptPending : kind === 'review' ? c.scriptReview : c.scriptDone;
  let text = fillTemplate(template, values);
  if (s.status === 'RESPALDO_RECHAZADO' && s.statusReason) text = `El respaldo anterior fue rechazado: ${s.statusReason}. ${text}`;
  return { case: kind, text, subject };
}
