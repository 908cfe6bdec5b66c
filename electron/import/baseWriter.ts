import type { BaseRow, RowIssue } from '../../shared/baseRow';
import { indexNewCustomers, maxCustomerNum } from '../db/customers';
import { newId } from '../db/ids';
import type { Db } from '../db/open';
import { recomputeServiceStatus } from '../handovers/serviceStatus';

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

interface CustomerRec {
  id: string;
  id_type: string | null;
  identification: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  import_id: string | null;
  import_row: number | null;
}

interface ServiceRec {
  id: string;
  customer_id: string;
  service_number: string;
  business_line: string | null;
  business_line_raw: string | null;
  cancel_date: string | null;
  regional: string | null;
  province: string | null;
  city: string | null;
  charges_loaded: number;
  paid: number;
  claim: number;
  in_base: number;
  /** Whether any acta took items of this service (read with the record, once per service). */
  has_returns: number;
  import_id: string | null;
  import_row: number | null;
}

interface ItemRec {
  id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  value_cents: number | null;
  source_row: number | null;
  import_id: string | null;
}

type Merge<T> = { value: T; changed: boolean };

const show = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const flag = (b: boolean): number => (b ? 1 : 0);

/**
 * Applies normalised base rows to the database: upserts customer, service and expected item,
 * and tells whether the row was new, changed something, or changed nothing. Incoming blanks
 * never erase what the base had before. Runs inside the caller's transaction.
 *
 * Rows of one service repeat the customer and service columns. The first row of the file sets
 * them; a later row that disagrees is reported instead of flipping values back and forth. What
 * "earlier in this file" means is kept in the records themselves (import_id, import_row).
 */
export class BaseWriter {
  private readonly q;
  private lastCustomer: { key: string; rec: CustomerRec } | null = null;
  private lastService: { key: string; rec: ServiceRec } | null = null;
  readonly changes: FieldChange[] = [];
  changeCount = 0;
  private readonly firstNewNum: number;
  /** Existing services whose expected items changed: their status is recomputed before commit. */
  private readonly recheck = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly station: string,
    private readonly now: string,
    private readonly importId: string,
    private readonly maxChanges = 20_000,
  ) {
    this.firstNewNum = maxCustomerNum(db);
    this.q = {
      selCustomer: db.prepare(
        'SELECT id, id_type, identification, name, phone, email, import_id, import_row FROM customers WHERE customer_key = ?',
      ),
      insCustomer: db.prepare(
        `INSERT INTO customers (id, origin_station, customer_key, identification, id_type, name, phone, email, import_id, import_row,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updCustomer: db.prepare(
        'UPDATE customers SET id_type = ?, name = ?, phone = ?, email = ?, import_id = ?, import_row = ?, updated_at = ? WHERE id = ?',
      ),
      touchCustomer: db.prepare('UPDATE customers SET import_id = ?, import_row = ? WHERE id = ?'),
      selService: db.prepare(
        `SELECT id, customer_id, service_number, business_line, business_line_raw, cancel_date, regional, province, city,
                charges_loaded, paid, claim, in_base, import_id, import_row,
                EXISTS (SELECT 1 FROM handover_items hi WHERE hi.service_id = services.id) AS has_returns
         FROM services WHERE service_key = ?`,
      ),
      insService: db.prepare(
        `INSERT INTO services (id, origin_station, customer_id, service_number, service_key, business_line, business_line_raw,
           cancel_date, regional, province, city, charges_loaded, paid, claim, import_id, import_row, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updService: db.prepare(
        `UPDATE services SET customer_id = ?, service_number = ?, business_line = ?, business_line_raw = ?, cancel_date = ?,
           regional = ?, province = ?, city = ?, charges_loaded = ?, paid = ?, claim = ?, in_base = 1, import_id = ?, import_row = ?,
           updated_at = ? WHERE id = ?`,
      ),
      touchService: db.prepare('UPDATE services SET in_base = 1, import_id = ? , import_row = ? WHERE id = ?'),
      customerKeyOf: db.prepare('SELECT customer_key FROM customers WHERE id = ?').pluck(),
      selItem: db.prepare(
        `SELECT id, equipment_type, brand, model, serial, value_cents, source_row, import_id
         FROM expected_items WHERE service_id = ? AND line_key = ?`,
      ),
      insItem: db.prepare(
        `INSERT INTO expected_items (id, origin_station, service_id, line_key, equipment_type, brand, model, serial, serial_key,
           value_cents, source_row, import_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updItem: db.prepare(
        `UPDATE expected_items SET equipment_type = ?, brand = ?, model = ?, serial = ?, serial_key = COALESCE(?, serial_key),
           value_cents = ?, source_row = ?, import_id = ?, updated_at = ? WHERE id = ?`,
      ),
      touchItem: db.prepare('UPDATE expected_items SET source_row = ?, import_id = ? WHERE id = ?'),
    };
  }

  /** Indexes the names of the customers this writer created; call once, before committing. */
  finish(): void {
    indexNewCustomers(this.db, this.firstNewNum);
    // A service already (partly) returned, or recorded outside the base, may now list more items.
    for (const id of this.recheck) recomputeServiceStatus(this.db, id);
  }

  private change(row: number, serviceNumber: string, field: string, before: unknown, after: unknown): void {
    this.changeCount++;
    if (this.changes.length < this.maxChanges) this.changes.push({ row, serviceNumber, field, before: show(before), after: show(after) });
  }

  /** Keeps the old value when the file leaves the cell blank; records a change otherwise. */
  private merge<T>(rowNo: number, sn: string, field: string, before: T | null, incoming: T | null): Merge<T | null> {
    if (incoming === null || incoming === before) return { value: before, changed: false };
    this.change(rowNo, sn, field, before, incoming);
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
    let rec = this.lastCustomer?.key === key ? this.lastCustomer.rec : ((this.q.selCustomer.get(key) as CustomerRec | undefined) ?? null);
    let changed = false;
    if (!rec) {
      rec = { id: newId(), id_type: r.idType, identification: r.identification, name: r.name, phone: r.phone, email: r.email, import_id: this.importId, import_row: rowNo };
      this.q.insCustomer.run(rec.id, this.station, key, r.identification, r.idType, r.name, r.phone, r.email, this.importId, rowNo, this.now, this.now);
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
      if (changed) this.q.updCustomer.run(rec.id_type, rec.name, rec.phone, rec.email, this.importId, rowNo, this.now, rec.id);
      else this.q.touchCustomer.run(this.importId, rowNo, rec.id);
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
    let rec = this.lastService?.key === key ? this.lastService.rec : ((this.q.selService.get(key) as ServiceRec | undefined) ?? null);
    let changed = false;
    const sn = r.serviceNumber;
    // Services outside the base or with returns recorded must have their status recomputed.
    const wasDelivering = rec !== null && (rec.in_base === 0 || rec.has_returns === 1);
    if (!rec) {
      rec = {
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
      };
      const s = rec;
      this.q.insService.run(s.id, this.station, s.customer_id, sn, key, s.business_line, s.business_line_raw, s.cancel_date,
        s.regional, s.province, s.city, s.charges_loaded, s.paid, s.claim, this.importId, rowNo, this.now, this.now);
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
        date: this.merge(rowNo, sn, 'FECHA DE RETIRO', s.cancel_date, r.cancelDate),
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
      const n = rec;
      if (changed) {
        this.q.updService.run(n.customer_id, n.service_number, n.business_line, n.business_line_raw, n.cancel_date, n.regional,
          n.province, n.city, n.charges_loaded, n.paid, n.claim, this.importId, rowNo, this.now, n.id);
      } else {
        this.q.touchService.run(this.importId, rowNo, n.id);
      }
    }
    this.lastService = { key, rec };
    return { rec, changed, wasDelivering };
  }


  /** A row without identification keeps its service with the customer it already has. */
  private customerKeyFor(r: BaseRow): string {
    if (r.identification) return r.identification;
    const existing = this.lastService?.key === r.serviceKey ? this.lastService.rec : (this.q.selService.get(r.serviceKey) as ServiceRec | undefined);
    const key = existing ? (this.q.customerKeyOf.get(existing.customer_id) as string | undefined) : undefined;
    return key ?? `SN:${r.serviceKey}`;
  }

  apply(r: BaseRow, lineKey: string, rowNo: number, warn: (w: RowIssue) => void = () => undefined): RowOutcome {
    const customer = this.customer(r, this.customerKeyFor(r), rowNo, warn);
    const service = this.service(r, customer.rec, rowNo, warn);
    const sn = r.serviceNumber;

    const item = this.q.selItem.get(service.rec.id, lineKey) as ItemRec | undefined;
    if (service.wasDelivering) this.recheck.add(service.rec.id);
    if (!item) {
      this.q.insItem.run(newId(), this.station, service.rec.id, lineKey, r.equipmentType, r.brand, r.model, r.serial, r.serialKey,
        r.valueCents, rowNo, this.importId, this.now, this.now);
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
    const v = this.merge(rowNo, sn, 'VALOR', item.value_cents, r.valueCents);
    if (t.changed || b.changed || mo.changed || se.changed || v.changed) {
      this.q.updItem.run(t.value, b.value, mo.value, se.value, r.serialKey, v.value, rowNo, this.importId, this.now, item.id);
      return 'updated';
    }
    this.q.touchItem.run(rowNo, this.importId, item.id);
    return customer.changed || service.changed ? 'updated' : 'unchanged';
  }
}
