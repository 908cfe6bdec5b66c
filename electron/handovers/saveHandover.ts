import type { SessionUser } from '../../shared/contracts/app';
import type { HandoverInput } from '../../shared/contracts/handovers';
import { thirdPartyErrors } from '../../shared/handover';
import { normalizeIdentification } from '../../shared/identification';
import { AppFailure } from '../../shared/result';
import { cleanText, printedText } from '../../shared/text';
import { normalizeBusinessLine, serialKey, serviceKey } from '../../shared/values';
import { customerById, customerByKey, insertCustomer, insertOutOfBaseService, serviceByKey, serviceOwner } from '../db/customers';
import { expectedItemForHandover } from '../db/expectedItems';
import { handoverOriginStation, insertHandover, insertHandoverItem, insertVoid, isVoided } from '../db/handovers';
import { newId } from '../db/ids';
import type { Db, Tx } from '../db/open';
import type { StationRow } from '../db/stations';
import { runWrite } from '../db/writeSession';
import { recordHandoverDocuments, type StoredHandoverDocument } from './handoverDocuments';
import { takeActaNumber } from './numbering';
import { sealHandover, type ActaSigner } from './verification';

interface Holder {
  customerId: string;
  identification: string | null;
  name: string;
}

/**
 * At the desk a mistyped cédula is caught now; a RUC that fails mod 11 is accepted (recent
 * company RUCs do), and other numbers are taken as typed (foreign IDs, passports).
 */
function checkedIdentification(raw: string, field: string): string {
  const typed = raw.replace(/[\s.-]/g, '').toUpperCase();
  const id = normalizeIdentification(raw);
  if (!id) throw new AppFailure('validation', 'Escriba la identificación.', { [field]: 'Obligatoria.' });
  if (id.type === 'CEDULA' && id.warning) {
    if (typed.length === 10) throw new AppFailure('validation', `${id.warning} Revise el número ${id.value}.`, { [field]: id.warning });
    return typed;
  }
  return id.value;
}

/** A customer the base does not have: created with a service marked outside the base. */
function outOfBaseHolder(tx: Tx, o: NonNullable<HandoverInput['outOfBase']>, station: string, now: string): { holder: Holder; serviceId: string } {
  const identification = checkedIdentification(o.identification, 'outOfBase.identification');
  const sKey = serviceKey(o.serviceNumber);
  const existing = serviceByKey(tx, sKey);
  if (existing?.in_base === 1) {
    throw new AppFailure('conflict', `El servicio ${o.serviceNumber} está en la base (cliente ${existing.name ?? ''}): búsquelo y registre la entrega desde su ficha.`);
  }
  let customer = customerByKey(tx, identification);
  const name = printedText(o.name);
  if (!customer) {
    customer = { id: newId(), name };
    insertCustomer(tx, {
      id: customer.id,
      originStation: station,
      key: identification,
      identification,
      idType: normalizeIdentification(identification)?.type ?? null,
      name,
      now,
    });
  }
  let serviceId = existing?.id;
  if (!serviceId) {
    serviceId = newId();
    insertOutOfBaseService(tx, {
      id: serviceId,
      originStation: station,
      customerId: customer.id,
      serviceNumber: cleanText(o.serviceNumber),
      key: sKey,
      businessLine: o.businessLine ? normalizeBusinessLine(o.businessLine) : null,
      businessLineRaw: o.businessLine ?? null,
      now,
    });
  }
  return { holder: { customerId: customer.id, identification, name: customer.name ?? name }, serviceId };
}

/** The form checks a tercero before its confirmation; the main process holds any caller to the same rules, every problem at once. */
function refuseBadThirdParty(third: NonNullable<HandoverInput['thirdParty']>): void {
  const errors = thirdPartyErrors(third);
  const entries = Object.entries(errors);
  if (entries.length === 0) return;
  throw new AppFailure(
    'validation',
    `Revise los datos de quien entrega. ${entries.map(([, m]) => m).join(' ')}`,
    Object.fromEntries(entries.map(([k, m]) => [`thirdParty.${k}`, m])),
  );
}

/**
 * Stores a handover and its items and issues the acta number, all in one write session: the
 * number, the records, the station's seal and the new service statuses commit together or not at
 * all. `sign` is the station key's signer, loaded before the session (signing is synchronous).
 */
export function saveHandover(
  db: Db,
  input: HandoverInput,
  station: StationRow,
  clerk: SessionUser,
  sign: ActaSigner,
  at: Date = new Date(),
  /** The tercero's documents, already stored (handoverDocuments.ts): recorded in the acta's own session. */
  documents: StoredHandoverDocument[] = [],
): string {
  const now = at.toISOString();
  if (input.deliveredBy === 'TERCERO' && input.thirdParty) refuseBadThirdParty(input.thirdParty);
  if (documents.length > 0 && input.deliveredBy !== 'TERCERO') throw new AppFailure('validation', 'Solo se adjuntan documentos cuando entrega un tercero.');
  return runWrite(db, (tx) => {
    let holder: Holder;
    let defaultServiceId: string | null = null;
    if (input.customerId) {
      const c = customerById(tx, input.customerId);
      if (!c) throw new AppFailure('not_found', 'No se encontró el cliente. Búsquelo de nuevo.');
      holder = { customerId: c.id, identification: c.identification, name: c.name ?? '(sin nombre)' };
    } else {
      const made = outOfBaseHolder(tx, input.outOfBase!, station.code, now);
      holder = made.holder;
      defaultServiceId = made.serviceId;
    }

    const third =
      input.deliveredBy === 'TERCERO' && input.thirdParty
        ? {
            identification: checkedIdentification(input.thirdParty.identification, 'thirdParty.identification'),
            name: printedText(input.thirdParty.name),
          }
        : null;

    const rows = input.items.map((item, index) => {
      const unexpected = !item.expectedItemId;
      let serviceId = item.serviceId ?? defaultServiceId;
      let serviceNumber: string | null = null;
      let type = item.type ?? '';
      let described = { brand: item.brand, model: item.model, serial: item.serial };
      if (item.expectedItemId) {
        const e = expectedItemForHandover(tx, item.expectedItemId);
        if (!e || e.customer_id !== holder.customerId) throw new AppFailure('conflict', `El equipo ${index + 1} no pertenece a este cliente.`);
        if (e.returned_in) throw new AppFailure('conflict', `El equipo ${item.type} ${item.serial ?? ''} ya se recibió en el acta ${e.returned_in}.`);
        serviceId = e.service_id;
        serviceNumber = e.service_number;
        // The base describes its own items; the acta copies that, whatever the form sent.
        type = e.equipment_type || item.type || 'EQUIPO';
        described = { brand: e.brand ?? item.brand, model: e.model ?? item.model, serial: e.serial ?? item.serial };
      } else {
        if (!item.type) {
          throw new AppFailure('validation', `Indique el tipo del equipo ${index + 1}, que no está en la base.`, { [`items.${index}.type`]: 'Obligatorio.' });
        }
        if (!item.note) {
          throw new AppFailure('validation', `Escriba una nota para el equipo ${index + 1} (${item.type}), que no está en la base.`, {
            [`items.${index}.note`]: 'Obligatoria para equipos no listados.',
          });
        }
        if (serviceId) {
          const s = serviceOwner(tx, serviceId);
          if (!s || s.customer_id !== holder.customerId) throw new AppFailure('conflict', `El servicio del equipo ${index + 1} no es de este cliente.`);
          serviceNumber = s.service_number;
        }
      }
      return { item: { ...item, ...described, type }, unexpected, serviceId, serviceNumber };
    });

    const { seq, number } = takeActaNumber(tx, station.code, at.getFullYear());
    const id = newId();
    insertHandover(tx, {
      id,
      originStation: station.code,
      actaNumber: number,
      actaYear: at.getFullYear(),
      actaSeq: seq,
      historical: false,
      outOfBase: !!input.outOfBase,
      customerId: holder.customerId,
      holderIdentification: holder.identification,
      holderName: holder.name,
      deliveredBy: input.deliveredBy,
      thirdPartyIdentification: third?.identification ?? null,
      thirdPartyName: third?.name ?? null,
      thirdPartyDocuments: !!input.thirdParty?.documentsReceived,
      observations: input.observations || null,
      office: station.office,
      city: station.city,
      clerkUserId: clerk.id,
      clerkName: clerk.fullName,
      deliveredAt: now,
      createdAt: now,
      // Sealed below, from the record as stored, once its items are in.
      contentHash: null,
      verificationCode: null,
    });
    for (const r of rows) {
      const i = r.item;
      insertHandoverItem(tx, {
        id: newId(),
        originStation: station.code,
        handoverId: id,
        serviceId: r.serviceId,
        expectedItemId: i.expectedItemId ?? null,
        serviceNumber: r.serviceNumber,
        equipmentType: i.type.toLocaleUpperCase('es-EC'),
        brand: i.brand?.toLocaleUpperCase('es-EC') || null,
        model: i.model?.toLocaleUpperCase('es-EC') || null,
        serial: i.serial?.toUpperCase() || null,
        serialKey: i.serial ? serialKey(i.serial) || null : null,
        condition: i.condition,
        accessories: JSON.stringify(i.accessories),
        note: i.note || null,
        unexpected: r.unexpected,
        createdAt: now,
      });
    }
    recordHandoverDocuments(tx, id, documents, station.code, clerk.fullName, now);
    sealHandover(tx, id, sign);
    return id;
  });
}

/** Voids an acta: the record stays, the number stays used, the services go back to what the rest says. */
export function voidHandover(db: Db, id: string, reason: string, user: SessionUser, station: string): void {
  runWrite(db, (tx) => {
    const origin = handoverOriginStation(tx, id);
    if (origin === null) throw new AppFailure('not_found', 'No se encontró el acta.');
    if (isVoided(tx, id)) throw new AppFailure('conflict', 'El acta ya estaba anulada.');
    // Another station's acta came here in a national update: only its station may void it, and a
    // package voiding it would be refused by Posventa.
    if (origin !== station) {
      throw new AppFailure('refused', `El acta fue emitida por la estación ${origin}: solo esa estación puede anularla. Pida la anulación a esa oficina.`);
    }
    insertVoid(tx, { id: newId(), originStation: station, handoverId: id, reason: cleanText(reason), userId: user.id, userName: user.fullName, createdAt: new Date().toISOString() });
  });
}
