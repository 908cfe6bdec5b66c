import { createHash } from 'node:crypto';
import type { ActaView } from '../../shared/contracts/handovers';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

/** What the verification code vouches for: the acta's identity and what was handed over. */
export function actaContent(v: Pick<ActaView, 'number' | 'station' | 'deliveredAt' | 'holder' | 'items'>): string {
  return JSON.stringify([
    v.number,
    v.station,
    v.deliveredAt,
    v.holder.identification,
    v.holder.name,
    v.items.map((i) => [i.serviceNumber, i.type, i.brand, i.model, i.serial, i.condition]),
  ]);
}

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
