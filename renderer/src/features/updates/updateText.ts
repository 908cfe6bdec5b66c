import type { NationalUpdateEntry, UpdateChanges, UpdateCounts } from '../../../../shared/contracts/updates';
import { formatDate, localDay } from '../../../../shared/dates';

/** How people name a national update's kind: `Completa`, `Incremental desde la N.º 3` (`lower` inside a sentence). */
export function kindText(u: { kind: NationalUpdateEntry['kind']; sinceSeq: number | null }, lower = false): string {
  const text = u.kind === 'COMPLETA' ? 'Completa' : `Incremental desde la N.º ${u.sinceSeq ?? '?'}`;
  return lower ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The day the update's data was read at the central: what "al día" means. */
export function updateDay(u: { snapshotAt: string }): string {
  return formatDate(localDay(u.snapshotAt) ?? u.snapshotAt);
}

const n = (v: number | undefined) => (v ?? 0).toLocaleString('es-EC');
const of = (v: number | undefined, one: string, many: string) => `${n(v)} ${(v ?? 0) === 1 ? one : many}`;

/** What an update carries, in one line for a table. */
export function countsText(c: Partial<UpdateCounts>): string {
  return [
    of(c.customers, 'cliente', 'clientes'),
    of(c.services, 'servicio', 'servicios'),
    of(c.handovers, 'acta', 'actas'),
    of(c.voids, 'anulación', 'anulaciones'),
    of(c.backups, 'respaldo', 'respaldos'),
    of(c.stations, 'estación', 'estaciones'),
  ].join(', ');
}

/** What applying changed at this office, for a count grid (label, value, tone). */
export function changeCounts(c: UpdateChanges): Array<[string, number, string?]> {
  const baseRows =
    c.customersInserted + c.customersUpdated + c.servicesInserted + c.servicesUpdated + c.expectedItemsInserted + c.expectedItemsUpdated;
  return [
    ['Actas nuevas', c.handoversInserted, c.handoversInserted ? 'good' : ''],
    ['Actas corregidas', c.handoversUpdated],
    ['Equipos entregados', c.itemsInserted],
    ['Anulaciones', c.voidsInserted],
    ['Respaldos nuevos', c.backupsInserted],
    ['Revisiones de respaldos', c.reviews, c.reviews ? 'info' : ''],
    ['Conflictos resueltos', c.conflicts],
    ['Estaciones', c.stations],
    ['Filas de la base', baseRows],
    ['Estados que cambiaron', c.statuses],
  ];
}

/** The base rows, told apart, for whoever wants the detail. */
export function baseText(c: UpdateChanges): string {
  return `Clientes: ${n(c.customersInserted)} nuevos y ${n(c.customersUpdated)} actualizados. Servicios: ${n(c.servicesInserted)} nuevos y ${n(c.servicesUpdated)} actualizados. Equipos de la base: ${n(c.expectedItemsInserted)} nuevos y ${n(c.expectedItemsUpdated)} actualizados.`;
}
