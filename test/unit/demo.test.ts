import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { BASE_FIELDS, type RawBaseRow } from '../../shared/baseFields';
import { generateBaseRows, writeDemoWorkbook, type DemoOptions } from '../../electron/demo/generate';

function take(opts: DemoOptions, n: number): RawBaseRow[] {
  const out: RawBaseRow[] = [];
  for (const row of generateBaseRows(opts)) {
    if (out.length === n) break;
    out.push(row);
  }
  return out;
}

// Written from docs/domain.md §5, independently of the generator and of shared/identification.ts.
function cedulaOk(id: string): boolean {
  if (!/^\d{10}$/.test(id)) return false;
  const province = Number(id.slice(0, 2));
  if (!((province >= 1 && province <= 24) || province === 30) || Number(id[2]) >= 6) return false;
  const sum = [...id.slice(0, 9)].reduce((s, d, i) => {
    const p = Number(d) * (i % 2 === 0 ? 2 : 1);
    return s + (p > 9 ? p - 9 : p);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(id[9]);
}

function companyRucOk(id: string): boolean {
  if (!/^\d{10}001$/.test(id) || id[2] !== '9') return false;
  const province = Number(id.slice(0, 2));
  if (province < 1 || province > 24) return false;
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(id[9]);
}

const CUSTOMER_FIELDS = ['regional', 'province', 'city', 'identification', 'name', 'phone', 'email'] as const;
const SERVICE_FIELDS = ['businessLine', 'cancelDate', 'chargesLoaded', 'paid', 'claim'] as const;
const ITEMS_BY_LINE: Record<string, string[]> = {
  'Internet Fijo': ['MODEM', 'ROUTER', 'ONT', 'FUENTE DE PODER'],
  Televisión: ['DECODIFICADOR', 'TARJETA INTELIGENTE', 'ANTENA', 'CONTROL REMOTO'],
  'Telefonía Fija': ['TELEFONO INALAMBRICO', 'MODEM'],
};

const comparable = (v: RawBaseRow[keyof RawBaseRow]) => (v instanceof Date ? v.getTime() : v);

describe('demo base generator', () => {
  const rows = take({ customers: 20_000 }, 20_000);

  it('is deterministic per seed', () => {
    expect(take({ customers: 500, seed: 1 }, 200)).toEqual(take({ customers: 500 }, 200));
    expect(take({ customers: 500, seed: 7 }, 200)).toEqual(take({ customers: 500, seed: 7 }, 200));
    expect(take({ customers: 500, seed: 2 }, 200)).not.toEqual(take({ customers: 500, seed: 1 }, 200));
  });

  it('produces 20,000 rows with every field of the base', () => {
    expect(rows).toHaveLength(20_000);
    for (const row of rows.slice(0, 50)) {
      expect(Object.keys(row).sort()).toEqual(BASE_FIELDS.map((f) => f.key).sort());
    }
  });

  it('gives valid, unique identifications: cédulas and about 3% company RUCs', () => {
    const byCustomer = new Map<string, string>();
    let rucs = 0;
    for (const row of rows) {
      const id = row.identification as string;
      expect(cedulaOk(id) || companyRucOk(id), id).toBe(true);
      // One identification, one customer: the name never changes under it, nor vice versa.
      const name = row.name as string;
      expect(byCustomer.get(id) ?? name).toBe(name);
      byCustomer.set(id, name);
    }
    const ids = [...byCustomer.keys()];
    for (const id of ids) if (id.length === 13) rucs++;
    expect(rucs / ids.length).toBeGreaterThan(0.01);
    expect(rucs / ids.length).toBeLessThan(0.06);
    expect(ids.some((id) => id.startsWith('0'))).toBe(true);
  });

  it('keeps service numbers unique across customers and serials unique overall', () => {
    const owner = new Map<string, string>();
    const serials = new Set<string>();
    let blank = 0;
    for (const row of rows) {
      const sn = row.serviceNumber as string;
      expect(sn).toMatch(/^\d{7,10}$/);
      expect(owner.get(sn) ?? row.identification).toBe(row.identification);
      owner.set(sn, row.identification as string);
      if (row.serial === null) {
        blank++;
        continue;
      }
      const serial = row.serial as string;
      expect(serial).toMatch(/^[A-Z0-9]{10,16}$/);
      expect(serials.has(serial), serial).toBe(false);
      serials.add(serial);
    }
    expect(blank / rows.length).toBeGreaterThan(0.01);
    expect(blank / rows.length).toBeLessThan(0.06);
    expect([...owner.keys()].some((sn) => sn.startsWith('0'))).toBe(true);
  });

  it('repeats customer and service data on every row of a service', () => {
    const first = new Map<string, RawBaseRow>();
    let multiItem = 0;
    for (const row of rows) {
      const seen = first.get(row.serviceNumber as string);
      if (!seen) {
        first.set(row.serviceNumber as string, row);
        continue;
      }
      multiItem++;
      for (const key of [...CUSTOMER_FIELDS, ...SERVICE_FIELDS]) {
        expect(comparable(row[key]), key).toEqual(comparable(seen[key]));
      }
    }
    expect(multiItem).toBeGreaterThan(1000);
  });

  it('keeps every field within its domain', () => {
    // Checked on distinct values so 20,000 rows cost a few hundred expectations, not 600,000.
    const distinct = (key: keyof RawBaseRow) => [...new Set(rows.map((r) => comparable(r[key])))];
    const share = (test: (r: RawBaseRow) => boolean) => rows.filter(test).length / rows.length;

    for (const key of ['regional', 'province', 'city', 'name', 'brand', 'model'] as const) {
      for (const v of distinct(key)) expect(v).toMatch(/^[A-ZÁÉÍÓÚÑ0-9][A-ZÁÉÍÓÚÑ0-9 .@&-]*$/);
    }
    expect(distinct('province')).toHaveLength(24);
    const pairs = [...new Set(rows.map((r) => `${r.businessLine}|${r.equipmentType}`))];
    for (const pair of pairs) {
      const [line, type] = pair.split('|') as [string, string];
      expect(ITEMS_BY_LINE[line], pair).toContain(type);
    }
    for (const t of distinct('cancelDate')) {
      expect(typeof t).toBe('number');
      expect((t as number) % 86_400_000).toBe(0);
      expect(t).toBeGreaterThanOrEqual(Date.UTC(2020, 2, 16));
      expect(t).toBeLessThanOrEqual(Date.UTC(2020, 11, 31));
    }
    expect(rows.every((r) => r.cancelDate instanceof Date)).toBe(true);
    for (const v of distinct('value')) {
      expect(typeof v).toBe('number');
      expect(v).toBeGreaterThan(0);
      expect(Math.round((v as number) * 100) / 100).toBe(v);
    }
    for (const flag of ['chargesLoaded', 'paid', 'claim'] as const) expect(distinct(flag).sort()).toEqual(['NO', 'SI']);
    expect(rows.some((r) => r.chargesLoaded === 'NO' && (r.paid === 'SI' || r.claim === 'SI'))).toBe(false);
    expect(share((r) => r.chargesLoaded === 'SI')).toBeGreaterThan(0.2);
    expect(share((r) => r.chargesLoaded === 'SI')).toBeLessThan(0.4);

    for (const phone of distinct('phone')) if (phone !== null) expect(phone).toMatch(/^09\d{8}$/);
    for (const email of distinct('email')) if (email !== null) expect(email).toMatch(/^[a-z0-9._]+@[a-z0-9.]+\.[a-z]+$/);
    expect(share((r) => r.phone === null)).toBeGreaterThan(0.05);
    expect(share((r) => r.phone === null)).toBeLessThan(0.15);
    expect(share((r) => r.email === null)).toBeGreaterThan(0.3);
    expect(share((r) => r.email === null)).toBeLessThan(0.5);

    const names = distinct('name') as string[];
    expect(names.some((n) => /^(DE LA|DEL|DE LOS|SAN) /.test(n))).toBe(true);
    expect(names.some((n) => /[ÁÉÍÓÚÑ]/.test(n))).toBe(true);
  });

  it('rejects a customer count it cannot keep unique', () => {
    expect(() => generateBaseRows({ customers: 10_000_000 }).next()).toThrow(RangeError);
  });

  it('writes a workbook that reads back with text IDs and real dates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recupera-demo-'));
    try {
      const file = join(dir, 'base.xlsx');
      const { rows: written } = await writeDemoWorkbook(file, { customers: 130, seed: 3 });
      const expected = [...generateBaseRows({ customers: 130, seed: 3 })];
      expect(written).toBe(expected.length);
      expect(written).toBeGreaterThan(200);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.getWorksheet('BASE');
      expect(sheet).toBeDefined();
      if (!sheet) return;
      expect(sheet.rowCount).toBe(written + 1);
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(BASE_FIELDS.map((f) => f.header));

      const col = (key: string) => BASE_FIELDS.findIndex((f) => f.key === key) + 1;
      const leadingZero = expected.findIndex((r) => (r.identification as string).startsWith('0'));
      expect(leadingZero).toBeGreaterThanOrEqual(0);
      for (const i of [0, leadingZero, expected.length - 1]) {
        const source = expected[i]!;
        const row = sheet.getRow(i + 2);
        expect(row.getCell(col('identification')).value).toBe(source.identification);
        expect(row.getCell(col('serviceNumber')).value).toBe(source.serviceNumber);
        const date = row.getCell(col('cancelDate'));
        expect(date.value).toBeInstanceOf(Date);
        expect((date.value as Date).getTime()).toBe((source.cancelDate as Date).getTime());
        expect(date.numFmt).toBe('dd/mm/yyyy');
        expect(row.getCell(col('value')).value).toBe(source.value);
        expect(row.getCell(col('name')).value).toBe(source.name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
