/**
 * What an acta's seal vouches for, written the same way by every station: the content hash is the
 * SHA-256 of `canonicalActaContent`, the short code is derived from that hash, and the issuing
 * station signs `actaSignedPayload`. Only values a copy carries unchanged take part (the record's
 * own fields, never its rowid, created_at or the order its items were stored in), so an acta
 * consolidated at the central, or received in a national update, verifies exactly as at its desk.
 */

/** The parts of an acta that are printed on the paper and sealed. */
export interface SealedActa {
  /** The number printed on the paper (the original one if a conflict resolution renumbered it). */
  number: string;
  station: string;
  deliveredAt: string;
  holder: { identification: string | null; name: string };
  deliveredBy: 'TITULAR' | 'TERCERO';
  thirdParty: { identification: string | null; name: string | null } | null;
  items: ReadonlyArray<{
    serviceNumber: string | null;
    type: string | null;
    brand: string | null;
    model: string | null;
    serial: string | null;
    condition: string;
    accessories: readonly string[];
  }>;
}

export const CANONICAL_ACTA_VERSION = 1;

/** Code-unit order: the same on every machine, whatever its locale. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical text of an acta: a JSON array whose items are sorted by their own content
 * (service number, type, brand, model, serial, condition, accessories), never by how they were stored.
 */
export function canonicalActaContent(a: SealedActa): string {
  const items = a.items
    .map((i) => JSON.stringify([i.serviceNumber, i.type, i.brand, i.model, i.serial, i.condition, [...i.accessories].sort(byCodeUnits)]))
    .sort(byCodeUnits);
  const third = a.deliveredBy === 'TERCERO' ? [a.thirdParty?.identification ?? null, a.thirdParty?.name ?? null] : null;
  return `RECUPERA-ACTA-CONTENIDO|${CANONICAL_ACTA_VERSION}|${JSON.stringify([
    a.number,
    a.station,
    a.deliveredAt,
    a.holder.identification,
    a.holder.name,
    a.deliveredBy,
    third,
  ])}|[${items.join(',')}]`;
}

/**
 * What the issuing station signs: the station, the printed number and the content hash (hex).
 * Versioned so a later format can never be mistaken for this one.
 */
export function actaSignedPayload(station: string, number: string, contentHashHex: string): string {
  return `RECUPERA-ACTA|${CANONICAL_ACTA_VERSION}|${station}|${number}|${contentHashHex}`;
}

/**
 * The content hashed by actas issued before signatures (items in the order the record lists them).
 * Kept only to recognise those actas; see `legacySealMatches` in electron/handovers/verification.ts.
 */
export function legacyActaContent(a: Pick<SealedActa, 'number' | 'station' | 'deliveredAt' | 'holder' | 'items'>): string {
  return JSON.stringify([
    a.number,
    a.station,
    a.deliveredAt,
    a.holder.identification,
    a.holder.name,
    a.items.map((i) => [i.serviceNumber, i.type, i.brand, i.model, i.serial, i.condition]),
  ]);
}
