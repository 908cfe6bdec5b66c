import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBaseImport } from '../../electron/import/baseImport';
import type { Db } from '../../electron/db/open';
import { openTestDatabase } from '../helpers/encryptedDb';
import { d, HEADER, writeWorkbook, type Cell } from '../helpers/workbooks';

/**
 * A station's first import (an empty live base) inserts records first and looks them up only
 * when their key is taken, and keeps a new service's items in memory while its rows come one
 * after another (baseWriter.ts). Any other import looks every record up. Both must decide every
 * row alike: the same file gives the same counts, warnings, rejections and records.
 */
const X: Cell[] = ['PICHINCHA', 1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', 223456789, d(2020, 5, 10), 'MODEM', 'HUAWEI', 'HG8245H', 'HWT0001', 45, 'SI', 'NO', 'NO', '0991234567', null];
const Y: Cell[] = ['AUSTRO', 102030400, 'DE LA TORRE ANDRADE MARÍA JOSÉ', 'TV', '0005550001', '03-06-2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'ka-0001', '60.00', 'NO', 'NO', 'NO', '+593987654321', null];
const row = (base: Cell[], changes: Record<number, Cell>): Cell[] => base.map((c, i) => (i in changes ? changes[i]! : c));

const ROWS: Cell[][] = [
  X,
  row(X, { 6: 'FUENTE DE PODER', 8: '', 9: '', 10: 6 }), // a loose item of the same service, next row
  X, // the first item again while its service's rows still run: a duplicate
  row(X, { 10: 50 }), // and with another VALOR: rejected
  Y,
  X, // the same item again, after another service: a duplicate
  row(X, { 8: 'OTRO MODELO' }), // the same serial with other data: rejected
  row(X, { 6: 'FUENTE DE PODER', 8: '', 9: '', 10: 6 }), // the loose item again: a duplicate
  row(X, { 4: 223456790, 9: 'HWT0002', 14: '0999999999' }), // the same customer, another service, another phone
  row(Y, { 13: 'SI', 9: 'ka-0002' }), // Y's service again with another RECLAMO: the first row wins
  row(Y, { 9: 'ka-0002' }), // consecutive duplicate of the row before
];

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function importInto(populated: boolean): Promise<{ summary: Record<string, unknown>; records: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), 'insert-first-'));
  dirs.push(dir);
  const db = openTestDatabase(join(dir, 'recupera.sqlite'));
  dbs.push(db);
  if (populated) {
    // One unrelated customer: the live base is not empty, so every record is looked up.
    const other = join(dir, 'other.xlsx');
    await writeWorkbook(other, [{ name: 'Base', rows: [HEADER, row(Y, { 1: 1710034065, 2: 'OTRA PERSONA', 4: '0009990001', 9: 'zz-1' })] }]);
    await runBaseImport({ db, path: other, mode: 'commit', stationCode: 'P' });
  }
  const path = join(dir, 'base.xlsx');
  await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, ...ROWS] }]);
  const s = await runBaseImport({ db, path, mode: 'commit', stationCode: 'P', threadedReader: true });
  const records = db
    .prepare(
      `SELECT c.identification, c.name, c.phone, s.service_number, s.claim, i.equipment_type, i.model, i.serial, i.value_cents, i.source_row
       FROM expected_items i JOIN services s ON s.id = i.service_id JOIN customers c ON c.id = s.customer_id
       WHERE c.name <> 'OTRA PERSONA' ORDER BY i.source_row`,
    )
    .all();
  const { rows, inserted, updated, unchanged, duplicates, rejected, warnings, errors, warningList } = s;
  return { summary: { rows, inserted, updated, unchanged, duplicates, rejected, warnings, errors, warningList }, records };
}

describe('a first import into an empty base', () => {
  it('decides every row as an import into a populated base does', async () => {
    const first = await importInto(false);
    const later = await importInto(true);
    expect(first).toEqual(later);
    expect(first.summary).toMatchObject({ rows: 11, inserted: 5, duplicates: 4, rejected: 2 });
    expect(first.summary.errors).toEqual([expect.objectContaining({ row: 5, column: 'SERIE' }), expect.objectContaining({ row: 8, column: 'SERIE' })]);
    const warned = (first.summary.warningList as Array<{ row: number; message: string }>).map((w) => [w.row, w.message]);
    expect(warned).toEqual(
      expect.arrayContaining([
        [4, 'Fila repetida (igual a la fila 2); se tomó una sola vez.'],
        [7, 'Fila repetida (igual a la fila 2); se tomó una sola vez.'],
        [10, 'Los datos del cliente no coinciden con la fila 2; se conservan los de la fila 2.'],
        [11, 'Los datos del servicio no coinciden con la fila 6; se conservan los de la fila 6.'],
        [12, 'Fila repetida (igual a la fila 11); se tomó una sola vez.'],
      ]),
    );
    expect(first.records).toHaveLength(5);
  });
});
