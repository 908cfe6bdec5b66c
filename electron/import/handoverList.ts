import { basename } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import type { ColumnInfo, ImportMode, ImportSummary } from '../../shared/contracts/importBase';
import { handoverListHeaderScore, handoverListTooLong, mapHandoverListHeader, HANDOVER_LIST_FIELDS, type HandoverListField } from '../../shared/handoverListFields';
import { cellAsDate, cellAsText, type RowIssue } from '../../shared/baseRow';
import { formatDate, localDay } from '../../shared/dates';
import { normalizeIdentification } from '../../shared/identification';
import { AppFailure } from '../../shared/result';
import { isPlaceholder, serialKey, serviceKey } from '../../shared/values';
import { recordAudit } from '../db/audit';
import { customerById, customerByKey } from '../db/customers';
import {
  actaWithUnlistedSerial,
  baseServicesOfCustomer,
  serviceForList,
  serviceItemsForList,
  servicesWithSerial,
  stationHasActa,
} from '../db/handoverList';
import { insertHandover, insertHandoverItem } from '../db/handovers';
import { newId, nowIso } from '../db/ids';
import { recordImport } from '../db/imports';
import type { Db, Tx } from '../db/open';
import { getLocalStation } from '../db/stations';
import { runWrite } from '../db/writeSession';
import { sha256File } from '../files/hash';
import { importAuditEvent } from './importAudit';
import { MAX_LISTED, reportCell, SAMPLE_ROWS } from './summaryLimits';
import { JobCancelled } from '../platform/cancellation';
import type { RowProgress } from '../platform/progress';
import type { RejectedRow } from './rowApplier';
import { noteWarnings, type CellValue } from '../spreadsheet/rowSource';
import { cellText, WHOLE_ROW, type TableHeader, type TableSpec } from '../spreadsheet/table';
import { LIMITS } from '../spreadsheet/limits';
import { inlineTable } from './tableStream';
import { sealHandover, type ActaSigner } from '../handovers/verification';

export const NO_LIST_HEADER =
  `El archivo no tiene una fila de encabezados reconocible. Revise que tenga columnas como IDENTIFICACION, NUMERO DE SERVICIO, SERIE, FECHA DE ENTREGA y ACTA en una de sus primeras ${LIMITS.headerScanRows} filas.`;

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
  /** Who asked for it, for the audit entry recorded with the load. */
  actor?: AuditActor | null;
  reportDir?: string;
  /** The data key, to keep the report sealed. */
  dataKey?: Buffer;
  isCancelled?: () => boolean;
  onProgress?: (p: RowProgress) => void;
  /** The station key's signer: each historical acta is sealed by the station that records it. */
  sign?: ActaSigner;
}

/** Characters of cell text a list may hold in memory while it is checked (a real list is far below). */
export const LIST_HELD_CHARS = 64 * 1024 * 1024;
const LIST_TOO_BIG =
  'La lista tiene demasiado texto para cargarla de una vez. Divídala en varios archivos (por ejemplo, uno por año) y cárguelos por separado.';

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
  private readonly actas = new Map<string, OpenActa>();

  constructor(
    private readonly station: { code: string; office: string; city: string | null },
    private readonly userId: string | null,
    private readonly now: string,
  ) {}

  private reject(row: number, column: string, message: string, cells: CellValue[]): void {
    this.counts.rejected++;
    this.errors.push({ row, column, message });
    this.rejectedRows.push({ row, reason: message, cells });
  }

  /** Seals every acta this list created, once all its rows (its items) are in. */
  sealAll(tx: Tx, sign: ActaSigner): void {
    for (const open of this.actas.values()) sealHandover(tx, open.id, sign);
  }

  warn(row: number, column: string, message: string): void {
    this.counts.warnings++;
    this.warnings.push({ row, column, message });
  }

  private match(tx: Tx, service: string | null, serial: string | null, id: string | null): Target | string {
    if (service) {
      const s = serviceForList(tx, serviceKey(service));
      if (s) return { serviceId: s.id, customerId: s.customer_id, serviceNumber: s.service_number };
    }
    if (serial) {
      const hits = servicesWithSerial(tx, serialKey(serial));
      if (hits.length === 1) return { serviceId: hits[0]!.id, customerId: hits[0]!.customer_id, serviceNumber: hits[0]!.service_number };
    }
    if (id) {
      const customer = customerByKey(tx, id)?.id;
      if (customer) {
        const services = baseServicesOfCustomer(tx, customer);
        if (services.length === 1) return { serviceId: services[0]!.id, customerId: customer, serviceNumber: services[0]!.service_number };
        if (services.length > 1) return `El cliente ${id} tiene varios servicios en la base: indique el número de servicio o la serie.`;
      }
    }
    const tried = [service && `el servicio ${service}`, serial && `la serie ${serial}`, id && `la identificación ${id}`].filter(Boolean).join(', ');
    return tried ? `No se encontró en la base ${tried}.` : 'La fila no tiene número de servicio, serie ni identificación.';
  }

  apply(tx: Tx, cells: CellValue[], mapping: Array<HandoverListField | null>, rowNo: number, tooLong: Array<{ column: string; message: string }> = []): void {
    this.counts.rows++;
    if (tooLong.length > 0) return this.reject(rowNo, tooLong.map((t) => t.column).join(', '), tooLong.map((t) => t.message).join(' '), cells);
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
    // A return made before Recupera cannot be dated after today (a typed year, 2091 for 2019).
    if (date > (localDay(this.now) ?? date)) {
      return this.reject(rowNo, header('deliveredAt'), `La fecha de entrega ${formatDate(date)} es posterior a hoy; corrija el año o el mes.`, cells);
    }
    const target = this.match(tx, service, serial, id);
    if (typeof target === 'string') return this.reject(rowNo, 'IDENTIFICACION / NUMERO DE SERVICIO / SERIE', target, cells);
    // Lists kept without acta numbers still load: one acta per service and day, with a stable number.
    const acta = (text(raw.acta) ?? `S/N-${target.serviceNumber}-${date.replaceAll('-', '')}`).toUpperCase();

    let open = this.actas.get(acta);
    if (!open && stationHasActa(tx, this.station.code, acta)) {
      this.counts.duplicates++;
      return;
    }
    if (open && open.customerId !== target.customerId) {
      return this.reject(rowNo, header('acta'), `El acta ${acta} ya tiene otro cliente (fila ${open.firstRow}).`, cells);
    }

    const items = serviceItemsForList(tx, target.serviceId);
    const sKey = serial ? serialKey(serial) : null;
    let chosen = sKey ? items.filter((i) => i.serial_key === sKey) : items;
    let unexpected = false;
    if (sKey && chosen.length === 0) {
      const before = actaWithUnlistedSerial(tx, sKey, target.serviceId);
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
      const h = customerById(tx, target.customerId);
      open = { id: newId(), customerId: target.customerId, firstRow: rowNo, day: date };
      // A paper acta keeps its own number (no year or sequence of Recupera's); its seal comes at the end.
      insertHandover(tx, {
        id: open.id,
        originStation: this.station.code,
        actaNumber: acta,
        actaYear: null,
        actaSeq: null,
        historical: true,
        outOfBase: false,
        customerId: target.customerId,
        holderIdentification: h?.identification ?? null,
        holderName: h?.name ?? '(sin nombre)',
        deliveredBy: 'TITULAR',
        thirdPartyIdentification: null,
        thirdPartyName: null,
        thirdPartyDocuments: false,
        observations: `Entrega anterior a Recupera, cargada desde la lista de la oficina (fila ${rowNo}).`,
        office,
        city: this.station.city,
        clerkUserId: this.userId,
        clerkName: HISTORICAL_CLERK,
        deliveredAt: `${date}T12:00:00.000Z`,
        createdAt: this.now,
        contentHash: null,
        verificationCode: null,
      });
      this.actas.set(acta, open);
    } else if (open.day !== date) {
      this.warn(rowNo, header('deliveredAt'), `El acta ${acta} tiene otra fecha en la fila ${open.firstRow}; se conserva la primera.`);
    }
    if (unexpected) {
      this.warn(rowNo, header('serial'), serial ? `La serie ${serial} no consta en la base para el servicio ${target.serviceNumber}; se registró como equipo no listado.` : `El servicio ${target.serviceNumber} no tiene equipos en la base; se registró un equipo sin serie.`);
      this.item(tx, open.id, target, { expectedItemId: null, type: 'EQUIPO', brand: null, model: null, serial, serialKey: sKey,
        note: 'Entrega histórica: equipo no listado en la base.', unexpected: true });
    } else {
      for (const i of chosen) {
        this.item(tx, open.id, target, { expectedItemId: i.id, type: i.equipment_type ?? 'EQUIPO', brand: i.brand, model: i.model, serial: i.serial,
          serialKey: i.serial_key, note: null, unexpected: false });
      }
    }
    this.counts.inserted++;
  }

  /** An item of a historical acta: returned in good condition, without accessories (lists do not say). */
  private item(
    tx: Tx,
    handoverId: string,
    target: Target,
    i: { expectedItemId: string | null; type: string; brand: string | null; model: string | null; serial: string | null; serialKey: string | null; note: string | null; unexpected: boolean },
  ): void {
    insertHandoverItem(tx, {
      id: newId(),
      originStation: this.station.code,
      handoverId,
      serviceId: target.serviceId,
      expectedItemId: i.expectedItemId,
      serviceNumber: target.serviceNumber,
      equipmentType: i.type,
      brand: i.brand,
      model: i.model,
      serial: i.serial,
      serialKey: i.serialKey,
      condition: 'BUENO',
      accessories: '[]',
      note: i.note,
      unexpected: i.unexpected,
      createdAt: this.now,
    });
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

/** Thrown inside the write session to roll a preview back; private to this module. */
class PreviewDone extends Error {}

/** The header must name a column to match rows by, and the delivery date. */
function checkListHeader(head: TableHeader<HandoverListField> | null): void {
  if (!head || !head.mapping.some((m) => m === 'serviceNumber' || m === 'serial' || m === 'identification')) throw new AppFailure('refused', NO_LIST_HEADER);
  if (!head.mapping.includes('deliveredAt')) throw new AppFailure('validation', 'Falta la columna FECHA DE ENTREGA.');
}

export async function runHandoverListImport(o: HandoverListOptions): Promise<ImportSummary> {
  const started = Date.now();
  const station = getLocalStation(o.db);
  if (!station) throw new AppFailure('refused', 'Configure la estación antes de importar.');
  const fileName = o.fileName ?? basename(o.path);
  let head: TableHeader<HandoverListField> | null = null;
  const source = await inlineTable<HandoverListField>(o.path, (h) => (head = h), HANDOVER_LIST_TABLE, o.isCancelled);
  const samples: string[][] = [];
  const applier = new HandoverListApplier(station, o.userId ?? null, nowIso());
  let reportPath: string | null = null;
  const sha256 = o.mode === 'inspect' ? '' : await sha256File(o.path).catch(() => '');
  // Lists are small: read whole first, then applied all or nothing in one write session (a
  // session never waits on a file). What is held is bounded: cells cut to what the report would
  // copy, and the whole list to LIST_HELD_CHARS.
  const rows: Array<{ cells: CellValue[]; rowNumber: number; tooLong: Array<{ column: string; message: string }> }> = [];
  let held = 0;
  try {
    for await (const row of source.rows) {
      if (o.mode === 'inspect') {
        samples.push(row.cells.map(cellText));
        if (samples.length >= SAMPLE_ROWS) break;
        continue;
      }
      if (rows.length === 0) checkListHeader(head);
      if ((rows.length & 255) === 0) {
        if (o.isCancelled?.()) throw new JobCancelled();
        o.onProgress?.({ rowsRead: rows.length, bytesRead: source.bytesRead(), totalBytes: source.totalBytes() });
      }
      const listHead = head as TableHeader<HandoverListField> | null;
      const tooLong = listHead ? handoverListTooLong(row.cells, listHead.mapping) : [];
      if (row.misaligned) tooLong.push({ column: WHOLE_ROW, message: row.misaligned });
      const cells = row.cells.map(reportCell);
      for (const c of cells) if (typeof c === 'string') held += c.length;
      if (held > LIST_HELD_CHARS) throw new AppFailure('refused', LIST_TOO_BIG);
      rows.push({ cells, rowNumber: row.rowNumber, tooLong });
      if (row.notes && listHead) for (const w of noteWarnings(row, listHead.headers, listHead.mapping)) applier.warn(w.row, w.column, w.message);
    }
  } finally {
    await source.close();
  }
  const h = head as TableHeader<HandoverListField> | null;
  if (!h) throw new AppFailure('refused', NO_LIST_HEADER);
  if (rows.length > 0) {
    try {
      runWrite(o.db, (tx) => {
        for (const row of rows) {
          if ((applier.counts.rows & 255) === 0 && o.isCancelled?.()) throw new JobCancelled();
          applier.apply(tx, row.cells, h.mapping, row.rowNumber, row.tooLong);
        }
        // A preview is checked against the base exactly as a load would be, then rolled back.
        if (o.mode !== 'commit') throw new PreviewDone();
        if (!o.sign) throw new AppFailure('internal', 'La carga de entregas necesita la clave de la estación para sellar las actas.');
        applier.sealAll(tx, o.sign);
        const c = applier.counts;
        const importId = newId();
        const counts = { rows: c.rows, inserted: c.inserted, updated: 0, unchanged: 0, duplicates: c.duplicates, rejected: c.rejected, warnings: c.warnings };
        recordImport(
          tx,
          { id: importId, station: station.code, kind: 'ENTREGAS', fileName, sha256, userId: o.userId ?? null, startedAt: new Date(started).toISOString(), ...counts },
          nowIso(),
        );
        recordAudit(tx, o.actor ?? null, importAuditEvent('ENTREGAS', { importId, fileName, sha256, counts, rejectedRows: applier.errors.map((e) => e.row) }));
      });
    } catch (e) {
      if (!(e instanceof PreviewDone)) throw e;
    }
  }
  if (o.mode !== 'inspect' && o.reportDir && (applier.counts.rejected > 0 || applier.counts.warnings > 0)) {
    const { writeImportReport } = await import('./report');
    reportPath = await writeImportReport(o.reportDir, fileName, h, applier.rejectedRows, applier.warnings, [], o.dataKey).catch(() => null);
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
