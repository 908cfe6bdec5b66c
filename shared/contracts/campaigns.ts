import { z } from 'zod';
import { formatDate } from '../dates';
import { CampaignSettings } from '../campaign';
import { CentsSchema, contract, Empty } from './contract';

/**
 * Campaigns: each base belongs to one. Starting a new campaign archives the whole database first,
 * then empties the old campaign's working records (docs/domain.md, "Campañas"), so two campaigns'
 * customers and actas never mix. Packages and national updates name their campaign; a station on
 * another campaign refuses them.
 */

/** What a campaign held when it closed: written into its row, shown beside its archive. */
export const CampaignSummary = z.object({
  customers: z.number().int().nonnegative(),
  services: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  actas: z.number().int().nonnegative(),
  voided: z.number().int().nonnegative(),
  returnedItems: z.number().int().nonnegative(),
  backups: z.number().int().nonnegative(),
  /** Value of every item the base listed. */
  totalCents: CentsSchema,
  /** Value of the base's items returned in actas not voided. */
  recoveredCents: CentsSchema,
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  /** The archive's file (full path) and SHA-256, for a closed campaign. */
  archiveFile: z.string().nullable(),
  archiveSha256: z.string().nullable(),
  /** Whether the archive is still where it was written (a folder on another disk may be unplugged). */
  archivePresent: z.boolean(),
  summary: CampaignSummary.nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignsState = z.object({
  current: Campaign,
  /** Closed campaigns, newest first. */
  archived: z.array(Campaign),
  /**
   * At an office: the campaign a national update named that this office is not on yet. Starting a
   * campaign with its name and year joins it (same id), so packages and updates match again.
   */
  pending: z.object({ id: z.string(), name: z.string(), year: z.number().int() }).nullable(),
});
export type CampaignsState = z.infer<typeof CampaignsState>;

export const CampaignStartInput = z
  .object({
    name: CampaignSettings.shape.name,
    year: CampaignSettings.shape.year,
    startDate: CampaignSettings.shape.startDate,
    deadline: CampaignSettings.shape.deadline,
    /** The person confirmed what happens (archive, then the old campaign's records leave this database). */
    confirm: z.literal(true, { error: 'Confirme que desea iniciar una campaña nueva.' }),
  })
  .strict();
export type CampaignStartInput = z.infer<typeof CampaignStartInput>;

export const CampaignStartResult = z.object({
  closed: Campaign,
  opened: Campaign,
  archivePath: z.string(),
});
export type CampaignStartResult = z.infer<typeof CampaignStartResult>;

export const campaignsList = contract('campaigns:list', Empty, CampaignsState);
export const campaignsStart = contract('campaigns:start', CampaignStartInput, CampaignStartResult);

/** «Recuperación de equipos 2021» (2021), as every message names a campaign. */
export function campaignLabel(c: { name: string; year: number }): string {
  return `«${c.name}» (${c.year})`;
}

/** What the confirmation says will happen, before anything is done. */
export function startCampaignWarning(current: { name: string; year: number }, next: { name: string; year: number; deadline: string }): string[] {
  return [
    `Se guardará un archivo completo de la base actual (campaña ${campaignLabel(current)}) en la carpeta de las copias de seguridad.`,
    `Después se quitarán de esta computadora los clientes, servicios, actas, respaldos, correos, conflictos y lotes de esa campaña; quedarán solo en el archivo.`,
    'Se conservan los usuarios, las estaciones, la configuración, la auditoría y la numeración de las actas (no vuelve a empezar).',
    `Se abrirá la campaña ${campaignLabel(next)} con fecha límite ${formatDate(next.deadline)}. Luego importe su base.`,
  ];
}

/** The central's refusal of an office package made in another campaign. */
export function packageCampaignRefusal(station: string, pkg: { name: string; year: number }, here: { name: string; year: number }): string {
  return (
    `El paquete de ${station} es de la campaña ${campaignLabel(pkg)} y esta central trabaja en la campaña ${campaignLabel(here)}: no se consolidó. ` +
    `La oficina debe aplicar la última actualización nacional e iniciar la campaña ${campaignLabel(here)} antes de exportar de nuevo.`
  );
}

/** An office's refusal of a national update of another campaign, with what to do. */
export function updateCampaignRefusal(update: { name: string; year: number }, here: { name: string; year: number }): string {
  return (
    `Esta actualización nacional es de la campaña ${campaignLabel(update)} y esta oficina sigue en la campaña ${campaignLabel(here)}: no se aplicó. ` +
    `Primero exporte el último paquete de esta oficina y envíelo a Posventa; luego, en Configuración → Campaña, inicie la campaña nueva con el nombre «${update.name}» y el año ${update.year}, y aplique de nuevo esta actualización.`
  );
}
