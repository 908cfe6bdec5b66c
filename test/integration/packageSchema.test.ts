import { createHash } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '../../electron/db/open';
import { openTestDatabase } from '../helpers/encryptedDb';
import { PACKAGE_SCHEMA, PACKAGE_VERSION } from '../../electron/sync/packageFormat';

/**
 * `datos.sqlite` restates columns of the main schema by hand (its format is fixed: packages already
 * exported must still consolidate). These tests keep the two from drifting apart: each package
 * column comes from a main column of the same type, and each main column of a table that travels
 * is carried or left out on purpose.
 */

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** The main table each package table copies its rows from; `null` for the package's own. */
const COUNTERPART: Record<string, string | null> = {
  meta: null,
  handovers: 'handovers',
  items: 'handover_items',
  voids: 'handover_voids',
  backups: 'backups',
  backup_services: 'backup_services',
  backup_files: 'backup_files',
};

const CUSTOMER_BY_KEY = {
  customer_key: 'customers.customer_key',
  customer_identification: 'customers.identification',
  customer_name: 'customers.name',
};

/**
 * Package columns that do not come from the same-named column of the counterpart: another main
 * column (looked up through the record's customer, service or expected item), or `null` for what
 * only a package has.
 */
const SOURCE: Record<string, Record<string, string | null>> = {
  handovers: { ...CUSTOMER_BY_KEY, customer_id_type: 'customers.id_type', customer_phone: 'customers.phone', pdf_file: null },
  items: { service_key: 'services.service_key', business_line: 'services.business_line', line_key: 'expected_items.line_key' },
  voids: { acta_number: 'handovers.acta_number' },
  backups: CUSTOMER_BY_KEY,
  backup_services: { service_key: 'services.service_key', service_number: 'services.service_number' },
  backup_files: { package_file: null },
};

/** Main columns that stay home: internal ids are replaced by keys in the base, local paths by package entries. */
const NOT_CARRIED: Record<string, string[]> = {
  // original_number is set by a conflict resolution at the central; an office never renumbers.
  handovers: ['customer_id', 'pdf_path', 'original_number'],
  handover_items: ['service_id', 'expected_item_id'],
  backups: ['customer_id'],
  backup_services: ['service_id'],
  // purged_at says when this station deleted its own copy of the file (retention); each station
  // purges on its own, so it never travels.
  backup_files: ['purged_at'],
};

/** Each package format's tables, hashed from their columns: a package already exported keeps this shape. */
const FORMAT_SHAPE_SHA256: Record<number, string> = {
  1: '11599aa321530546bd79a45b0fff6e0a4244f48316a7906c5186795b2a76752f',
  // Signed packages: handovers.signature travels with the acta.
  2: '2fb299c0775204115b03c25cec028ce18eec5dbad2ddb52cb1f4b18736c90d1e',
};

let main: Db;
let pkg: Database.Database;

const columns = (db: Database.Database, table: string): Column[] => db.prepare(`PRAGMA table_info(${table})`).all() as Column[];
const tablesOf = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];

beforeAll(() => {
  main = openTestDatabase(':memory:');
  pkg = new Database(':memory:');
  pkg.exec(PACKAGE_SCHEMA);
});
afterAll(() => {
  main.close();
  pkg.close();
});

describe('package tables against the main schema', () => {
  it('knows where every package table comes from', () => {
    expect(tablesOf(pkg)).toEqual(Object.keys(COUNTERPART).sort());
    for (const table of Object.values(COUNTERPART).filter((t) => t !== null)) expect(tablesOf(main), table).toContain(table);
  });

  it('takes each column from a main column of the same type, no stricter about NULL', () => {
    for (const [table, counterpart] of Object.entries(COUNTERPART)) {
      if (counterpart === null) continue;
      const own = new Set(columns(pkg, table).map((c) => c.name));
      for (const overridden of Object.keys(SOURCE[table] ?? {})) expect(own.has(overridden), `${table}.${overridden} is listed in SOURCE but not in the package`).toBe(true);
      for (const col of columns(pkg, table)) {
        const source = SOURCE[table]?.[col.name] === undefined ? `${counterpart}.${col.name}` : SOURCE[table]![col.name]!;
        if (source === null) continue;
        const [sourceTable, sourceColumn] = source.split('.') as [string, string];
        const from = columns(main, sourceTable).find((c) => c.name === sourceColumn);
        const what = `package ${table}.${col.name} from main ${source}`;
        expect(from, `${what}: no such column`).toBeDefined();
        expect(col.type, `${what}: declared type`).toBe(from!.type);
        if (sourceTable === counterpart) {
          expect(col.notnull, `${what}: NOT NULL`).toBe(from!.notnull);
        } else if (col.notnull) {
          // A column looked up in another table may be missing when the lookup finds nothing.
          expect(from!.notnull, `${what}: NOT NULL in the package but not in the main schema`).toBe(1);
        }
      }
    }
  });

  it('carries every column of a table that travels, or leaves it out on purpose', () => {
    for (const [table, counterpart] of Object.entries(COUNTERPART)) {
      if (counterpart === null) continue;
      const own = new Set(columns(pkg, table).map((c) => c.name));
      const left = NOT_CARRIED[counterpart] ?? [];
      for (const col of columns(main, counterpart)) {
        if (left.includes(col.name)) {
          expect(own.has(col.name), `${counterpart}.${col.name} is listed as not carried but the package has it`).toBe(false);
        } else {
          expect(own.has(col.name), `main ${counterpart}.${col.name} is not in the package's ${table}: carry it (a new package format) or list it in NOT_CARRIED`).toBe(true);
        }
      }
      for (const name of left) expect(columns(main, counterpart).map((c) => c.name), `${counterpart}.${name} in NOT_CARRIED`).toContain(name);
    }
  });

  it('keeps the tables of this package format as packages already exported have them', () => {
    const shape = tablesOf(pkg)
      .map((t) => `${t}(${columns(pkg, t).map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ` PK${c.pk}` : ''}`).join(', ')})`)
      .join('\n');
    const hash = createHash('sha256').update(shape).digest('hex');
    expect(hash, `datos.sqlite changed shape; a new shape needs PACKAGE_VERSION ${PACKAGE_VERSION + 1} and consolidation of version ${PACKAGE_VERSION} packages:\n${shape}`).toBe(
      FORMAT_SHAPE_SHA256[PACKAGE_VERSION],
    );
  });
});
