import type { OutputOf } from '../../../../shared/contracts/contract';
import type { syncOverview } from '../../../../shared/contracts/sync';

/** What the sync screens show beside their work: past packages, open conflicts and depuración batches. */
export type Overview = OutputOf<typeof syncOverview>;

/** The three files of a depuración batch: key in the result, label, and how a sentence names it. */
export const DEPURATION_FILES = [
  ['baseDepurada', 'Base depurada', 'la base depurada'],
  ['cargaValores', 'Carga de valores', 'la carga de valores'],
  ['comunicaciones', 'Comunicaciones', 'las comunicaciones'],
] as const;
