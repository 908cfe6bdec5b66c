import { basename } from 'node:path';
import type { ColumnInfo, ImportMode, ImportSummary } from '../../shared/contracts/importBase';
import { handoverListHeaderScore, mapHandoverListHeader, HANDOVER_LIST_FIELDS, type HandoverListField } from '../../shared/handoverListFields';
import { cellAsDate, cellAsText, type RowIssue } from '../../shared/baseRow';
import { normalizeIdentification } from '../../shared/identification';
import { AppFailure } from '../../shared/result';
import { isPlaceholder, serialKey, serviceKey } from '../../shared/values';
import { newId, nowIso } from '../db/ids';
import type { Db } from '../db/open';
import { getLocalStation } from '../db/stations';
import { sha256File } from '../files/hash';
import { recomputeServiceStatus } from '../handovers/serviceStatus';
import { MAX_LISTED, SAMPLE_ROWS } from './summaryLimits';
import { JobCancelled } from '../platform/cancellation';
import type { RowProgress } from '../platform/progress';
import type { RejectedRow } from './rowApplier';
import type { CellValue } from '../spreadsheet/rowSource';
import { cellText, type TableHeader, type TableSpec } from '../spreadsheet/table';
import { inlineTable } from './tableStream';

export const NO_LIST_HEADER =
  'El archivo no tiene una fila de encabezados reconocible. Revise que tenga columnas como IDENTIFICACION, NUMERO DE SERVICIO, SERIE, FECHA DE ENTREGA y ACTA.';

export const HANDOVER_LIST_TABLE: TableSpec<HandoverListField> = {
  score: handoverListHeaderScore,
  minScore: 2,
  map: mapHandoverListHeader,
  noHeaderMessage: NO_LIST_HEADER,
};

export interface HandoverListOptions {
  db: Db;
  path: string;
  fileName?: string;
  mode: ImportMode;
  userId?: string | null;
  reportDir?: string;
  isCancelled?: () => boolean;
  onProgress?: (p: RowProgress) => void;
}

const header = (k: HandoverListField) => HANDOVER_LIST_FIELDS.find((f) => f.key === k)!.header;

/** A cell as text, with "N/A", "S/N" and the like as blanks. */
function text(v: CellValue | undefined): string | null {
  const t = cellAsText(v);
  return t && !isPlaceholder(t) ? t : null;
}

interface Target {
  serviceId: string;
  customerId: string;
  serviceNumber: string;
}

interface OpenActa {
  id: string;
  customerId: string;
  firstRow: number;
  day: string;
}

const HISTORICAL_CLERK = 'Importación de entregas anteriores';

/**
 * Loads an office's list of returns made before Recupera as historical handovers: each paper
 * acta keeps its own number (no new one is issued), rows are matched to the base by service
 * number, then serial, then identification, and what cannot be matched comes back in the report.
 */
class HandoverListApplier {
  readonly counts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, warnings: 0 };
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  readonly rejectedRows: RejectedRow[] = [];
  readonly touched = new Set<string>();
  private readonly actas = new Map<string, OpenActa>();
  private readonly q;

  constructor(
    db: Db,
    private readonly station: { code: string; office: string; city: string | null },
    private readonly userId: string | null,
    private readonly now: string,
  ) {
    this.q = {
      service: db.prepare('SELECT id, customer_id, service_number FROM services WHERE service_key = ?'),
      bySerial: db.prepare(
        'SELECT s.id, s.customer_id, s.service_number FROM expected_items e JOIN services s ON s.id = e.service_id WHERE e.serial_key = ? LIMIT 2',
      ),
      customer: db.prepare('SELECT id FROM customers WHERE customer_key = ?').pluck(),
      customerServices: db.prepare('SELECT id, customer_id, service_number FROM services WHERE customer_id = ? AND in_base = 1 LIMIT 2'),
      items: db.prepare(
        `SELECT e.id, e.equipment_type, e.brand, e.model, e.serial, e.serial_key,
           (SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
             WHERE (hi.expected_item_id = e.id OR (e.serial_key IS NOT NULL AND hi.serial_key = e.serial_key AND hi.service_id = e.service_id))
               AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) LIMIT 1) AS returned_in
         FROM expected_items e WHERE e.service_id = ? ORDER BY e.rowid`,
      ),
      unexpectedReturned: db.prepare(
        `SELECT h.acta_number FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
         WHERE hi.serial_key = ? AND hi.service_id = ? AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id) LIMIT 1`,
      ).pluck(),
      existingActa: db.prepare('SELECT id FROM handovers WHERE origin_station = ? AND acta_number = ?').pluck(),
      holder: db.prepare('SELECT identification, name FROM customers WHERE id = ?'),
      insHandover: db.prepare(
        `INSERT INTO handovers (id, origin_station, acta_number, historical, out_of_base, customer_id, holder_identification, holder_name, delivered_by,
           third_party_documents, observations, office, city, clerk_user_id, clerk_name, delivered_at, created_at)
         VALUES (?, ?, ?, 1, 0, ?, ?, ?, 'TITULAR', 0, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insItem: db.prepare(
        `INSERT INTO handover_items (id, origin_station, handover_id, service_id, expected_item_id, service_number, equipment_type, brand, model,
           serial, serial_key, condition, accessories, note, unexpected, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BUENO', '[]', ?, ?, ?)`,
      ),
    };
  }

  private reject(row: number, column: string, message: string, cells: CellValue[]): void {
    this.counts.rejected++;
    this.errors.push({ row, column, message });
    this.rejectedRows.push({ row, reason: message, cells });
  }

  private warn(row: number, column: string, message: string): void {
    this.counts.warnings++;
    this.warnings.push({ row, column, message });
  }

  private match(service: string | null, serial: string | null, id: string | null): Target | string {
    if (service) {
      const s = this.q.service.get(serviceKey(service)) as { id: string; customer_id: string; service_number: string } | undefined;
      if (s) return { serviceId: s.id, customerId: s.customer_id, serviceNumber: s.service_number };
    }
    if (serial) {
      const hits = this.q.bySerial.all(serialKey(serial)) as Array<{ id: string; customer_id: string; service_number: string }>;
      if (hits.length === 1) return { serviceId: hits[0]!.id, customerId: hits[0]!.customer_id, serviceNumber: hits[0]!.service_number };
    }
    if (id) {
      const customer = this.q.customer.get(id) as string | undefined;
      if (customer) {
        const services = this.q.customerServices.all(customer) as Array<{ id: string; customer_id: string; service_number: string }>;
        if (services.length === 1) return { serviceId: services[0]!.id, customerId: customer, serviceNumber: services[0]!.service_number };
        if (services.length > 1) return `El cliente ${id} tiene varios servicios en la base: indique el número de servicio o la serie.`;
      }
    }
    const tried = [service && `el servicio ${service}`, serial && `la serie ${serial}`, id && `la identificación ${id}`].filter(Boolean).join(', ');
    return tried ? `No se encontró en la base ${tried}.` : 'La fila no tiene número de servicio, serie ni identificación.';
  }

  apply(cells: CellValue[], mapping: Array<HandoverListField | null>, rowNo: number): void {
    this.counts.rows++;
    const raw: Partial<Record<HandoverListField, CellValue>> = {};
    mapping.forEach((k, i) => {
      if (k) raw[k] = cells[i] ?? null;
    });
    const service = text(raw.serviceNumber)?.replace(/\s+/g, '') ?? null;
    const serial = text(raw.serial)?.toUpperCase() ?? null;
    const idText = text(raw.identification);
    const id = idText ? (normalizeIdentification(idText)?.value ?? idText) : null;
    const date = cellAsDate(raw.deliveredAt);
    if (date === null) return this.reject(rowNo, header('deliveredAt'), 'Falta la fecha de entrega.', cells);
    if (date === 'invalid') return this.reject(rowNo, header('deliveredAt'), `La fecha de entrega «${text(raw.deliveredAt) ?? ''}» no es válida (use dd/mm/aaaa).`, cells);
    const target = this.match(service, serial, id);
    if (typeof target === 'string') return this.reject(rowNo, 'IDENTIFICACION / NUMERO DE SERVICIO / SERIE', target, cells);
    // Lists kept without acta numbers still load: one acta per service and day, with a stable number.
    const acta = (text(raw.acta) ?? `S/N-${target.serviceNumber}-${date.replaceAll('-', '')}`).toUpperCase();

    let open = this.actas.get(acta);
    if (!open && this.q.existingActa.get(this.station.code, acta)) {
      this.counts.duplicates++;
      return;
    }
    if (open && open.customerId !== target.customerId) {
      return this.reject(rowNo, header('acta'), `El acta ${acta} ya tiene otro cliente (fila ${open.firstRow}).`, cells);
    }

    const items = this.q.items.all(target.serviceId) as Array<{
      id: string;
      equipment_type: string | null;
      brand: string | null;
      model: string | null;
      serial: string | null;
      serial_key: string | null;
      returned_in: string | null;
    }>;
    const sKey = serial ? serialKey(serial) : null;
    let chosen = sKey ? items.filter((i) => i.serial_key === sKey) : items;
    let unexpected = false;
    if (sKey && chosen.length === 0) {
      const before = this.q.unexpectedReturned.get(sKey, target.serviceId) as string | undefined;
      if (before) return this.settleReturned(before, acta, rowNo, cells);
      unexpected = true;
    } else {
      const pending = chosen.filter((i) => !i.returned_in);
      if (pending.length === 0) {
        const before = chosen[0]?.returned_in;
        if (before) return this.settleReturned(before, acta, rowNo, cells);
        unexpected = true;
      }
      chosen = pending;
    }

    const office = text(raw.office)?.toUpperCase() ?? this.station.office;
    if (!open) {
      const h = this.q.holder.get(target.customerId) as { identification: string | null; name: string | null };
      open = { id: newId(), customerId: target.customerId, firstRow: rowNo, day: date };
      this.q.insHandover.run(open.id, this.station.code, acta, target.customerId, h.identification, h.name ?? '(sin nombre)',
        `Entrega anterior a Recupera, cargada desde la lista de la oficina (fila ${rowNo}).`, office, this.station.city, this.userId, HISTORICAL_CLERK,
        `${date}T12:00:00.000Z`, this.now);
      this.actas.set(acta, open);
    } else if (open.day !== date) {
      this.warn(rowNo, header('deliveredAt'), `El acta ${acta} tiene otra fecha en la fila ${open.firstRow}; se conserva la primera.`);
    }
    if (unexpected) {
      this.warn(rowNo, header('serial'), serial ? `La serie ${serial} no consta en la base para el servicio ${target.serviceNumber}; se registró como equipo no listado.` : `El servicio ${target.serviceNumber} no tiene equipos en la base; se registró un equipo sin serie.`);
      this.q.insItem.run(newId(), this.station.code, open.id, target.serviceId, null, target.serviceNumber, 'EQUIPO', null, null, serial, sKey,
        'Entrega histórica: equipo no listado en la base.', 1, this.now);
    } else {
      for (const i of chosen) {
        this.q.insItem.run(newId(), this.station.code, open.id, target.serviceId, i.id, target.serviceNumber, i.equipment_type ?? 'EQUIPO', i.brand, i.model, i.serial,
          i.serial_key, null, 0, this.now);
      }
    }
    this.touched.add(target.serviceId);
    this.counts.inserted++;
  }

  /** The item was already returned: in this very acta it is the same row again; elsewhere, a conflict to look at. */
  private settleReturned(before: string, acta: string, rowNo: number, cells: CellValue[]): void {
    if (before === acta) {
      this.counts.duplicates++;
      return;
    }
    this.reject(rowNo, header('serial'), `El equipo ya consta devuelto en el acta ${before}.`, cells);
  }
}

export async function runHandoverListImport(o: HandoverListOptions): Promise<ImportSummary> {
  const started = Date.now();
  const station = getLocalStation(o.db);
  if (!station) throw new AppFailure('refused', 'Configure la estación antes de importar.');
  const fileName = o.fileName ?? basename(o.path);
  let head: TableHeader<HandoverListField> | null = null;
  const source = await inlineTable<HandoverListField>(o.path, (h) => (head = h), HANDOVER_LIST_TABLE);
  const samples: string[][] = [];
  const applier = new HandoverListApplier(o.db, station, o.userId ?? null, nowIso());
  let inTransaction = false;
  let reportPath: string | null = null;
  const sha256 = o.mode === 'inspect' ? '' : await sha256File(o.path).catch(() => '');
  try {
    for await (const row of source.rows) {
      if (o.mode === 'inspect') {
        samples.push(row.cells.map(cellText));
        if (samples.length >= SAMPLE_ROWS) break;
        continue;
      }
      const h = head as TableHeader<HandoverListField> | null;
      if (!inTransaction) {
        if (!h || !h.mapping.some((m) => m === 'serviceNumber' || m === 'serial' || m === 'identification')) throw new AppFailure('refused', NO_LIST_HEADER);
        if (!h.mapping.includes('deliveredAt')) throw new AppFailure('validation', 'Falta la columna FECHA DE ENTREGA.');
        o.db.exec('BEGIN IMMEDIATE');
        inTransaction = true;
      }
      if ((applier.counts.rows & 255) === 0) {
        if (o.isCancelled?.()) throw new JobCancelled();
        o.onProgress?.({ rowsRead: applier.counts.rows, bytesRead: source.bytesRead(), totalBytes: source.totalBytes() });
      }
      applier.apply(row.cells, h!.mapping, row.rowNumber);
    }
    if (inTransaction) {
      for (const s of applier.touched) recomputeServiceStatus(o.db, s);
      if (o.mode === 'commit') {
        o.db.prepare(
          `INSERT INTO imports (id, origin_station, kind, file_name, file_sha256, user_id, started_at, finished_at, rows, inserted, updated, unchanged,
             duplicates, rejected, warnings) VALUES (?, ?, 'ENTREGAS', ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)`,
        ).run(newId(), station.code, fileName, sha256, o.userId ?? null, new Date(started).toISOString(), nowIso(), applier.counts.rows, applier.counts.inserted,
          applier.counts.duplicates, applier.counts.rejected, applier.counts.warnings);
        o.db.exec('COMMIT');
      } else o.db.exec('ROLLBACK');
      inTransaction = false;
    }
  } finally {
    if (inTransaction) o.db.exec('ROLLBACK');
    await source.close();
  }
  const h = head as TableHeader<HandoverListField> | null;
  if (!h) throw new AppFailure('refused', NO_LIST_HEADER);
  if (o.mode !== 'inspect' && o.reportDir && (applier.counts.rejected > 0 || applier.counts.warnings > 0)) {
    const { writeImportReport } = await import('./report');
    reportPath = await writeImportReport(o.reportDir, fileName, h, applier.rejectedRows, applier.warnings, []).catch(() => null);
  }
  return {
    mode: o.mode,
    fileName,
    sha256,
    sheet: h.sheet,
    headerRow: h.rowNumber,
    skippedSheets: h.skippedSheets,
    columns: h.headers.map((t, index): ColumnInfo => ({ index, header: t, field: h.mapping[index] ?? null, samples: samples.map((r) => r[index] ?? '') })),
    ...applier.counts,
    errors: applier.errors.slice(0, MAX_LISTED),
    warningList: applier.warnings.slice(0, MAX_LISTED),
    changeCount: 0,
    changes: [],
    reportPath,
    importId: null,
    seconds: (Date.now() - started) / 1000,
  };
}
