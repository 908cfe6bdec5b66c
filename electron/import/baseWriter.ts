import type { BaseRow, RowIssue } from '../../shared/baseRow';
import type { Db } from '../db/open';
import { newId } from '../db/ids';

export type RowOutcome = 'inserted' | 'updated' | 'unchanged';

export interface FieldChange {
  row: number;
  serviceNumber: string;
  field: string;
  before: string;
  after: string;
}

interface CustomerRec {
  id: string;
  identification: string | null;
  id_type: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
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
}

interface ItemRec {
  id: string;
  equipment_type: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  value_cents: number | null;
}

const show = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const flag = (b: boolean): number => (b ? 1 : 0);

/**
 * Applies normalised base rows to the database: upserts customer, service and expected item,
 * and tells whether the row was new, changed something, or changed nothing. Incoming blanks
 * never erase what the base had before. Runs inside the caller's transaction.
 */
export class BaseWriter {
  private readonly q;
  private lastCustomer: { key: string; rec: CustomerRec } | null = null;
  private lastService: { key: string; rec: ServiceRec } | null = null;
  /** Customers and services already applied by an earlier row of this file: their first row wins. */
  private readonly seenCustomers = new Map<string, number>();
  private readonly seenServices = new Map<string, number>();
  readonly changes: FieldChange[] = [];
  changeCount = 0;

  constructor(
    db: Db,
    private readonly station: string,
    private readonly now: string,
    private readonly maxChanges = 20_000,
  ) {
    this.q = {
      selCustomer: db.prepare('SELECT id, identification, id_type, name, phone, email FROM customers WHERE customer_key = ?'),
      insCustomer: db.prepare(
        `INSERT INTO customers (id, origin_station, customer_key, identification, id_type, name, phone, email, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updCustomer: db.prepare('UPDATE customers SET id_type = ?, name = ?, phone = ?, email = ?, updated_at = ? WHERE id = ?'),
      selService: db.prepare(
        `SELECT id, customer_id, service_number, business_line, business_line_raw, cancel_date, regional, province, city,
                charges_loaded, paid, claim FROM services WHERE service_key = ?`,
      ),
      insService: db.prepare(
        `INSERT INTO services (id, origin_station, customer_id, service_number, service_key, business_line, business_line_raw,
           cancel_date, regional, province, city, charges_loaded, paid, claim, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updService: db.prepare(
        `UPDATE services SET customer_id = ?, service_number = ?, business_line = ?, business_line_raw = ?, cancel_date = ?,
           regional = ?, province = ?, city = ?, charges_loaded = ?, paid = ?, claim = ?, updated_at = ? WHERE id = ?`,
      ),
      selItem: db.prepare(
        'SELECT id, equipment_type, brand, model, serial, value_cents FROM expected_items WHERE service_id = ? AND line_key = ?',
      ),
      insItem: db.prepare(
        `INSERT INTO expected_items (id, origin_station, service_id, line_key, equipment_type, brand, model, serial, serial_key,
           value_cents, source_row, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updItem: db.prepare(
        'UPDATE expected_items SET equipment_type = ?, brand = ?, model = ?, serial = ?, serial_key = COALESCE(?, serial_key), value_cents = ?, updated_at = ? WHERE id = ?',
      ),
    };
  }

  private change(row: number, serviceNumber: string, field: string, before: unknown, after: unknown): void {
    this.changeCount++;
    if (this.changes.length < this.maxChanges) this.changes.push({ row, serviceNumber, field, before: show(before), after: show(after) });
  }

  /** Keeps the old value when the file leaves the cell blank; records a change otherwise. */
  private merge<T>(rowNo: number, sn: string, field: string, before: T | null, incoming: T | null): { value: T | null; changed: boolean } {
    if (incoming === null || incoming === before) return { value: before, changed: false };
    this.change(rowNo, sn, field, before, incoming);
    return { value: incoming, changed: true };
  }

  /**
   * Rows of one service repeat the customer and service columns. The first row of the file sets
   * them; a later row that disagrees is reported instead of flipping the value back and forth.
   * Blank cells never disagree.
   */
  private laterRow(
    seen: Map<string, number>,
    key: string,
    rowNo: number,
    what: 'CLIENTE' | 'SERVICIO',
    pairs: () => Array<[string, unknown, unknown]>,
    warn: (w: RowIssue) => void,
  ): boolean {
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, rowNo);
      return false;
    }
    const differ = pairs().filter(([, current, incoming]) => incoming !== null && incoming !== current).map(([field]) => field);
    if (differ.length > 0) {
      const whose = what === 'CLIENTE' ? 'del cliente' : 'del servicio';
      warn({ row: rowNo, column: differ.join(', '), message: `Los datos ${whose} no coinciden con la fila ${first}; se conservan los de la fila ${first}.` });
    }
    return true;
  }

  apply(r: BaseRow, lineKey: string, rowNo: number, warn: (w: RowIssue) => void = () => undefined): RowOutcome {
    let changed = false;
    const sn = r.serviceNumber;

    // Customer
    const customerKey = r.identification ?? `SN:${r.serviceKey}`;
    let customer = this.lastCustomer?.key === customerKey ? this.lastCustomer.rec : null;
    if (!customer) customer = (this.q.selCustomer.get(customerKey) as CustomerRec | undefined) ?? null;
    const customerSeen = this.laterRow(this.seenCustomers, customerKey, rowNo, 'CLIENTE', () => [
      ['APELLIDOS Y NOMBRES', customer?.name, r.name],
      ['TELEFONO', customer?.phone, r.phone],
      ['CORREO', customer?.email, r.email],
    ], warn);
    if (!customer) {
      customer = { id: newId(), identification: r.identification, id_type: r.idType, name: r.name, phone: r.phone, email: r.email };
      this.q.insCustomer.run(customer.id, this.station, customerKey, r.identification, r.idType, r.name, r.phone, r.email, this.now, this.now);
    } else if (!customerSeen) {
      const name = this.merge(rowNo, sn, 'APELLIDOS Y NOMBRES', customer.name, r.name);
      const phone = this.merge(rowNo, sn, 'TELEFONO', customer.phone, r.phone);
      const email = this.merge(rowNo, sn, 'CORREO', customer.email, r.email);
      if (name.changed || phone.changed || email.changed) {
        customer = { ...customer, name: name.value, phone: phone.value, email: email.value, id_type: r.idType ?? customer.id_type };
        this.q.updCustomer.run(customer.id_type, customer.name, customer.phone, customer.email, this.now, customer.id);
        changed = true;
      }
    }
    this.lastCustomer = { key: customerKey, rec: customer };

    // Service
    let service = this.lastService?.key === r.serviceKey ? this.lastService.rec : null;
    if (!service) service = (this.q.selService.get(r.serviceKey) as ServiceRec | undefined) ?? null;
    const serviceSeen = this.laterRow(this.seenServices, r.serviceKey, rowNo, 'SERVICIO', () => [
      ['CLIENTE', service?.customer_id, customer.id],
      ['LINEA DE NEGOCIO', service?.business_line, r.businessLine],
      ['FECHA DE RETIRO', service?.cancel_date, r.cancelDate],
      ['REGIONAL', service?.regional, r.regional],
      ['PROVINCIA', service?.province, r.province],
      ['CIUDAD', service?.city, r.city],
      ['VALORES CARGADOS', service?.charges_loaded, flag(r.chargesLoaded)],
      ['PAGADO', service?.paid, flag(r.paid)],
      ['RECLAMO', service?.claim, flag(r.claim)],
    ], warn);
    if (!service) {
      service = {
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
      };
      const s = service;
      this.q.insService.run(s.id, this.station, s.customer_id, sn, r.serviceKey, s.business_line, s.business_line_raw, s.cancel_date,
        s.regional, s.province, s.city, s.charges_loaded, s.paid, s.claim, this.now, this.now);
    } else if (!serviceSeen) {
      const s = service;
      const m = {
        customer: this.moveCustomer(rowNo, sn, s.customer_id, customer),
        line: this.merge(rowNo, sn, 'LINEA DE NEGOCIO', s.business_line, r.businessLine),
        lineRaw: { value: r.businessLineRaw ?? s.business_line_raw, changed: false },
        date: this.merge(rowNo, sn, 'FECHA DE RETIRO', s.cancel_date, r.cancelDate),
        regional: this.merge(rowNo, sn, 'REGIONAL', s.regional, r.regional),
        province: this.merge(rowNo, sn, 'PROVINCIA', s.province, r.province),
        city: this.merge(rowNo, sn, 'CIUDAD', s.city, r.city),
        loaded: this.flagMerge(rowNo, sn, 'VALORES CARGADOS', s.charges_loaded, r.chargesLoaded),
        paid: this.flagMerge(rowNo, sn, 'PAGADO', s.paid, r.paid),
        claim: this.flagMerge(rowNo, sn, 'RECLAMO', s.claim, r.claim),
      };
      if (Object.values(m).some((x) => x.changed)) {
        service = {
          id: s.id,
          customer_id: customer.id,
          service_number: s.service_number,
          business_line: m.line.value,
          business_line_raw: m.lineRaw.value,
          cancel_date: m.date.value,
          regional: m.regional.value,
          province: m.province.value,
          city: m.city.value,
          charges_loaded: m.loaded.value,
          paid: m.paid.value,
          claim: m.claim.value,
        };
        const n = service;
        this.q.updService.run(n.customer_id, n.service_number, n.business_line, n.business_line_raw, n.cancel_date, n.regional,
          n.province, n.city, n.charges_loaded, n.paid, n.claim, this.now, n.id);
        changed = true;
      }
    }
    this.lastService = { key: r.serviceKey, rec: service };

    // Expected item
    const item = this.q.selItem.get(service.id, lineKey) as ItemRec | undefined;
    if (!item) {
      this.q.insItem.run(newId(), this.station, service.id, lineKey, r.equipmentType, r.brand, r.model, r.serial, r.serialKey,
        r.valueCents, rowNo, this.now, this.now);
      return 'inserted';
    }
    const t = this.merge(rowNo, sn, 'TIPO DE EQUIPO', item.equipment_type, r.equipmentType);
    const b = this.merge(rowNo, sn, 'MARCA', item.brand, r.brand);
    const mo = this.merge(rowNo, sn, 'MODELO', item.model, r.model);
    const se = this.merge(rowNo, sn, 'SERIE', item.serial, r.serial);
    const v = this.merge(rowNo, sn, 'VALOR', item.value_cents, r.valueCents);
    if (t.changed || b.changed || mo.changed || se.changed || v.changed) {
      this.q.updItem.run(t.value, b.value, mo.value, se.value, r.serialKey, v.value, this.now, item.id);
      changed = true;
    }
    return changed ? 'updated' : 'unchanged';
  }

  /** A corrected identification in an updated base moves the service to that customer. */
  private moveCustomer(rowNo: number, sn: string, currentId: string, customer: CustomerRec): { changed: boolean } {
    if (currentId === customer.id) return { changed: false };
    this.change(rowNo, sn, 'CLIENTE', 'otro cliente', customer.identification ?? customer.name);
    return { changed: true };
  }

  /** Flags are always stated by the base (blank means NO), so they can be switched off too. */
  private flagMerge(rowNo: number, sn: string, field: string, before: number, incoming: boolean): { value: number; changed: boolean } {
    const v = flag(incoming);
    if (v === before) return { value: before, changed: false };
    this.change(rowNo, sn, field, before ? 'SI' : 'NO', incoming ? 'SI' : 'NO');
    return { value: v, changed: true };
  }
}
