import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha válida.');

/** Campaign settings: every date, address and number the scripts and messages use. Never constants in code. */
export const CampaignSettings = z.object({
  name: z.string().trim().min(3).max(120),
  startDate: isoDate,
  deadline: isoDate,
  backupEmail: z.string().trim().email('Escriba un correo válido.'),
  phone: z.string().trim().min(3).max(40),
  schedulingUrl: z.string().trim().url('Escriba una dirección web completa (https://…).'),
  websiteUrl: z.string().trim().min(3).max(120),
  emailSubjectFormat: z.string().trim().min(3).max(120),
  /** Attention scripts (guion) by situation; placeholders in braces are filled per customer. */
  scriptPending: z.string().trim().min(10).max(2000),
  scriptReview: z.string().trim().min(10).max(2000),
  scriptDone: z.string().trim().min(10).max(2000),
});
export type CampaignSettings = z.infer<typeof CampaignSettings>;

/** The 2021 campaign as the training deck describes it. */
export const DEFAULT_CAMPAIGN: CampaignSettings = {
  name: 'Recuperación de equipos 2021',
  startDate: '2021-03-17',
  deadline: '2021-03-31',
  backupEmail: 'posventagec2@cnt.gob.ec',
  phone: '1800-100-100',
  schedulingUrl: 'https://flujodecolas.cnt.gob.ec/web/',
  websiteUrl: 'www.cnt.com.ec',
  emailSubjectFormat: 'CEDULA//APELLIDOS Y NOMBRES//LINEA DE NEGOCIO',
  scriptPending:
    'Sr(a). {nombre}: su servicio de {linea_negocio} número {numero_servicio}, retirado el {fecha_retiro}, tiene equipos pendientes de entrega. ' +
    'Agende su turno en {url_turnos} y entréguelos en un CAC hasta el {fecha_limite} para evitar valores adicionales. ' +
    'Si ya los entregó: en el CAC presente el acta de entrega-recepción para adjuntarla; por teléfono, envíela al correo {correo} con el asunto {asunto}. ' +
    'Más información al {telefono}.',
  scriptReview:
    'Sr(a). {nombre}: el respaldo de la entrega de los equipos de su servicio {numero_servicio} está en revisión por Posventa. No necesita hacer nada más; si tiene dudas, llame al {telefono}.',
  scriptDone: 'Sr(a). {nombre}: los equipos de su servicio {numero_servicio} ya constan como entregados. No necesita hacer nada más.',
};
