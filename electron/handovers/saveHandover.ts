import type { SessionUser } from '../../shared/contracts/app';
import type { HandoverInput } from '../../shared/contracts/handovers';
import { normalizeIdentification } from '../../shared/identification';
import { AppFailure } from '../../shared/result';
import { cleanText } from '../../shared/text';
import { normalizeBusinessLine, serialKey, serviceKey } from '../../shared/values';
import { indexNewCustomers, maxCustomerNum } from '../db/customers';
import { newId } from '../db/ids';
import type { Db } from '../db/open';
import type { StationRow } from '../db/stations';
import { stmt } from '../db/stmt';
import { takeActaNumber } from './numbering';
import { recomputeServiceStatus } from './serviceStatus';
import { actaContent, contentHash, verificationCode } from './verification';

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
function outOfBaseHolder(db: Db, o: NonNullable<HandoverInput['outOfBase']>, station: string, now: string): { holder: Holder; serviceId: string } {
  const identification = checkedIdentification(o.identification, 'outOfBase.identification');
  const sKey = serviceKey(o.serviceNumber);
  const existing = stmt(db, 'SELECT s.id, s.in_base, c.id AS customer_id, c.name FROM services s JOIN customers c ON c.id = s.customer_id WHERE s.service_key = ?').get(sKey) as
    | { id: string; in_base: number; customer_id: string; name: string | null }
    | undefined;
  if (existing?.in_base === 1) {
    throw new AppFailure('conflict', `El servicio ${o.serviceNumber} está en la base (cliente ${existing.name ?? ''}): búsquelo y registre la entrega desde su ficha.`);
  }
  let customer = stmt(db, 'SELECT id, name FROM customers WHERE customer_key = ?').get(identification) as { id: string; name: string | null } | undefined;
  const name = cleanText(o.name).toLocaleUpperCase('es-EC');
  if (!customer) {
    customer = { id: newId(), name };
    stmt(
      db,
      `INSERT INTO customers (id, origin_station, customer_key, identification, id_type, name, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(customer.id, station, identification, identification, normalizeIdentification(identification)?.type ?? null, name, now, now);
  }
  let serviceId = existing?.id;
  if (!serviceId) {
    serviceId = newId();
    stmt(
      db,
      `INSERT INTO services (id, origin_station, customer_id, service_number, service_key, business_line, business_line_raw, in_base, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(serviceId, station, customer.id, cleanText(o.serviceNumber), sKey, o.businessLine ? normalizeBusinessLine(o.businessLine) : null, o.businessLine ?? null, now, now);
  }
  return { holder: { customerId: customer.id, identification, name: customer.name ?? name }, serviceId };
}

interface ExpectedRow {
  id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  service_id: string;
  service_number: string;
  customer_id: string;
  returned_in: string | null;
}

/**
 * Stores a handover and its items and issues the acta number, all in one transaction: the
 * number, the records and the new service statuses commit together or not at all.
 */
export function saveHandover(db: Db, input: HandoverInput, station: StationRow, clerk: SessionUser, at: Date = new Date()): string {
  const now = at.toISOString();
  return db
    .transaction(() => {
      const firstNewCustomer = maxCustomerNum(db);
      let holder: Holder;
      let defaultServiceId: string | null = null;
      if (input.customerId) {
        const c = stmt(db, 'SELECT id, identification, name FROM customers WHERE id = ?').get(input.customerId) as
          | { id: string; identification: string | null; name: string | null }
          | undefined;
        if (!c) throw new AppFailure('not_found', 'No se encontró el cliente. Búsquelo de nuevo.');
        holder = { customerId: c.id, identification: c.identification, name: c.name ?? '(sin nombre)' };
      } else {
        const made = outOfBaseHolder(db, input.outOfBase!, station.code, now);
        holder = made.holder;
        defaultServiceId = made.serviceId;
      }

      const third =
        input.deliveredBy === 'TERCERO' && input.thirdParty
          ? {
              identification: checkedIdentification(input.thirdParty.identification, 'thirdParty.identification'),
              name: cleanText(input.thirdParty.name).toLocaleUpperCase('es-EC'),
            }
          : null;

      const services = new Set<string>();
      const rows = input.items.map((item, index) => {
        const unexpected = !item.expectedItemId;
        let serviceId = item.serviceId ?? defaultServiceId;
        let serviceNumber: string | null = null;
        let type = item.type ?? '';
        let described = { brand: item.brand, model: item.model, serial: item.serial };
        if (item.expectedItemId) {
          const e = stmt(
            db,
            `SELECT i.id, i.equipment_type, i.brand, i.model, i.serial, i.service_id, s.service_number, s.customer_id,
               (SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
                 WHERE hi.expected_item_id = i.id AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)) AS returned_in
             FROM expected_items i JOIN services s ON s.id = i.service_id WHERE i.id = ?`,
          ).get(item.expectedItemId) as ExpectedRow | undefined;
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
            const s = stmt(db, 'SELECT service_number, customer_id FROM services WHERE id = ?').get(serviceId) as
              | { service_number: string; customer_id: string }
              | undefined;
            if (!s || s.customer_id !== holder.customerId) throw new AppFailure('conflict', `El servicio del equipo ${index + 1} no es de este cliente.`);
            serviceNumber = s.service_number;
          }
        }
        if (serviceId) services.add(serviceId);
        return { item: { ...item, ...described, type }, unexpected, serviceId, serviceNumber };
      });

      const { seq, number } = takeActaNumber(db, station.code, at.getFullYear());
      const id = newId();
      const view = {
        number,
        station: station.code,
        deliveredAt: now,
        holder: { identification: holder.identification, name: holder.name },
        items: rows.map((r) => ({ serviceNumber: r.serviceNumber, type: r.item.type, brand: r.item.brand ?? null, model: r.item.model ?? null, serial: r.item.serial ?? null, condition: r.item.condition })),
      };
      const hash = contentHash(actaContent(view as never));
      stmt(
        db,
        `INSERT INTO handovers (id, origin_station, acta_number, acta_year, acta_seq, historical, out_of_base, customer_id,
           holder_identification, holder_name, delivered_by, third_party_identification, third_party_name, third_party_documents,
           observations, office, city, clerk_user_id, clerk_name, delivered_at, created_at, content_hash, verification_code)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, station.code, number, at.getFullYear(), seq, input.outOfBase ? 1 : 0, holder.customerId, holder.identification, holder.name,
        input.deliveredBy, third?.identification ?? null, third?.name ?? null, input.thirdParty?.documentsReceived ? 1 : 0,
        input.observations || null, station.office, station.city, clerk.id, clerk.fullName, now, now, hash, verificationCode(hash));
      const insItem = stmt(
        db,
        `INSERT INTO handover_items (id, origin_station, handover_id, service_id, expected_item_id, service_number, equipment_type, brand,
           model, serial, serial_key, condition, accessories, note, unexpected, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of rows) {
        const i = r.item;
        insItem.run(newId(), station.code, id, r.serviceId, i.expectedItemId ?? null, r.serviceNumber, i.type.toLocaleUpperCase('es-EC'),
          i.brand?.toLocaleUpperCase('es-EC') || null, i.model?.toLocaleUpperCase('es-EC') || null, i.serial?.toUpperCase() || null,
          i.serial ? serialKey(i.serial) || null : null, i.condition, JSON.stringify(i.accessories), i.note || null, r.unexpected ? 1 : 0, now);
      }
      for (const s of services) recomputeServiceStatus(db, s);
      indexNewCustomers(db, firstNewCustomer);
      return id;
    })
    .immediate();
}

/** Voids an acta: the record stays, the number stays used, the services go back to what the rest says. */
export function voidHandover(db: Db, id: string, reason: string, user: SessionUser, station: string): void {
  db.transaction(() => {
    const h = stmt(db, 'SELECT id FROM handovers WHERE id = ?').get(id);
    if (!h) throw new AppFailure('not_found', 'No se encontró el acta.');
    if (stmt(db, 'SELECT 1 FROM handover_voids WHERE handover_id = ?').get(id)) throw new AppFailure('conflict', 'El acta ya estaba anulada.');
    stmt(db, 'INSERT INTO handover_voids (id, origin_station, handover_id, reason, user_id, user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      newId(), station, id, cleanText(reason), user.id, user.fullName, new Date().toISOString());
    const services = stmt(db, 'SELECT DISTINCT service_id FROM handover_items WHERE handover_id = ? AND service_id IS NOT NULL').pluck().all(id) as string[];
    for (const s of services) recomputeServiceStatus(db, s);
  }).immediate();
}
