import { z } from 'zod';
import { formatDate, localDay } from './dates';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha válida.');

/** A text setting whose limits are said in plain Spanish (zod's own words read «se esperaba que texto tuviera >=3 caracteres»). */
const text = (what: string, min: number, max: number) =>
  z.string().trim().min(min, `Escriba ${what}: al menos ${min} caracteres.`).max(max, `Acorte ${what}: admite hasta ${max} caracteres.`);
const script = text('el guion', 10, 2000);
const message = text('el mensaje', 10, 2000);

/** Campaign settings: every date, address and number the scripts and messages use. Never constants in code. */
export const CampaignSettings = z.object({
  name: text('el nombre de la campaña', 3, 120),
  /** The campaign's year, shown beside its name (Configuración, Avance); records of every year share the tables. */
  year: z
    .number({ error: 'Escriba el año de la campaña.' })
    .int('Escriba el año con cuatro cifras.')
    .min(2020, 'Escriba un año desde 2020.')
    .max(2100, 'Escriba un año hasta 2100.'),
  startDate: isoDate,
  deadline: isoDate,
  backupEmail: z.string().trim().email('Escriba un correo válido.'),
  phone: text('el teléfono', 3, 40),
  schedulingUrl: z.string().trim().url('Escriba una dirección web completa (https://…).'),
  websiteUrl: text('la página web', 3, 120),
  emailSubjectFormat: text('el formato del asunto', 3, 120),
  /**
   * Attention scripts (guion) by situation; placeholders in braces are filled per customer. A service
   * that owes gets the text of its charge scenario (contact-centre script #1: the customer has not
   * returned the equipment) followed by `scriptReturned` (script #2: the customer says it was returned).
   */
  scriptNotCharged: script,
  scriptCharged: script,
  scriptPaid: script,
  scriptClaim: script,
  scriptReturned: script,
  scriptReview: script,
  scriptDone: script,
  /** Message texts for the IVR and WhatsApp platforms, by scenario (docs/domain.md §8.5). */
  ivrCharged: message,
  ivrNotCharged: message,
  whatsappCharged: message,
  whatsappNotCharged: message,
  /** Days the respaldo documents' files are kept after the deadline; then they are purged (the records stay). */
  documentRetentionDays: z
    .number({ error: 'Escriba un número de días.' })
    .int('Escriba un número entero de días.')
    .min(30, 'Conserve los documentos al menos 30 días.')
    .max(3650, 'Conserve los documentos como máximo 3650 días (10 años).'),
});
export type CampaignSettings = z.infer<typeof CampaignSettings>;

/** How the Configuración screen names each campaign setting, for the audit entry's description and detail. */
export const CAMPAIGN_LABELS: Record<keyof CampaignSettings, string> = {
  name: 'nombre',
  year: 'año',
  startDate: 'fecha de inicio',
  deadline: 'fecha límite',
  backupEmail: 'correo de respaldos',
  phone: 'teléfono',
  schedulingUrl: 'dirección de turnos',
  websiteUrl: 'sitio web',
  emailSubjectFormat: 'formato del asunto',
  scriptNotCharged: 'guion sin valores cargados',
  scriptCharged: 'guion con valores cargados',
  scriptPaid: 'guion con valores pagados',
  scriptClaim: 'guion con reclamo',
  scriptReturned: 'guion de quien dice que ya entregó',
  scriptReview: 'guion de respaldo en revisión',
  scriptDone: 'guion de entregados',
  ivrCharged: 'IVR con cargo',
  ivrNotCharged: 'IVR sin cargo',
  whatsappCharged: 'WhatsApp con cargo',
  whatsappNotCharged: 'WhatsApp sin cargo',
  documentRetentionDays: 'días de conservación de documentos de respaldo',
};

/** The 2021 campaign as the training deck describes it. */
export const DEFAULT_CAMPAIGN: CampaignSettings = {
  name: 'Recuperación de equipos 2021',
  year: 2021,
  startDate: '2021-03-17',
  deadline: '2021-03-31',
  backupEmail: 'posventagec2@cnt.gob.ec',
  phone: '1800-100-100',
  schedulingUrl: 'https://flujodecolas.cnt.gob.ec/web/',
  websiteUrl: 'www.cnt.com.ec',
  emailSubjectFormat: 'CEDULA//APELLIDOS Y NOMBRES//LINEA DE NEGOCIO',
  scriptNotCharged:
    'Sr(a). {nombre}: su servicio de {linea_negocio} número {numero_servicio}, retirado el {fecha_retiro}, tiene equipos pendientes de entrega. ' +
    'Agende su turno en {url_turnos} y entréguelos en un CAC hasta el {fecha_limite} para evitar que se carguen valores adicionales a su factura.',
  scriptCharged:
    'Sr(a). {nombre}: por la no entrega de los equipos de su servicio de {linea_negocio} número {numero_servicio}, retirado el {fecha_retiro}, se cargaron valores a su factura. ' +
    'Agende su turno en {url_turnos} y entregue los equipos en un CAC.',
  scriptPaid:
    'Sr(a). {nombre}: los valores cargados por los equipos de su servicio {numero_servicio} constan pagados. Si tiene dudas, llame al {telefono}.',
  scriptClaim:
    'Sr(a). {nombre}: consta un reclamo por los valores cargados por los equipos de su servicio {numero_servicio}. Para atenderlo necesita presentar el acta de entrega-recepción.',
  scriptReturned:
    'Si ya entregó los equipos: en el CAC presente el acta de entrega-recepción para adjuntarla; por teléfono, envíela al correo {correo} con el asunto {asunto}. ' +
    'Más información al {telefono} o en {pagina_web}.',
  scriptReview:
    'Sr(a). {nombre}: el respaldo de la entrega de los equipos de su servicio {numero_servicio} está en revisión por Posventa. No necesita hacer nada más; si tiene dudas, llame al {telefono}.',
  scriptDone: 'Sr(a). {nombre}: los equipos de su servicio {numero_servicio} ya constan como entregados. No necesita hacer nada más.',
  // The seed's four texts, word for word, with their fixed parts as placeholders.
  ivrCharged:
    'CNT informa: Tienes valores adicionales cargados a tu factura por la no entrega de los equipos de tu servicio retirado durante la emergencia sanitaria, agenda tu turno en la página {pagina_web} para la entrega de los mismos.',
  ivrNotCharged:
    'CNT informa: Tienes pendiente la entrega los equipos de tu servicio retirado durante la emergencia sanitaria, si ya realizaste la entrega de los mismos, envía el documento de respaldo al correo {correo} o si aún no lo realizas, agenda tu turno en la página {pagina_web}; hasta el {fecha_limite} para evitar que se generen valores adicionales a pagar, para más información comunícate al {telefono}.',
  whatsappCharged:
    'Hola {nombre}, te saludamos de CNT.\n\nTe informamos que tienes valores cargados a tu factura por la no entrega de los equipos de tu servicio de {linea_negocio} con numero de servicio {numero_servicio} retirado el {fecha_retiro}, agenda tu turno en la página {url_turnos} para la entrega de los mismos.',
  whatsappNotCharged:
    'Hola {nombre}, te saludamos de CNT.\n\nTe recordamos entregar los equipos de tu servicio de {linea_negocio} con numero de servicio {numero_servicio} retirado durante la emergencia sanitaria el {fecha_retiro}, si ya realizaste la entrega de los mismos, envía el documento de respaldo al correo {correo} o si aún no lo realizas, agenda tu turno en la página {url_turnos}. hasta el {fecha_limite} para evitar que se generen valores adicionales a pagar, para más información comunícate al {telefono}.',
  documentRetentionDays: 180,
};

/** Today on this PC's clock, as `YYYY-MM-DD`; the clock is a parameter so tests can stand on any day. */
function today(now: Date): string {
  return localDay(now.toISOString()) ?? now.toISOString().slice(0, 10);
}

/** The deadline is past once its day is over: on the deadline itself the texts still hold. */
export function deadlinePassed(c: Pick<CampaignSettings, 'deadline'>, now: Date): boolean {
  return c.deadline < today(now);
}

/** The banner coordinators, Posventa and the administrator see on every screen while the deadline is past. */
export function deadlineBanner(c: Pick<CampaignSettings, 'deadline'>, now: Date): string | null {
  if (!deadlinePassed(c, now)) return null;
  return `El plazo de la campaña venció el ${formatDate(c.deadline)}: los guiones y mensajes dirían una fecha pasada. Cámbielo en Configuración → Campaña.`;
}

/** Why customer messages cannot be generated now (a past deadline would be told to every customer), or null. */
export function messagesRefusal(c: Pick<CampaignSettings, 'deadline'>, now: Date): string | null {
  if (!deadlinePassed(c, now)) return null;
  return `No se generaron los mensajes para los clientes: el plazo de la campaña venció el ${formatDate(c.deadline)} y los mensajes dirían una fecha pasada. Cambie la fecha límite en Configuración → Campaña y vuelva a generarlos.`;
}
