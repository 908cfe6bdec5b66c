import type { CustomerCard, MatchKind, ServiceCard } from '../../shared/contracts/customers';
import { identificationCandidates } from '../../shared/identification';
import type { Cents } from '../../shared/money';
import type { ServiceStatus } from '../../shared/status';
import { cleanText, foldKey } from '../../shared/text';
import { normalizePhone, serialKey, serviceKey } from '../../shared/values';
import type { Db } from '../db/open';
import { stmt } from '../db/stmt';

interface Hit {
  num: number;
  match: MatchKind;
}

/** Exact-key lookups first (they use indexes), then names through FTS5, best matches first. */
export function searchCustomers(db: Db, text: string, limit = 20): { results: CustomerCard[]; total: number } {
  const q = cleanText(text);
  if (q === '') return { results: [], total: 0 };
  const hits: Hit[] = [];
  const seen = new Set<number>();
  const add = (nums: number[], match: MatchKind) => {
    for (const num of nums) {
      if (!seen.has(num)) {
        seen.add(num);
        hits.push({ num, match });
      }
    }
  };
  const compact = q.replace(/[\s.-]/g, '');
  const nums = (sql: string, ...args: unknown[]) => (stmt(db, sql).pluck().all(...args) as number[]);

  if (/^[0-9A-Za-z]+$/.test(compact)) {
    for (const id of identificationCandidates(compact)) add(nums('SELECT num FROM customers WHERE customer_key = ?', id), 'identification');
    add(
      nums('SELECT c.num FROM services s JOIN customers c ON c.id = s.customer_id WHERE s.service_key = ?', serviceKey(compact)),
      'serviceNumber',
    );
    add(
      nums(
        `SELECT c.num FROM expected_items i JOIN services s ON s.id = i.service_id JOIN customers c ON c.id = s.customer_id
         WHERE i.serial_key = ? LIMIT 50`,
        serialKey(compact),
      ),
      'serial',
    );
  }
  const digits = q.replace(/[\s()+-]/g, '');
  if (/^\d{7,13}$/.test(digits)) add(nums('SELECT num FROM customers WHERE phone = ? LIMIT 50', normalizePhone(digits)), 'phone');
  if (hits.length < limit) add(nameSearch(db, q, limit - hits.length + 10), 'name');

  const page = hits.slice(0, limit);
  return { results: loadCards(db, page), total: hits.length };
}

function ftsTokens(q: string): string[] {
  return foldKey(q)
    .replace(/[^A-Z0-9Ñ ]/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/**
 * Whole-word matches rank above prefix matches, and names that start with the query above the
 * rest. Each FTS query is capped so a common prefix cannot make the box slow.
 */
export function nameSearch(db: Db, q: string, limit: number): number[] {
  const tokens = ftsTokens(q);
  if (tokens.length === 0 || tokens.join('').length < 2) return [];
  const cap = Math.max(limit * 5, 100);
  const fts = stmt(db, 'SELECT rowid AS num, name FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?');
  const exact = fts.all(tokens.map((t) => `"${t}"`).join(' '), cap) as Array<{ num: number; name: string }>;
  const prefix =
    exact.length >= cap ? [] : (fts.all(tokens.map((t) => `"${t}"*`).join(' '), cap) as Array<{ num: number; name: string }>);
  const folded = foldKey(q);
  const scored = new Map<number, { score: number; name: string }>();
  for (const r of [...exact, ...prefix]) {
    if (scored.has(r.num)) continue;
    const name = foldKey(r.name ?? '');
    const words = name.split(' ');
    let score = 0;
    if (name.startsWith(folded)) score += 4;
    score += tokens.filter((t) => words.includes(t)).length * 2;
    if (words[0] && tokens[0] && words[0].startsWith(tokens[0])) score += 1;
    scored.set(r.num, { score, name });
  }
  return [...scored.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([num]) => num);
}

interface CustomerRow {
  num: number;
  id: string;
  identification: string | null;
  id_type: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
}
interface ServiceRow {
  id: string;
  customer_id: string;
  service_number: string;
  business_line: string | null;
  cancel_date: string | null;
  status: ServiceStatus;
  status_reason: string | null;
  charges_loaded: number;
  paid: number;
  claim: number;
  in_base: number;
  regional: string | null;
  province: string | null;
  city: string | null;
}
interface ItemRow {
  id: string;
  service_id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  value_cents: Cents | null;
  returned_in: string | null;
}

function placeholders(n: number): string {
  return new Array(n).fill('?').join(',');
}

/** The customer card: holder, each cancelled service with status and flags, and its expected items. */
export function loadCards(db: Db, hits: Array<{ num: number; match: MatchKind | null }>): CustomerCard[] {
  if (hits.length === 0) return [];
  const customers = stmt(
    db,`SELECT num, id, identification, id_type, name, phone, email FROM customers WHERE num IN (${placeholders(hits.length)})`,
  ).all(...hits.map((h) => h.num)) as CustomerRow[];
  const byNum = new Map(customers.map((c) => [c.num, c]));
  const ids = customers.map((c) => c.id);
  const services = stmt(
    db,
    `SELECT id, customer_id, service_number, business_line, cancel_date, status, status_reason, charges_loaded, paid, claim,
              in_base, regional, province, city
       FROM services WHERE customer_id IN (${placeholders(ids.length)}) ORDER BY cancel_date, service_number`,
  ).all(...ids) as ServiceRow[];
  const items = services.length
    ? (stmt(
        db,
        `SELECT i.id, i.service_id, i.equipment_type, i.brand, i.model, i.serial, i.value_cents,
           (SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
             WHERE hi.expected_item_id = i.id AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) LIMIT 1) AS returned_in
         FROM expected_items i WHERE i.service_id IN (${placeholders(services.length)}) ORDER BY i.source_row, i.rowid`,
      ).all(...services.map((s) => s.id)) as ItemRow[])
    : [];
  const itemsBy = new Map<string, ItemRow[]>();
  for (const i of items) itemsBy.set(i.service_id, [...(itemsBy.get(i.service_id) ?? []), i]);
  const servicesBy = new Map<string, ServiceCard[]>();
  for (const s of services) {
    const card: ServiceCard = {
      id: s.id,
      serviceNumber: s.service_number,
      businessLine: s.business_line,
      cancelDate: s.cancel_date,
      status: s.status,
      statusReason: s.status_reason,
      chargesLoaded: s.charges_loaded === 1,
      paid: s.paid === 1,
      claim: s.claim === 1,
      inBase: s.in_base === 1,
      regional: s.regional,
      province: s.province,
      city: s.city,
      items: (itemsBy.get(s.id) ?? []).map((i) => ({
        id: i.id,
        type: i.equipment_type,
        brand: i.brand,
        model: i.model,
        serial: i.serial,
        valueCents: i.value_cents,
        returnedIn: i.returned_in,
      })),
    };
    servicesBy.set(s.customer_id, [...(servicesBy.get(s.customer_id) ?? []), card]);
  }
  return hits.flatMap((h) => {
    const c = byNum.get(h.num);
    if (!c) return [];
    return [
      {
        id: c.id,
        identification: c.identification,
        idType: c.id_type,
        name: c.name,
        phone: c.phone,
        email: c.email,
        match: h.match,
        services: servicesBy.get(c.id) ?? [],
      },
    ];
  });
}

export function getCustomerCard(db: Db, id: string): CustomerCard | null {
  const num = stmt(db, 'SELECT num FROM customers WHERE id = ?').pluck().get(id) as number | undefined;
  return num === undefined ? null : (loadCards(db, [{ num, match: null }])[0] ?? null);
}
