import { parseEmailSubject } from '../../shared/emailSubject';
import { identificationCandidates } from '../../shared/identification';
import { foldKey } from '../../shared/text';
import { customerByKey, servicesOfCustomer } from '../db/customers';
import type { ReadDb } from '../db/open';

export interface SubjectMatch {
  ok: boolean;
  reason: string | null;
  identification: string | null;
  customerId: string | null;
  customerName: string | null;
  serviceIds: string[];
}

const OWING = new Set(['PENDIENTE', 'ENTREGA_PARCIAL', 'RESPALDO_RECHAZADO']);

/**
 * Why a subject's services take no respaldo. With a line named, the customer may still owe on
 * another: «los servicios de este cliente» would send the reviewer away from a respaldo for them.
 */
function nothingOwedReason(line: string | null, services: Array<{ business_line: string | null; status: string }>): string {
  if (!line) return 'Los servicios de este cliente ya están entregados, regularizados o con un respaldo en revisión.';
  const others = [...new Set(services.filter((s) => OWING.has(s.status) && s.business_line).map((s) => s.business_line!))];
  const still = others.length === 0 ? '' : ` Todavía debe equipos de ${others.join(', ')}: si el respaldo es de esos servicios, asígnelo a mano.`;
  return `Los servicios de ${line} de este cliente ya están entregados, regularizados o con un respaldo en revisión.${still}`;
}

/** Finds the customer and the services a subject `CEDULA//NOMBRES//LINEA` refers to, or says why not. */
export function matchSubject(db: ReadDb, subject: string): SubjectMatch {
  const none = { identification: null, customerId: null, customerName: null, serviceIds: [] };
  const p = parseEmailSubject(subject);
  if (!p.ok) return { ok: false, reason: p.reason, ...none };
  let customer: { id: string; name: string | null } | null = null;
  for (const id of identificationCandidates(p.identification)) customer ??= customerByKey(db, id);
  if (!customer) return { ok: false, reason: `No hay ningún cliente con la identificación ${p.identification} en la base.`, ...none, identification: p.identification };
  const found = { identification: p.identification, customerId: customer.id, customerName: customer.name };
  const wanted = p.name.split(' ');
  const have = new Set(foldKey(customer.name ?? '').split(' '));
  if (wanted.filter((w) => have.has(w)).length * 2 < wanted.length) {
    return { ok: false, reason: `El nombre del asunto (${p.name}) no coincide con el de la base (${customer.name ?? ''}).`, ...found, serviceIds: [] };
  }
  const services = servicesOfCustomer(db, customer.id);
  const ofLine = p.businessLine ? services.filter((s) => s.business_line === p.businessLine) : services;
  if (ofLine.length === 0) return { ok: false, reason: `El cliente no tiene servicios de ${p.businessLine} en la base.`, ...found, serviceIds: [] };
  const owing = ofLine.filter((s) => OWING.has(s.status));
  if (owing.length === 0) return { ok: false, reason: nothingOwedReason(p.businessLine, services), ...found, serviceIds: [] };
  return { ok: true, reason: null, ...found, serviceIds: owing.map((s) => s.id) };
}
