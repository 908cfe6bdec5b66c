import { createHash } from 'node:crypto';
import { actaSignedPayload, canonicalActaContent, legacyActaContent, type SealedActa } from '../../shared/acta/canonical';
import { handoverItemRows, handoverRow, type HandoverItemRow, type HandoverRow } from '../db/actas';
import { setHandoverSeal } from '../db/handovers';
import type { ReadDb, Tx } from '../db/open';

// The acta's seal: content hash, short code and the issuing station's signature; what the QR
// carries and how printed text is read back.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

/** Signs with the local station's key (`StationKey.sign`): loaded before the write session, synchronous. */
export type ActaSigner = (data: string) => Uint8Array;

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Eight characters (40 bits) of the content hash, easy to read aloud or type. */
export function verificationCode(hashHex: string): string {
  let bits = BigInt(`0x${hashHex.slice(0, 10)}`);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/** The number printed on the paper: a renumbered acta keeps verifying under the one it was issued with. */
export function printedNumber(h: Pick<HandoverRow, 'acta_number' | 'original_number'>): string {
  return h.original_number ?? h.acta_number;
}

/** The sealed parts of a stored acta. */
export function sealedActaOf(h: HandoverRow, items: HandoverItemRow[]): SealedActa {
  return {
    number: printedNumber(h),
    station: h.origin_station,
    deliveredAt: h.delivered_at,
    holder: { identification: h.holder_identification, name: h.holder_name },
    deliveredBy: h.delivered_by,
    thirdParty: h.delivered_by === 'TERCERO' ? { identification: h.third_party_identification, name: h.third_party_name } : null,
    items: items.map((i) => ({
      serviceNumber: i.service_number,
      type: i.equipment_type,
      brand: i.brand,
      model: i.model,
      serial: i.serial,
      condition: i.condition,
      accessories: JSON.parse(i.accessories) as string[],
    })),
  };
}

export function canonicalHashOf(a: SealedActa): string {
  return contentHash(canonicalActaContent(a));
}

/**
 * Seals an acta just stored in this session, from the record as stored (so what is verified
 * later is exactly what was written): content hash, short code, and the station's signature.
 */
export function sealHandover(tx: Tx, handoverId: string, sign: ActaSigner): { contentHash: string; verificationCode: string; signature: string } {
  const h = handoverRow(tx, handoverId);
  if (!h) throw new Error(`sealHandover: no handover ${handoverId}`);
  const hash = canonicalHashOf(sealedActaOf(h, handoverItemRows(tx, handoverId)));
  const seal = {
    contentHash: hash,
    verificationCode: verificationCode(hash),
    signature: Buffer.from(sign(actaSignedPayload(h.origin_station, printedNumber(h), hash))).toString('base64'),
  };
  setHandoverSeal(tx, handoverId, seal);
  return seal;
}

/**
 * Actas sealed before signatures existed hashed their items in the order they were stored, and a
 * copy elsewhere may list them in another order (the cause of genuine consolidated actas reading
 * as modified). Such a seal is an unkeyed hash: anyone could have computed it, so trying every
 * order adds no weakness. It is accepted when it equals the old content's hash in some order of
 * the record's items (all orders up to 6 items, record order otherwise) or the canonical hash.
 */
export function legacySealMatches(a: SealedActa, storedHash: string): boolean {
  if (canonicalHashOf(a) === storedHash) return true;
  const orders = a.items.length <= 6 ? permutations(a.items) : [a.items];
  return orders.some((items) => contentHash(legacyActaContent({ ...a, items })) === storedHash);
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** A station code from an issued acta number `STATION-YYYY-NNNNNN`; null for a paper (historical) number. */
export function stationOfNumber(number: string): string | null {
  return number.match(/^(.+)-\d{4}-\d{6}$/)?.[1] ?? null;
}

/**
 * The QR of a signed acta: `RECUPERA|2|NUMBER|HASH|SIGNATURE` (hash and signature in base64url),
 * plus `|STATION` when the number does not start with its station (a historical paper number).
 * Older actas keep `RECUPERA|NUMBER|CODE`.
 */
export function actaQrText(h: Pick<HandoverRow, 'acta_number' | 'original_number' | 'origin_station' | 'content_hash' | 'verification_code' | 'signature'>): string {
  const number = printedNumber(h);
  if (!h.signature || !h.content_hash) return `RECUPERA|${number}|${h.verification_code ?? ''}`;
  const hash = Buffer.from(h.content_hash, 'hex').toString('base64url');
  const signature = Buffer.from(h.signature, 'base64').toString('base64url');
  const station = stationOfNumber(number) === h.origin_station ? '' : `|${h.origin_station}`;
  return `RECUPERA|2|${number}|${hash}|${signature}${station}`;
}

export type ActaReference =
  | { kind: 'signed'; number: string; station: string | null; contentHash: string; signature: Buffer }
  | { kind: 'typed'; number: string | null; code: string | null }
  | { kind: 'damaged' }
  | { kind: 'none' };

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Reads what was scanned or typed: the signed QR, the older `RECUPERA|NUMBER|CODE`, `NUMBER CODE`,
 * a bare number, or a bare `ABCD-EFGH` code.
 */
export function parseVerificationText(text: string): ActaReference {
  const raw = text.trim();
  if (/^RECUPERA\|2\|/i.test(raw)) {
    const [, , number, hash, signature, station] = raw.split('|');
    if (!number || !hash || !signature || !B64URL.test(hash) || !B64URL.test(signature)) return { kind: 'damaged' };
    const hashBytes = Buffer.from(hash, 'base64url');
    const sigBytes = Buffer.from(signature, 'base64url');
    if (hashBytes.length !== 32 || sigBytes.length !== 64) return { kind: 'damaged' };
    return { kind: 'signed', number, station: station || stationOfNumber(number), contentHash: hashBytes.toString('hex'), signature: sigBytes };
  }
  const t = raw.toUpperCase();
  const qr = t.match(/^RECUPERA\|([A-Z0-9-]+-\d{4}-\d{6})\|([0-9A-Z]{8})$/);
  if (qr) return { kind: 'typed', number: qr[1]!, code: qr[2]! };
  const number = t.match(/([A-Z0-9]+(?:-[A-Z0-9]+)*-\d{4}-\d{6})/)?.[1] ?? null;
  const rest = number ? t.replace(number, ' ') : t;
  const code = rest.match(/\b([0-9A-Z]{4})-?([0-9A-Z]{4})\b/);
  // A paper number of a historical acta has no fixed shape: looked up as typed.
  if (!number && !code) return /^[A-Z0-9][A-Z0-9/._-]{2,39}$/.test(t) ? { kind: 'typed', number: t, code: null } : { kind: 'none' };
  return { kind: 'typed', number, code: code ? code[1]! + code[2]! : null };
}

export interface RecordSeal {
  row: HandoverRow;
  items: HandoverItemRow[];
  sealed: SealedActa;
  /** The hash recomputed from the record as it stands. */
  canonicalHash: string;
}

export function recordSeal(db: ReadDb, id: string): RecordSeal | null {
  const row = handoverRow(db, id);
  if (!row) return null;
  const items = handoverItemRows(db, id);
  const sealed = sealedActaOf(row, items);
  return { row, items, sealed, canonicalHash: canonicalHashOf(sealed) };
}
