import { CAMPAIGN_LABELS, type CampaignSettings } from './campaign';
import { formatDate, formatLongDate } from './dates';
import { titleCase } from './text';

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

/** Fills a text's {placeholders}; unknown ones are left as written so an edited text shows its mistake. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? values[key]! : m));
}

export interface PlaceholderSubject {
  name: string | null;
  businessLine: string | null;
  serviceNumber: string;
  cancelDate: string | null;
}

/** The marks every customer text (scripts, IVR, WhatsApp) fills in; the desk's scripts also know {asunto}. */
export const PLACEHOLDERS = ['nombre', 'linea_negocio', 'numero_servicio', 'fecha_retiro', 'fecha_limite', 'correo', 'url_turnos', 'pagina_web', 'telefono'] as const;

/**
 * The marks of a text that nothing fills in: a misspelt one ({nombres}), or a brace never closed
 * ({fecha_limite …). Such a mark reaches the customer as written; `extra` are marks only this text knows.
 */
export function unknownPlaceholders(text: string, extra: readonly string[] = []): string[] {
  const known = new Set<string>([...PLACEHOLDERS, ...extra]);
  const found = new Set<string>();
  for (const m of text.matchAll(/\{(\w*)(\})?/g)) {
    if (m[2] === undefined) found.add(`{${m[1]}`);
    else if (!known.has(m[1]!)) found.add(`{${m[1]}}`);
  }
  return [...found];
}

/** The values every customer text (scripts, IVR, WhatsApp) fills in, written as the seed writes them. */
export function placeholderValues(s: PlaceholderSubject, c: CampaignSettings): Record<(typeof PLACEHOLDERS)[number], string> {
  return {
    nombre: firstName(s.name),
    linea_negocio: s.businessLine ?? '',
    numero_servicio: s.serviceNumber,
    fecha_retiro: formatDate(s.cancelDate),
    fecha_limite: formatLongDate(c.deadline),
    correo: c.backupEmail,
    url_turnos: c.schedulingUrl,
    pagina_web: c.websiteUrl,
    telefono: c.phone,
  };
}

/** The campaign's customer texts and the marks each knows beyond the common ones. */
const CUSTOMER_TEXTS: Array<[keyof CampaignSettings, readonly string[]]> = [
  ['scriptNotCharged', ['asunto']],
  ['scriptCharged', ['asunto']],
  ['scriptPaid', ['asunto']],
  ['scriptClaim', ['asunto']],
  ['scriptReturned', ['asunto']],
  ['scriptReview', ['asunto']],
  ['scriptDone', ['asunto']],
  ['ivrCharged', []],
  ['ivrNotCharged', []],
  ['whatsappCharged', []],
  ['whatsappNotCharged', []],
];

/** «IVR con cargo: {nombres}» for each customer text with marks nothing fills in (saved all the same: the text is the campaign's to decide). */
export function campaignMarkProblems(c: CampaignSettings): string[] {
  return CUSTOMER_TEXTS.flatMap(([field, extra]) => {
    const marks = unknownPlaceholders(String(c[field]), extra);
    return marks.length > 0 ? [`${CAMPAIGN_LABELS[field]}: ${marks.join(', ')}`] : [];
  });
}
