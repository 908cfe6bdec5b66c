import type { BaseRow, NormalizedRow, RowIssue } from '../../shared/baseRow';
import type { CellValue } from '../spreadsheet/rowSource';
import type { BaseSheetRow, PreparedRow } from './preparedRow';

/**
 * A prepared base row as it crosses from the reader thread to the writing one. Structured clone
 * writes every property name of every object, and rebuilding them cost the writing thread (the
 * slower of the two) more than a second per 200,000 rows; positions cost a third of that. The
 * cells go as one JSON text: the writer needs them only for a row it rejects, so it decodes them
 * only then (`WireSheetRow.cells`).
 */
export type WireRow = readonly [
  sheet: string,
  rowNumber: number,
  cells: string,
  /** The normalised row's fields when it is usable; null when it is rejected (then `rejected`). */
  row: WireBaseRow | null,
  rejected: NormalizedRow | null,
  warnings: RowIssue[],
  notes: RowIssue[],
];

type WireBaseRow = readonly unknown[];

function rowToWire(r: BaseRow): WireBaseRow {
  return [r.identification, r.idType, r.name, r.serviceNumber, r.serviceKey, r.businessLine, r.businessLineRaw, r.cancelDate, r.regional,
    r.province, r.city, r.equipmentType, r.brand, r.model, r.serial, r.serialKey, r.valueCents, r.chargesLoaded, r.paid, r.claim, r.phone, r.email];
}

function rowFromWire(v: WireBaseRow): BaseRow {
  // The values were made by rowToWire from a BaseRow on the other thread.
  const w = v as never[];
  return {
    identification: w[0]!, idType: w[1]!, name: w[2]!, serviceNumber: w[3]!, serviceKey: w[4]!, businessLine: w[5]!, businessLineRaw: w[6]!,
    cancelDate: w[7]!, regional: w[8]!, province: w[9]!, city: w[10]!, equipmentType: w[11]!, brand: w[12]!, model: w[13]!, serial: w[14]!,
    serialKey: w[15]!, valueCents: w[16]!, chargesLoaded: w[17]!, paid: w[18]!, claim: w[19]!, phone: w[20]!, email: w[21]!,
  };
}

/** Dates are the only cells JSON would not give back as they were. */
export function cellsToJson(cells: readonly CellValue[]): string {
  return JSON.stringify(cells.map((c) => (c instanceof Date ? { d: c.getTime() } : c)));
}

export function cellsFromJson(text: string): CellValue[] {
  return (JSON.parse(text) as Array<CellValue | { d: number }>).map((c) => (c !== null && typeof c === 'object' && !(c instanceof Date) ? new Date(c.d) : c));
}

export function toWire(row: BaseSheetRow, prepared: PreparedRow): WireRow {
  const n = prepared.normalized;
  return [row.sheet, row.rowNumber, cellsToJson(row.cells), n.ok ? rowToWire(n.row) : null, n.ok ? null : n, n.warnings, prepared.notes];
}

/** A row from the reader thread; its cells are decoded when asked for. */
export class WireSheetRow implements BaseSheetRow {
  readonly sheet: string;
  readonly rowNumber: number;
  readonly prepared: PreparedRow;
  private readonly cellsText: string;
  private decoded: CellValue[] | null = null;

  constructor(w: WireRow) {
    const [sheet, rowNumber, cells, row, rejected, warnings, notes] = w;
    this.sheet = sheet;
    this.rowNumber = rowNumber;
    this.cellsText = cells;
    const normalized: NormalizedRow = row ? { ok: true, row: rowFromWire(row), warnings } : rejected!;
    this.prepared = { normalized, notes };
  }

  get cells(): CellValue[] {
    this.decoded ??= cellsFromJson(this.cellsText);
    return this.decoded;
  }
}
