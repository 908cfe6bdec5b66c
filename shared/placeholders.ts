import type { CampaignSettings } from './campaign';
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

/** The values every customer text (scripts, IVR, WhatsApp) fills in, written as the seed writes them. */
export function placeholderValues(s: PlaceholderSubject, c: CampaignSettings): Record<string, string> {
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
