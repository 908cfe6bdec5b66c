import type { BaseRow, RowIssue } from '../../shared/baseRow';
import { formatDate } from '../../shared/dates';
import { formatUsd } from '../../shared/money';
import type { BaseStage, CustomerRec, ItemRec, NewCustomer, ServiceRec } from '../db/baseStage';
import { newId } from '../db/ids';

export type RowOutcome =
  | 'inserted'
  | 'updated'
  | 'unchanged'
  /** The same item appeared earlier in this file with the same data. */
  | { duplicateOf: number }
  /** The same item appeared earlier in this file with other data. */
  | { conflictWith: number };

export interface FieldChange {
  row: number;
  serviceNumber: string;
  field: string;
  before: string;
  after: string;
}

type Merge<T> = { value: T; changed: boolean };

const show = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const flag = (b: boolean): number => (b ? 1 : 0);

/**
 * Applies normalised base rows to the database: upserts customer, service and expected item,
 * and tells whether the row was new, changed something, or changed nothing. Incoming blanks
 * never erase what the base had before. Writes into the import's stage (baseStage.ts), never the live tables.
 *
 * Rows of one service repeat the customer and service columns. The first row of the file sets
 * them; a later row that disagrees is reported instead of flipping values back and forth. What
 * "earlier in this file" means is kept in the records themselves (import_id, import_row).
 */
export class BaseWriter {
  private lastCustomer: { key: string; rec: CustomerRec } | null = null;
  private lastService: { key: string; rec: ServiceRec } | null = null;
  /**
   * The items staged so far for the current service while it is one this file created and its
   * rows have come one after another: they need no lookup in the stage (nothing else can hold
   * them). A service met again after another one is looked up as usual.
   */
  private freshItems: Map<string, ItemRec> | null = null;
  readonly changes: FieldChange[] = [];
  changeCount = 0;

  constructor(
    private readonly stage: BaseStage,
    private readonly station: string,
    private readonly now: string,
    private readonly importId: string,
    private readonly maxChanges = 20_000,
  ) {}

  /** Counted always; listed (and only then written out, `shown`) up to the cap: a re-import may change a million cells. */
  private change<T>(row: number, serviceNumber: string, field: string, before: T | null, after: T | null, shown: (v: T) => string = show): void {
    this.changeCount++;
    if (this.changes.length < this.maxChanges) {
      this.changes.push({ row, serviceNumber, field, before: before === null ? '' : shown(before), after: after === null ? '' : shown(after) });
    }
  }

  /**
   * Keeps the old value when the file leaves the cell blank; records a change otherwise, written
   * by `shown` as the report and the screen say it (dollars, dd/mm/aaaa; cents read as $4500).
   */
  private merge<T>(rowNo: number, sn: string, field: string, before: T | null, incoming: T | null, shown: (v: T) => string = show): Merge<T | null> {
    if (incoming === null || incoming === before) return { value: before, changed: false };
    this.change(rowNo, sn, field, before, incoming, shown);
    return { value: incoming, changed: true };
  }

  /** Flags are always stated by the base (blank means NO), so they can be switched off too. */
  private flagMerge(rowNo: number, sn: string, field: string, before: number, incoming: boolean): Merge<number> {
    const v = flag(incoming);
    if (v === before) return { value: before, changed: false };
    this.change(rowNo, sn, field, before ? 'SI' : 'NO', incoming ? 'SI' : 'NO');
    return { value: v, changed: true };
  }

  /** A later row of this file that states other values than the first: report, do not apply. */
  private disagree(rowNo: number, firstRow: number | null, what: string, pairs: Array<[string, unknown, unknown]>, warn: (w: RowIssue) => void): void {
    const differ = pairs.filter(([, current, incoming]) => incoming !== null && incoming !== current).map(([field]) => field);
    if (differ.length === 0) return;
    warn({ row: rowNo, column: differ.join(', '), message: `Los datos ${what} no coinciden con la fila ${firstRow}; se conservan los de la fila ${firstRow}.` });
  }

  private customer(r: BaseRow, key: string, rowNo: number, warn: (w: RowIssue) => void): { rec: CustomerRec; changed: boolean } {
    const cached = this.lastCustomer?.key === key ? this.lastCustomer.rec : null;
    let rec = cached;
    let changed = false;
    const fresh = (): { rec: CustomerRec; row: NewCustomer } => {
      const id = newId();
      return {
        rec: { id, id_type: r.idType, identification: r.identification, name: r.name, phone: r.phone, email: r.email, import_id: this.importId, import_row: rowNo },
        row: { id, station: this.station, key, identification: r.identification, idType: r.idType, name: r.name, phone: r.phone, email: r.email, importId: this.importId, row: rowNo, now: this.now },
      };
    };
    let inserted = false;
    if (!cached && this.stage.insertsFirst) {
      const f = fresh();
      inserted = this.stage.insertCustomerIfNew(f.row);
      rec = inserted ? f.rec : this.stage.findCustomer(key);
    } else if (!cached) {
      rec = this.stage.findCustomer(key);
    }
    if (!rec) {
      const f = fresh();
      rec = f.rec;
      this.stage.insertCustomer(f.row);
    } else if (inserted) {
      // New, and written by the insert above.
    } else if (rec.import_id === this.importId) {
      this.disagree(rowNo, rec.import_row, 'del cliente', [
        ['APELLIDOS Y NOMBRES', rec.name, r.name],
        ['TELEFONO', rec.phone, r.phone],
        ['CORREO', rec.email, r.email],
      ], warn);
    } else {
      const sn = r.serviceNumber;
      const name = this.merge(rowNo, sn, 'APELLIDOS Y NOMBRES', rec.name, r.name);
      const phone = this.merge(rowNo, sn, 'TELEFONO', rec.phone, r.phone);
      const email = this.merge(rowNo, sn, 'CORREO', rec.email, r.email);
      changed = name.changed || phone.changed || email.changed;
      rec = { ...rec, name: name.value, phone: phone.value, email: email.value, id_type: r.idType ?? rec.id_type, import_id: this.importId, import_row: rowNo };
      if (changed) this.stage.updateCustomer(rec, this.now);
      else this.stage.markCustomerRead(rec.id, this.importId, rowNo);
    }
    this.lastCustomer = { key, rec };
    return { rec, changed };
  }

  private service(
    r: BaseRow,
    customer: CustomerRec,
    rowNo: number,
    warn: (w: RowIssue) => void,
  ): { rec: ServiceRec; changed: boolean; wasDelivering: boolean } {
    const key = r.serviceKey;
    const cached = this.lastService?.key === key ? this.lastService.rec : null;
    let rec = cached;
    let changed = false;
    const sn = r.serviceNumber;
    if (!cached) this.freshItems = null;
    const fresh = (): ServiceRec => ({
        id: newId(),
        customer_id: customer.id,
        service_number: sn,
        business_line: r.businessLine,
        business_line_raw: r.businessLineRaw,
        cancel_date: r.cancelDate,
        regional: r.regional,
        province: r.province,
        city: r.city,
        charges_loaded: flag(r.chargesLoaded),
        paid: flag(r.paid),
        claim: flag(r.claim),
        in_base: 1,
        has_returns: 0,
        import_id: this.importId,
        import_row: rowNo,
        live: 0,
    });
    let inserted: ServiceRec | null = null;
    if (!cached && this.stage.insertsFirst) {
      const f = fresh();
      if (this.stage.insertServiceIfNew({ ...f, station: this.station, key, now: this.now })) inserted = f;
      else rec = this.stage.findService(key);
    } else if (!cached) {
      rec = this.stage.findService(key);
    }
    // Services outside the base or with returns recorded must have their status recomputed.
    const wasDelivering = rec !== null && (rec.in_base === 0 || rec.has_returns === 1);
    if (inserted || !rec) {
      if (inserted) rec = inserted;
      else {
        rec = fresh();
        this.stage.insertService({ ...rec, station: this.station, key, now: this.now });
      }
      // Every item of a service this file created is known here until another service comes.
      this.freshItems = new Map();
    } else if (rec.import_id === this.importId) {
      this.disagree(rowNo, rec.import_row, 'del servicio', [
        ['CLIENTE', rec.customer_id, customer.id],
        ['LINEA DE NEGOCIO', rec.business_line, r.businessLine],
        ['FECHA DE RETIRO', rec.cancel_date, r.cancelDate],
        ['REGIONAL', rec.regional, r.regional],
        ['PROVINCIA', rec.province, r.province],
        ['CIUDAD', rec.city, r.city],
        ['VALORES CARGADOS', rec.charges_loaded, flag(r.chargesLoaded)],
        ['PAGADO', rec.paid, flag(r.paid)],
        ['RECLAMO', rec.claim, flag(r.claim)],
      ], warn);
    } else {
      const s = rec;
      const moved = s.customer_id !== customer.id;
      // A corrected identification in an updated base moves the service to that customer.
      if (moved) this.change(rowNo, sn, 'CLIENTE', 'otro cliente', customer.identification ?? customer.name);
      const m = {
        line: this.merge(rowNo, sn, 'LINEA DE NEGOCIO', s.business_line, r.businessLine),
        date: this.merge(rowNo, sn, 'FECHA DE RETIRO', s.cancel_date, r.cancelDate, formatDate),
        regional: this.merge(rowNo, sn, 'REGIONAL', s.regional, r.regional),
        province: this.merge(rowNo, sn, 'PROVINCIA', s.province, r.province),
        city: this.merge(rowNo, sn, 'CIUDAD', s.city, r.city),
        loaded: this.flagMerge(rowNo, sn, 'VALORES CARGADOS', s.charges_loaded, r.chargesLoaded),
        paid: this.flagMerge(rowNo, sn, 'PAGADO', s.paid, r.paid),
        claim: this.flagMerge(rowNo, sn, 'RECLAMO', s.claim, r.claim),
      };
      changed = moved || Object.values(m).some((x) => x.changed);
      rec = {
        ...s,
        customer_id: customer.id,
        business_line: m.line.value,
        business_line_raw: r.businessLineRaw ?? s.business_line_raw,
        cancel_date: m.date.value,
        regional: m.regional.value,
        province: m.province.value,
        city: m.city.value,
        charges_loaded: m.loaded.value,
        paid: m.paid.value,
        claim: m.claim.value,
        in_base: 1,
        import_id: this.importId,
        import_row: rowNo,
      };
      if (changed) this.stage.updateService(rec, this.now);
      else this.stage.markServiceRead(rec.id, this.importId, rowNo);
    }
    this.lastService = { key, rec };
    return { rec, changed, wasDelivering };
  }


  /** An item without serial's occurrence under `itemBase`, or null when this file listed the same row there already (BaseStage.addLoosePrint). */
  looseOccurrence(itemBase: string, print: number): number | null {
    return this.stage.addLoosePrint(itemBase, print);
  }

  /** A row without identification keeps its service with the customer it already has. */
  private customerKeyFor(r: BaseRow): string {
    if (r.identification) return r.identification;
    const existing = this.lastService?.key === r.serviceKey ? this.lastService.rec : this.stage.findService(r.serviceKey);
    const key = existing ? this.stage.customerKeyOf(existing.customer_id) : null;
    return key ?? `SN:${r.serviceKey}`;
  }

  apply(r: BaseRow, lineKey: string, rowNo: number, warn: (w: RowIssue) => void = () => undefined): RowOutcome {
    const customer = this.customer(r, this.customerKeyFor(r), rowNo, warn);
    const service = this.service(r, customer.rec, rowNo, warn);
    const sn = r.serviceNumber;

    const item = this.freshItems ? (this.freshItems.get(lineKey) ?? null) : this.stage.findItem(service.rec, lineKey);
    if (service.wasDelivering) this.stage.markRecheck(service.rec.id);
    if (!item) {
      const id = newId();
      this.stage.insertItem({ id, station: this.station, serviceId: service.rec.id, lineKey, type: r.equipmentType, brand: r.brand,
        model: r.model, serial: r.serial, serialKey: r.serialKey, valueCents: r.valueCents, row: rowNo, importId: this.importId, now: this.now });
      this.freshItems?.set(lineKey, { id, equipment_type: r.equipmentType, brand: r.brand, model: r.model, serial: r.serial, value_cents: r.valueCents, source_row: rowNo, import_id: this.importId });
      return 'inserted';
    }
    if (item.import_id === this.importId) {
      const same = ([
        [item.equipment_type, r.equipmentType],
        [item.brand, r.brand],
        [item.model, r.model],
        [item.serial, r.serial],
        [item.value_cents, r.valueCents],
      ] as Array<[unknown, unknown]>).every(([a, b]) => b === null || a === b);
      return same ? { duplicateOf: item.source_row ?? 0 } : { conflictWith: item.source_row ?? 0 };
    }
    const t = this.merge(rowNo, sn, 'TIPO DE EQUIPO', item.equipment_type, r.equipmentType);
    const b = this.merge(rowNo, sn, 'MARCA', item.brand, r.brand);
    const mo = this.merge(rowNo, sn, 'MODELO', item.model, r.model);
    const se = this.merge(rowNo, sn, 'SERIE', item.serial, r.serial);
    const v = this.merge(rowNo, sn, 'VALOR', item.value_cents, r.valueCents, formatUsd);
    if (t.changed || b.changed || mo.changed || se.changed || v.changed) {
      this.stage.updateItem(item.id, { type: t.value, brand: b.value, model: mo.value, serial: se.value, serialKey: r.serialKey, valueCents: v.value, row: rowNo, importId: this.importId, now: this.now });
      return 'updated';
    }
    this.stage.markItemRead(item.id, rowNo, this.importId);
    return customer.changed || service.changed ? 'updated' : 'unchanged';
  }
}
