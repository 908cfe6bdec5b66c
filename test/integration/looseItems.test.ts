import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBaseImport } from '../../electron/import/baseImport';
import type { Db } from '../../electron/db/open';
import { openTestDatabase } from '../helpers/encryptedDb';
import { d, HEADER, writeWorkbook, type Cell } from '../helpers/workbooks';

/**
 * Items without serial are told apart by type, brand, model and how many came before under the
 * same service (rowApplier.ts); the file's earlier ones are kept in the import's stage, not in
 * memory. The count must hold across the whole file, also when a service's rows are not together.
 */
const A: Cell[] = ['PICHINCHA', 1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'TV', 223456789, d(2020, 5, 10), 'TARJETA', 'KAON', 'SC-1', null, 5, 'NO', 'NO', 'NO', null, null];
const B: Cell[] = ['AUSTRO', 102030400, 'DE LA TORRE ANDRADE MARÍA JOSÉ', 'TV', '0005550001', d(2020, 6, 3), 'TARJETA', 'KAON', 'SC-1', null, 5, 'NO', 'NO', 'NO', null, null];
const withValue = (r: Cell[], value: number): Cell[] => r.map((c, i) => (i === 10 ? value : c));

const ROWS: Cell[][] = [
  A, // A's first card
  B, // B's first card: another service, its own count
  withValue(A, 6), // A's second card (other data), after another service
  A, // A's first card again: a duplicate, though B came between
  withValue(B, 7), // B's second card
  withValue(A, 8), // A's third card
  withValue(A, 6), // A's second card again: a duplicate
];

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('items without serial', () => {
  it('are counted per service, type, brand and model across the whole file, and matched again by a re-import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loose-'));
    const db = openTestDatabase(join(dir, 'recupera.sqlite'));
    dbs.push(db);
    const path = join(dir, 'base.xlsx');
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, ...ROWS] }]);

    const first = await runBaseImport({ db, path, mode: 'commit', stationCode: 'P', threadedReader: true });
    expect(first).toMatchObject({ rows: 7, inserted: 5, duplicates: 2, rejected: 0 });
    const repeated = first.warningList.filter((w) => w.message.startsWith('Fila repetida (mismo equipo sin serie')).map((w) => w.row);
    expect(repeated).toEqual([5, 8]);
    const items = db
      .prepare(`SELECT s.service_number, i.line_key, i.value_cents, i.source_row FROM expected_items i JOIN services s ON s.id = i.service_id ORDER BY i.source_row`)
      .all();
    expect(items).toEqual([
      { service_number: '223456789', line_key: '#TARJETA|KAON|SC-1|1', value_cents: 500, source_row: 2 },
      { service_number: '0005550001', line_key: '#TARJETA|KAON|SC-1|1', value_cents: 500, source_row: 3 },
      { service_number: '223456789', line_key: '#TARJETA|KAON|SC-1|2', value_cents: 600, source_row: 4 },
      { service_number: '0005550001', line_key: '#TARJETA|KAON|SC-1|2', value_cents: 700, source_row: 6 },
      { service_number: '223456789', line_key: '#TARJETA|KAON|SC-1|3', value_cents: 800, source_row: 7 },
    ]);

    // The same file again: every item is the one the first import created, nothing new.
    const again = await runBaseImport({ db, path, mode: 'commit', stationCode: 'P', threadedReader: true });
    expect(again).toMatchObject({ rows: 7, inserted: 0, updated: 0, unchanged: 5, duplicates: 2 });
    expect(db.prepare('SELECT count(*) FROM expected_items').pluck().get()).toBe(5);
  });
});
