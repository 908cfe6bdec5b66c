import type { CustomerCard, MatchKind, ServiceCard } from '../../shared/contracts/customers';
import { excerpt, FIELD_LIMITS, type LimitedField } from '../../shared/fieldLimits';
import { identificationCandidates } from '../../shared/identification';
import { effectiveValue, priceOf } from '../../shared/prices';
import { cleanText, foldKey } from '../../shared/text';
import { normalizePhone, serialKey, serviceKey } from '../../shared/values';
import type { ReadDb } from '../db/open';
import { pricesOf } from '../db/settings';
import {
  customerNamesMatching,
  customerNamesShortest,
  customerNumById,
  customerNumsByIdentification,
  customerNumsByPhone,
  customerNumsBySerialKey,
  customerNumsByServiceKey,
  customersByNums,
  expectedItemsOfServices,
  servicesOfCustomers,
  unlistedItemsOfServices,
  type ItemRow,
  type UnlistedRow,
} from '../db/search';

interface Hit {
  num: number;
  match: MatchKind;
}

/** A candidate name's place in the ranking (docs/domain.md, "Búsqueda por nombre"). */
interface Ranked {
  tier: number;
  score: number;
  name: string;
}

/** Exact-key lookups first (they use indexes), then names through FTS5, best matches first. */
export function searchCustomers(db: ReadDb, text: string, limit = 20): { results: CustomerCard[]; total: number } {
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

  if (/^[0-9A-Za-z]+$/.test(compact)) {
    for (const id of identificationCandidates(compact)) add(customerNumsByIdentification(db, id), 'identification');
    add(customerNumsByServiceKey(db, serviceKey(compact)), 'serviceNumber');
    add(customerNumsBySerialKey(db, serialKey(compact)), 'serial');
  }
  const digits = q.replace(/[\s()+-]/g, '');
  if (/^\d{7,13}$/.test(digits)) add(customerNumsByPhone(db, normalizePhone(digits)), 'phone');
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

/** What folding does to the accented capitals names are mostly written in (Ñ loses its tilde too). */
const PLAIN_CAPITAL: Record<string, string> = { Á: 'A', É: 'E', Í: 'I', Ó: 'O', Ú: 'U', Ü: 'U', Ñ: 'N' };

/**
 * A name as the ranking compares it: folded, punctuation as spaces, single-spaced. A name in
 * capitals, accented or not, skips the Unicode normalisation: it is most names, and a search folds
 * up to a few hundred candidates.
 */
export function nameKey(name: string): string {
  if (/^[A-Z0-9ÁÉÍÓÚÜÑ ]*$/.test(name)) {
    const plain = name.replace(/[ÁÉÍÓÚÜÑ]/g, (c) => PLAIN_CAPITAL[c] ?? c);
    return /^ | $| {2}/.test(plain) ? singleSpaced(plain) : plain;
  }
  return singleSpaced(foldKey(name).replace(/[^A-Z0-9Ñ ]/g, ' '));
}

function singleSpaced(text: string): string {
  return text
    .split(' ')
    .filter((w) => w.length > 0)
    .join(' ');
}

/**
 * Names in three tiers (docs/domain.md, "Búsqueda por nombre"): the name that is exactly what was
 * typed (accents, case and punctuation aside), then names that start with it, then the rest; within
 * a tier whole-word matches rank above prefix matches, then alphabetical. Names that start with the
 * typed words are fetched first, shortest first, so a common name's namesakes cannot crowd the
 * exact one out; when they fill the page the whole-word and prefix lookups are skipped (their other
 * names rank below them), so a phrase as common as «DE LA» costs one bounded query. Each FTS query
 * is capped so a common prefix cannot make the box slow.
 */
export function nameSearch(db: ReadDb, q: string, limit: number): number[] {
  const tokens = ftsTokens(q);
  if (tokens.length === 0 || tokens.join('').length < 2) return [];
  const cap = Math.max(limit * 5, 100);
  const typed = tokens.join(' ');
  const ranked = new Map<number, Ranked>();
  let leading = 0; // candidates in the first two tiers
  const add = (rows: Array<{ num: number; name: string | null }>): number => {
    for (const r of rows) {
      if (ranked.has(r.num)) continue;
      const name = nameKey(r.name ?? '');
      const words = name.split(' ');
      const tier = name === typed ? 0 : name.startsWith(typed) ? 1 : 2;
      let score = tokens.filter((t) => words.includes(t)).length * 2;
      if (words[0] && tokens[0] && words[0].startsWith(tokens[0])) score += 1;
      ranked.set(r.num, { tier, score, name });
      if (tier < 2) leading++;
    }
    return rows.length;
  };
  if (tokens.length > 1) add(customerNamesShortest(db, `^"${typed}"`, cap));
  if (leading < limit) {
    const exact = add(customerNamesMatching(db, tokens.map((t) => `"${t}"`).join(' '), cap));
    if (exact < cap) add(customerNamesMatching(db, tokens.map((t) => `"${t}"*`).join(' '), cap));
  }
  return [...ranked.entries()]
    .sort((a, b) => a[1].tier - b[1].tier || b[1].score - a[1].score || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([num]) => num);
}

/**
 * A stored text as a card shows it, never longer than its field allows: text that came in before
 * the limits (or by a way that missed them) cannot make one search answer megabytes long.
 */
function shown<T extends string | null>(value: T, field: LimitedField): T | string {
  return value !== null && value.length > FIELD_LIMITS[field] ? excerpt(value, FIELD_LIMITS[field]) : value;
}

/** Appends to the list kept under `key` (one array per key, not a copy per row). */
function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The customer card: holder, each cancelled service with status and flags, and its expected items. */
export function loadCards(db: ReadDb, hits: Array<{ num: number; match: MatchKind | null }>): CustomerCard[] {
  if (hits.length === 0) return [];
  const customers = customersByNums(db, hits.map((h) => h.num));
  const byNum = new Map(customers.map((c) => [c.num, c]));
  const ids = customers.map((c) => c.id);
  const services = servicesOfCustomers(db, ids);
  const items = expectedItemsOfServices(db, services.map((s) => s.id));
  const itemsBy = new Map<string, ItemRow[]>();
  for (const i of items) push(itemsBy, i.service_id, i);
  const unlistedBy = new Map<string, UnlistedRow[]>();
  for (const u of unlistedItemsOfServices(db, services.map((s) => s.id))) push(unlistedBy, u.service_id, u);
  // Items without a usable VALOR, and items the base did not list, are worth their type's price.
  const prices = pricesOf(db);
  const servicesBy = new Map<string, ServiceCard[]>();
  for (const s of services) {
    const card: ServiceCard = {
      id: s.id,
      serviceNumber: shown(s.service_number, 'serviceNumber'),
      businessLine: shown(s.business_line, 'businessLine'),
      cancelDate: s.cancel_date,
      status: s.status,
      statusReason: s.status_reason,
      chargesLoaded: s.charges_loaded === 1,
      ...(s.charged_in_batch === 1 ? { chargedInBatch: true } : {}),
      paid: s.paid === 1,
      claim: s.claim === 1,
      inBase: s.in_base === 1,
      regional: shown(s.regional, 'regional'),
      province: shown(s.province, 'province'),
      city: shown(s.city, 'city'),
      items: (itemsBy.get(s.id) ?? []).map((i) => {
        const value = effectiveValue(i.value_cents, i.equipment_type, prices);
        return {
          id: i.id,
          type: shown(i.equipment_type, 'equipmentType'),
          brand: shown(i.brand, 'brand'),
          model: shown(i.model, 'model'),
          serial: shown(i.serial, 'serial'),
          valueCents: value.cents,
          ...(value.fromPrice ? { fromPrice: true } : {}),
          returnedIn: i.returned_in,
        };
      }),
      unlisted: (unlistedBy.get(s.id) ?? []).map((u) => ({
        id: u.id,
        type: shown(u.equipment_type, 'equipmentType'),
        brand: shown(u.brand, 'brand'),
        model: shown(u.model, 'model'),
        serial: shown(u.serial, 'serial'),
        returnedIn: u.returned_in,
        valueCents: priceOf(prices, u.equipment_type),
      })),
    };
    push(servicesBy, s.customer_id, card);
  }
  return hits.flatMap((h) => {
    const c = byNum.get(h.num);
    if (!c) return [];
    return [
      {
        id: c.id,
        identification: shown(c.identification, 'identification'),
        idType: c.id_type,
        name: shown(c.name, 'name'),
        phone: shown(c.phone, 'phone'),
        email: shown(c.email, 'email'),
        match: h.match,
        services: servicesBy.get(c.id) ?? [],
      },
    ];
  });
}

export function getCustomerCard(db: ReadDb, id: string): CustomerCard | null {
  const num = customerNumById(db, id);
  return num === undefined ? null : (loadCards(db, [{ num, match: null }])[0] ?? null);
}
