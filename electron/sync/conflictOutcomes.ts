import type { Condition } from '../../shared/handover';
import { AppFailure } from '../../shared/result';
import { normalizeStationCode, stationCodeProblem } from '../../shared/station';
import { serviceKey } from '../../shared/values';
import {
  actaNumberTaken,
  customerExists,
  detachSerialItem,
  expectedItemByLine,
  expectedItemsOf,
  insertConflict,
  insertRestoredHandover,
  insertSeenStation,
  itemsOfService,
  moveBackupLinks,
  moveItemToService,
  removeUnusedOutOfBaseService,
  serialHolders,
  serviceExists,
  serviceRefByKey,
  setStationCode,
  stationById,
  stationCodeInUse,
  type ConflictRow,
} from '../db/conflicts';
import { customerByKey, insertOutOfBaseService } from '../db/customers';
import { newId } from '../db/ids';
import { handoverExists, insertHandoverItem } from '../db/handovers';
import type { Tx } from '../db/open';
import { recheckSerialKeys } from '../db/serialConflicts';
import { touchService } from '../db/writeSession';

// What each decision does to the records, inside the resolving write session. Each returns the
// resolution's detail (kept as JSON with the conflict, and carried by the national update).

/** The payload of an ESTACION_DUPLICADA: the two stations as consolidation saw them. */
export interface StationsPayload {
  stations: Array<{ id: string; code: string; office: string; regional?: string | null; city?: string | null }>;
}

/** A set-aside acta as kept in its conflict: a package's row or this PC's, with its items. */
export interface SetAsidePayload {
  handover: Record<string, unknown> & { id: string; acta_number: string; holder_name: string; delivered_at: string; origin_station: string };
  items: Array<Record<string, unknown> & { id: string }>;
}

export function parsePayload<T>(c: ConflictRow): T | null {
  if (!c.payload) return null;
  try {
    return JSON.parse(c.payload) as T;
  } catch {
    return null;
  }
}

/** `CODE|id1|id2` → the code and the two station ids. */
export function stationConflictKey(key: string): { code: string; ids: string[] } {
  const [code = '', ...ids] = key.split('|');
  return { code, ids };
}

// --- SERIE_DUPLICADA ---------------------------------------------------------------------------

/**
 * The serial belongs to `acta`: the other actas keep their item as recorded, but it no longer
 * returns that serial (no expected item, no serial match), so their services owe it again.
 */
export function serialBelongsToOne(tx: Tx, c: ConflictRow, acta: string): Record<string, unknown> {
  const holders = serialHolders(tx, c.conflict_key);
  const number = acta.trim().toUpperCase();
  const kept = [...new Set(holders.filter((h) => h.acta_number.toUpperCase() === number).map((h) => h.handover_id))];
  const numbers = [...new Set(holders.map((h) => h.acta_number))].join(', ');
  if (kept.length === 0) throw new AppFailure('validation', `El acta ${number} no tiene la serie en conflicto. Actas que la tienen: ${numbers || 'ninguna'}.`);
  if (kept.length > 1) throw new AppFailure('validation', `Hay dos actas con el número ${number}: resuelva antes el número de acta reutilizado.`);
  const keptId = kept[0]!;
  const detached = holders.filter((h) => h.handover_id !== keptId);
  for (const h of detached) detachSerialItem(tx, { itemId: h.item_id, serviceId: h.service_id });
  return {
    serialKey: c.conflict_key,
    handoverId: keptId,
    acta: holders.find((h) => h.handover_id === keptId)!.acta_number,
    detached: detached.map((h) => ({ itemId: h.item_id, handoverId: h.handover_id, acta: h.acta_number })),
  };
}

/** Both actas are right: nothing changes, and the conflict is no longer listed. */
export function serialBelongsToBoth(tx: Tx, c: ConflictRow): Record<string, unknown> {
  return { serialKey: c.conflict_key, actas: [...new Set(serialHolders(tx, c.conflict_key).map((h) => h.acta_number))] };
}

// --- ACTA_REUTILIZADA --------------------------------------------------------------------------

/**
 * The set-aside acta is stored under `<printed number>-R<n>` (the first n free): a station issues
 * only `…-AAAA-NNNNNN`, so the new number never clashes with one, and the printed number stays
 * in `original_number` (a reader of the number finds the printed part first). Its items are
 * linked as a consolidation links them, so its returns count.
 */
export function renumberSetAside(tx: Tx, c: ConflictRow, now: string): Record<string, unknown> {
  const p = parsePayload<SetAsidePayload>(c);
  if (!p?.handover) throw new AppFailure('refused', 'Este conflicto no conserva el acta apartada: no se puede renumerar.');
  const h = p.handover;
  if (handoverExists(tx, h.id)) throw new AppFailure('conflict', 'El acta apartada ya está registrada en esta base de datos.');
  const original = str(h.original_number) ?? h.acta_number;
  let n = 1;
  while (actaNumberTaken(tx, h.origin_station, `${original}-R${n}`)) n++;
  const newNumber = `${original}-R${n}`;
  const customerId = customerOf(tx, h);
  insertRestoredHandover(tx, {
    id: h.id,
    origin_station: h.origin_station,
    acta_number: newNumber,
    original_number: original,
    acta_year: num(h.acta_year),
    acta_seq: num(h.acta_seq),
    historical: num(h.historical) ?? 0,
    out_of_base: num(h.out_of_base) ?? 0,
    customer_id: customerId,
    holder_identification: str(h.holder_identification),
    holder_name: h.holder_name,
    delivered_by: str(h.delivered_by) ?? 'TITULAR',
    third_party_identification: str(h.third_party_identification),
    third_party_name: str(h.third_party_name),
    third_party_documents: num(h.third_party_documents) ?? 0,
    observations: str(h.observations),
    office: str(h.office),
    city: str(h.city),
    clerk_user_id: str(h.clerk_user_id),
    clerk_name: str(h.clerk_name),
    delivered_at: h.delivered_at,
    created_at: str(h.created_at) ?? now,
    content_hash: str(h.content_hash),
    verification_code: str(h.verification_code),
    // This PC's archived PDF when the acta was this PC's; a package's acta has none here.
    pdf_path: str(h.pdf_path),
    signature: str(h.signature),
  });
  const serials: string[] = [];
  const outOfBase: string[] = [];
  for (const i of p.items) {
    const serviceId = serviceOf(tx, i, customerId, h, now, outOfBase);
    const lineKey = str(i.line_key);
    const serial = str(i.serial_key);
    if (serial) serials.push(serial);
    insertHandoverItem(tx, {
      id: i.id,
      originStation: str(i.origin_station) ?? h.origin_station,
      handoverId: h.id,
      serviceId,
      expectedItemId: serviceId && lineKey ? expectedItemByLine(tx, serviceId, lineKey) : null,
      serviceNumber: str(i.service_number),
      equipmentType: str(i.equipment_type) ?? '',
      brand: str(i.brand),
      model: str(i.model),
      serial: str(i.serial),
      serialKey: serial,
      condition: (str(i.condition) ?? 'BUENO') as Condition,
      accessories: str(i.accessories) ?? '[]',
      note: str(i.note),
      unexpected: num(i.unexpected) === 1,
      createdAt: str(i.created_at) ?? now,
    });
  }
  const serialConflicts = recheckSerialKeys(tx, serials, now);
  return { handoverId: h.id, station: h.origin_station, originalNumber: original, newNumber, outOfBase, serialConflicts: serialConflicts.length };
}

function customerOf(tx: Tx, h: SetAsidePayload['handover']): string | null {
  const id = str(h.customer_id);
  if (id && customerExists(tx, id)) return id;
  const key = str(h.customer_key);
  return key ? (customerByKey(tx, key)?.id ?? null) : null;
}

/** The item's service here: by its number's key, else the one it had; a service the base lacks is kept outside it, as consolidation does. */
function serviceOf(tx: Tx, i: SetAsidePayload['items'][number], customerId: string | null, h: SetAsidePayload['handover'], now: string, outOfBase: string[]): string | null {
  const key = str(i.service_key);
  const byKey = key ? serviceRefByKey(tx, key) : null;
  if (byKey) return byKey.id;
  const had = str(i.service_id);
  if (had && serviceExists(tx, had)) return had;
  const number = str(i.service_number);
  if (!key || !number || !customerId) return null;
  const id = newId();
  const line = str(i.business_line);
  insertOutOfBaseService(tx, { id, originStation: h.origin_station, customerId, serviceNumber: number, key, businessLine: line, businessLineRaw: line, now });
  touchService(tx, id);
  insertConflict(tx, {
    kind: 'SERVICIO_FUERA_DE_BASE',
    key,
    detail: `El servicio ${number} (acta ${h.acta_number}, estación ${h.origin_station}) no está en la base; se registró como fuera de base.`,
    payload: null,
    now,
  });
  outOfBase.push(number);
  return id;
}

// --- SERVICIO_FUERA_DE_BASE --------------------------------------------------------------------

/**
 * The out-of-base service is a base service written another way: its items move to the base
 * service, each taking the expected item with its serial, else one of its type not yet returned;
 * its respaldos cover the base service; the out-of-base service is removed once nothing uses it.
 */
export function linkToBaseService(tx: Tx, c: ConflictRow, serviceNumber: string): Record<string, unknown> {
  const from = serviceRefByKey(tx, c.conflict_key);
  if (!from || from.in_base === 1) throw new AppFailure('conflict', 'El servicio fuera de base ya no existe en esta base de datos: actualice la lista.');
  const to = serviceRefByKey(tx, serviceKey(serviceNumber));
  if (!to) throw new AppFailure('not_found', `El servicio ${serviceNumber.trim()} no está en la base. Revise el número.`);
  if (to.in_base !== 1) throw new AppFailure('validation', `El servicio ${to.service_number} también está fuera de la base: elija un servicio de la base.`);
  const free = expectedItemsOf(tx, to.id).filter((e) => e.taken === 0);
  const items = itemsOfService(tx, from.id);
  let matched = 0;
  for (const i of items) {
    const pick = i.voided ? -1 : pickExpected(free, i);
    const expected = pick >= 0 ? free.splice(pick, 1)[0]!.id : null;
    if (expected) matched++;
    moveItemToService(tx, i.id, to.id, expected);
  }
  const backups = moveBackupLinks(tx, from.id, to.id);
  touchService(tx, from.id);
  const removed = removeUnusedOutOfBaseService(tx, from.id);
  return { serviceKey: c.conflict_key, outOfBaseServiceId: from.id, serviceId: to.id, serviceNumber: to.service_number, items: items.length, matched, backups, removedOutOfBase: removed };
}

function pickExpected(free: Array<{ serial_key: string | null; equipment_type: string | null }>, i: { serial_key: string | null; equipment_type: string | null }): number {
  if (i.serial_key) {
    const bySerial = free.findIndex((e) => e.serial_key === i.serial_key);
    if (bySerial >= 0) return bySerial;
  }
  const type = i.equipment_type?.trim().toUpperCase();
  return type ? free.findIndex((e) => e.equipment_type?.trim().toUpperCase() === type) : -1;
}

/** Kept outside the base as recorded; only no longer listed. */
export function keepOutOfBase(c: ConflictRow): Record<string, unknown> {
  return { serviceKey: c.conflict_key };
}

// --- ESTACION_DUPLICADA ------------------------------------------------------------------------

/**
 * One of the two stations takes a new code. Here the stations table follows where that id is
 * known (or records the unknown one under its new code); the office with that id adopts the code
 * when the national update brings `{stationId, newCode}`. Records keep the code they were made with.
 */
export function renameStation(tx: Tx, c: ConflictRow, stationId: string, newCode: string, now: string): Record<string, unknown> {
  const { code, ids } = stationConflictKey(c.conflict_key);
  const id = stationId.trim();
  if (!ids.includes(id)) throw new AppFailure('validation', `La estación ${id} no es ninguna de las dos del conflicto (${ids.join(', ')}).`);
  const next = normalizeStationCode(newCode);
  const problem = stationCodeProblem(next);
  if (problem) throw new AppFailure('validation', problem);
  if (next === code) throw new AppFailure('validation', `El nuevo código debe ser distinto de ${code}.`);
  if (stationCodeInUse(tx, next)) throw new AppFailure('conflict', `El código ${next} ya está en uso en esta base de datos: elija otro.`);
  const here = stationById(tx, id);
  let renamedHere = false;
  if (here) {
    setStationCode(tx, id, next);
    renamedHere = true;
  } else {
    const seen = parsePayload<StationsPayload>(c)?.stations.find((s) => s.id === id);
    if (seen) {
      insertSeenStation(tx, { id, code: next, office: seen.office, regional: seen.regional ?? null, city: seen.city ?? null, now });
      renamedHere = true;
    }
  }
  return { stationId: id, newCode: next, previousCode: code, renamedHere };
}

// Payload values come from JSON: read them as what they should be, or null.
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}
