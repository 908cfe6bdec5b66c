import type { CloseLine, CloseTotals, ItemKind, LineKey } from './contracts/dailyClose';
import { accessoryLabel, ACCESSORIES, type Accessory } from './handover';

/**
 * The rules of the cierre del día (docs/domain.md "Cierre del día") that the screen, the printout,
 * the workbook and the command line share: how lines are put together, what a discrepancy is, and
 * the totals.
 */

/** What the actas say for one line right now. */
export interface Figure extends LineKey {
  clerkName: string;
  count: number;
}

/** A line as stored with the close. */
export interface SavedLine extends LineKey {
  clerkName: string;
  recorded: number;
  counted: number | null;
}

export function lineKey(k: LineKey): string {
  return `${k.clerkId}\u0000${k.kind}\u0000${k.type}`;
}

export function itemLabel(kind: ItemKind, type: string): string {
  if (kind === 'ACCESORIO') return (ACCESSORIES as readonly string[]).includes(type) ? accessoryLabel(type as Accessory) : type;
  return type || 'Sin tipo';
}

export function kindLabel(kind: ItemKind): string {
  return kind === 'EQUIPO' ? 'Equipo' : 'Accesorio';
}

/** counted − recorded; null while the line is not counted. Negative: items missing from the desk. */
export function discrepancy(line: Pick<CloseLine, 'recorded' | 'counted'>): number | null {
  return line.counted === null ? null : line.counted - line.recorded;
}

/** The discrepancy in words (never a colour alone): «Faltan 2», «Sobra 1», «Cuadra», «Sin contar». */
export function discrepancyText(d: number | null): string {
  if (d === null) return 'Sin contar';
  if (d === 0) return 'Cuadra';
  if (d < 0) return d === -1 ? 'Falta 1' : `Faltan ${-d}`;
  return d === 1 ? 'Sobra 1' : `Sobran ${d}`;
}

/** A change to the day after signing, in words: «+1 después de firmar», «−2 después de firmar». */
export function laterChangeText(line: Pick<CloseLine, 'recorded' | 'current'>): string | null {
  const d = line.current - line.recorded;
  if (d === 0) return null;
  return `${d > 0 ? '+' : '−'}${Math.abs(d)} después de firmar`;
}

/**
 * The lines of a close. Signed: the stored lines with their signed figures, plus any line the actas
 * gained afterwards (recorded 0). Otherwise: every line the actas have now, with its saved count,
 * and a saved line the actas no longer have only if it was counted (the count must stay visible).
 */
export function mergeLines(live: Figure[], saved: SavedLine[], signed: boolean): CloseLine[] {
  const now = new Map(live.map((f) => [lineKey(f), f]));
  const stored = new Map(saved.map((s) => [lineKey(s), s]));
  const keys = new Set<string>([...now.keys()]);
  for (const [k, s] of stored) if (signed || s.counted !== null) keys.add(k);
  const lines: CloseLine[] = [];
  for (const k of keys) {
    const f = now.get(k);
    const s = stored.get(k);
    const base = (f ?? s)!;
    const current = f?.count ?? 0;
    lines.push({
      clerkId: base.clerkId,
      clerkName: s?.clerkName ?? f!.clerkName,
      kind: base.kind,
      type: base.type,
      label: itemLabel(base.kind, base.type),
      recorded: signed ? (s?.recorded ?? 0) : current,
      current,
      counted: s?.counted ?? null,
    });
  }
  const kindOrder = (k: ItemKind) => (k === 'EQUIPO' ? 0 : 1);
  return lines.sort((a, b) => a.clerkName.localeCompare(b.clerkName, 'es') || a.clerkId.localeCompare(b.clerkId) || kindOrder(a.kind) - kindOrder(b.kind) || a.label.localeCompare(b.label, 'es'));
}

export function closeTotals(lines: CloseLine[]): CloseTotals {
  const t: CloseTotals = { recorded: 0, counted: 0, uncounted: 0, discrepancies: 0, net: 0, changedSinceSigned: 0 };
  for (const l of lines) {
    t.recorded += l.recorded;
    const d = discrepancy(l);
    if (d === null) t.uncounted += 1;
    else {
      t.counted += l.counted!;
      t.net += d;
      if (d !== 0) t.discrepancies += 1;
    }
    if (l.current !== l.recorded) t.changedSinceSigned += 1;
  }
  return t;
}
