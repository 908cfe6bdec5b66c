import { cents, centsToDollars } from '../../shared/money';
import { statusLabel, type ServiceStatus } from '../../shared/status';
import { COLUMNS } from '../xlsx/columns';
import type { ColumnSpec } from '../xlsx/tableWriter';

/**
 * What a depuración sends to billing, kept while its carga de valores is written so the batch can
 * record exactly the lines its file lists: a CARGO per item listed, a REVERSO per item reversed.
 * Items are named by rowid and values kept as numbers, so a million-line carga costs megabytes.
 */
export class BillingLines {
  readonly chargeRows: number[] = [];
  readonly chargeValues: number[] = [];
  readonly reversals: Array<{ itemRow: number; cents: number; originBatchId: string | null }> = [];
  chargeCents = 0;
  reversalCents = 0;

  charge(itemRow: number, value: number | null): void {
    this.chargeRows.push(itemRow);
    this.chargeValues.push(value ?? 0);
    this.chargeCents += value ?? 0;
  }

  totals() {
    return {
      chargeItems: this.chargeRows.length,
      chargeCents: cents(this.chargeCents),
      reversalItems: this.reversals.length,
      reversalCents: cents(this.reversalCents),
    };
  }
}

/** The sheet "Valores a reversar": one row per service and origin of the charge. */
export const REVERSAL_COLUMNS: ColumnSpec[] = [
  COLUMNS.identification,
  COLUMNS.name,
  COLUMNS.serviceNumber,
  COLUMNS.businessLine,
  { header: 'ESTADO', width: 16 },
  { header: 'ORIGEN DEL CARGO', width: 20 },
  { header: 'REVERSO', width: 10 },
  { header: 'MOTIVO', width: 22 },
  { header: 'EQUIPOS', type: 'number', width: 9 },
  { header: 'SERIES', type: 'text', width: 26 },
  { header: 'VALOR CARGADO', type: 'money', width: 12 },
  { header: 'VALOR A REVERSAR', type: 'money', width: 12 },
  COLUMNS.acta,
];

type Row = unknown[];

interface Group {
  first: Row;
  originId: string | null;
  origin: string;
  items: string[];
  cents: number;
  charged: number;
  actas: Set<string>;
}

/**
 * Folds REVERSALS_SQL's item rows (a service's items come together) into the sheet's rows, one per
 * service and origin, and keeps each item's REVERSO line. A charge whose every item is reversed is
 * "Total"; otherwise only the items returned are reversed ("Parcial").
 */
export function* reversalSheetRows(rows: Iterable<Row>, lines: BillingLines): Generator<unknown[]> {
  let service: unknown = undefined;
  let groups: Group[] = [];
  const flush = function* () {
    for (const g of groups) {
      const f = g.first;
      const status = f[4] as ServiceStatus;
      yield [
        f[0],
        f[1],
        f[2],
        f[3],
        statusLabel(status),
        g.origin,
        g.cents >= g.charged ? 'Total' : 'Parcial',
        status === 'REGULARIZADO' ? 'Servicio regularizado' : 'Equipo devuelto',
        g.items.length,
        g.items.join(', '),
        centsToDollars(cents(g.charged)),
        centsToDollars(cents(g.cents)),
        [...g.actas].join(', ') || null,
      ];
    }
    groups = [];
  };
  for (const r of rows) {
    if (r[5] !== service) {
      yield* flush();
      service = r[5];
    }
    const originId = (r[7] as string | null) ?? null;
    let g = groups.find((x) => x.originId === originId);
    if (!g) {
      g = { first: r, originId, origin: originId ? `Lote ${r[8] as string}` : 'Base', items: [], cents: 0, charged: r[10] as number, actas: new Set() };
      groups.push(g);
    }
    const value = r[9] as number;
    g.items.push((r[6] as string | null) ?? 'equipo');
    g.cents += value;
    if (r[11]) g.actas.add(r[11] as string);
    lines.reversals.push({ itemRow: r[12] as number, cents: value, originBatchId: originId });
    lines.reversalCents += value;
  }
  yield* flush();
}
