import type { AuditEvent } from '../../shared/audit';
import { pricesGet, pricesSave } from '../../shared/contracts/settings';
import { formatUsd } from '../../shared/money';
import type { PriceList } from '../../shared/prices';
import { pricesOf, writePrices } from '../db/settings';
import { audited } from './audited';
import { handle } from './define';

/** At most this many changes are spelled out in the audit description; the detail keeps them all. */
const DESCRIBED = 6;

/** Each type whose price was set, changed or removed, as the audit entry tells it. */
function priceChanges(before: PriceList, after: PriceList): string[] {
  const types = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: string[] = [];
  for (const t of types) {
    const b = before[t];
    const a = after[t];
    if (b === a) continue;
    if (b === undefined && a !== undefined) out.push(`${t} ${formatUsd(a)} (nuevo)`);
    else if (a === undefined && b !== undefined) out.push(`${t} sin precio (era ${formatUsd(b)})`);
    else if (a !== undefined && b !== undefined) out.push(`${t} ${formatUsd(b)} → ${formatUsd(a)}`);
  }
  return out;
}

function pricesEvent(before: PriceList, after: PriceList): AuditEvent | null {
  const changes = priceChanges(before, after);
  if (changes.length === 0) return null;
  const shown = changes.slice(0, DESCRIBED).join('; ');
  const more = changes.length > DESCRIBED ? ` y ${changes.length - DESCRIBED} más` : '';
  return {
    action: 'CONFIGURACION_CAMBIADA',
    description: `Cambió los precios por tipo de equipo: ${shown}${more}`,
    targetKind: 'configuracion',
    targetId: 'prices',
    detail: { beforeCents: before, afterCents: after },
  };
}

/**
 * Prices per equipment type: everyone signed in reads them (the card shows values from them); only
 * the administrator saves them. At an office, the central's next update replaces them with Posventa's.
 */
export const priceHandlers = [
  handle(pricesGet, 'user', (_i, { app }) => ({ prices: pricesOf(app.db) })),

  handle(pricesSave, 'settings', (input, ctx) => {
    let before: PriceList = {};
    return audited(
      ctx,
      (tx) => {
        before = pricesOf(tx);
        writePrices(tx, input.prices);
        return { prices: pricesOf(tx) };
      },
      (after) => pricesEvent(before, after.prices),
    );
  }),
];
