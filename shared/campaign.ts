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
};
