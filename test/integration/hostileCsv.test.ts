import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { runHandoverListImport } from '../../electron/import/handoverList';
import { reportDir } from '../../electron/app/services';
import { admin, testApp, type TestApp } from '../helpers/app';
import { SMALL_BASE } from '../helpers/offices';
import { keptWorkbook } from '../helpers/kept';
import { asciiRows, cedula, CSV_HEADER, csvRow, dbFingerprint, ENGLISH, importCsv, leftovers, refusal, writeParts, writeRows } from '../helpers/hostile/csv';

// Issue 12, CSV and row text: every hostile file gets a Spanish refusal naming the row, or its
// rows are stored clean; a refused file leaves the database as it was and no temporary behind.

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = admin;
  await loadBaseRows(t.ctx.app.db, SMALL_BASE, 'UIO-INAQUITO-01');
});
afterEach(async () => {
  await t.close();
});

const q = (sql: string, ...args: unknown[]) => t.ctx.app.db.prepare(sql).all(...args) as Array<Record<string, unknown>>;
const names = (like: string) => q('SELECT name FROM customers WHERE name LIKE ? ORDER BY name', like).map((r) => r.name);

// C0 and C1 controls, DEL, the bidirectional overrides and isolates, and U+FFFD.
// eslint-disable-next-line no-control-regex
const UNCLEAN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]/;

/** Every text stored in the base's tables, to look for what must not be there. */
function storedTexts(): string[] {
  const cols: Array<[string, string[]]> = [
    ['customers', ['identification', 'name', 'phone', 'email']],
    ['services', ['service_number', 'business_line', 'regional', 'province', 'city']],
    ['expected_items', ['equipment_type', 'brand', 'model', 'serial']],
  ];
  return cols.flatMap(([table, columns]) =>
    (t.ctx.app.db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().all() as unknown[][]).flat().filter((v): v is string => typeof v === 'string'),
  );
}

async function expectRefused(path: string, message: RegExp): Promise<string> {
  const before = dbFingerprint(t);
  const text = await refusal(t, path);
  expect(text).toMatch(message);
  expect(text).not.toMatch(ENGLISH);
  expect(dbFingerprint(t)).toBe(before);
  expect(leftovers(t)).toEqual([]);
  return text;
}

describe('the encoding holds for the whole file', () => {
  it('reads a CSV whose ANSI text starts after the first 64 KB as ANSI from start to end', async () => {
    const path = join(t.dir, 'ansi-tarde.csv');
    const head = asciiRows(70 * 1024);
    writeParts(path, [`${CSV_HEADER}\r\n`, head.text, Buffer.from(`${csvRow(90_000, 'MUÑOZ PEÑA JOSÉ')}\r\n`, 'latin1')]);
    const s = await importCsv(t, path);
    expect({ rows: s.rows, rejected: s.rejected }).toEqual({ rows: head.count + 1, rejected: 0 });
    expect(names('MU%')).toEqual(['MUÑOZ PEÑA JOSÉ']);
    expect(storedTexts().filter((v) => v.includes('\ufffd'))).toEqual([]);
  });

  it('refuses a file that mixes UTF-8 and ANSI, naming a line of each', async () => {
    const path = join(t.dir, 'mezcla.csv');
    const head = asciiRows(70 * 1024);
    writeParts(path, [`${CSV_HEADER}\r\n${csvRow(80_000, 'NÚÑEZ ANA')}\r\n`, head.text, Buffer.from(`${csvRow(90_000, 'MUÑOZ JOSÉ')}\r\n`, 'latin1')]);
    const text = await expectRefused(path, /mezcla dos codificaciones/);
    expect(text).toContain('UTF-8 en la línea 2 ');
    expect(text).toContain(`ANSI en la línea ${(head.count + 3).toLocaleString('es-EC')}`);
  });

  it('refuses a file that says UTF-8 (BOM) and is not, naming the line', async () => {
    const path = join(t.dir, 'bom-falso.csv');
    writeParts(path, [Buffer.from([0xef, 0xbb, 0xbf]), `${CSV_HEADER}\r\n${csvRow(1)}\r\n`, Buffer.from(`${csvRow(2, 'MUÑOZ')}\r\n`, 'latin1')]);
    await expectRefused(path, /dice ser UTF-8 pero la línea 3 no lo es/);
  });

  it('keeps a multi-byte character cut by the reader’s 1 MiB blocks whole', async () => {
    const path = join(t.dir, 'utf8-largo.csv');
    // Accented names all the way through (2.2 MB), so some fall across the block boundaries.
    const count = 7_000;
    const bytes = writeRows(path, count, (i) => csvRow(i, `ÑÚÑEZ ÁÉÍÓÚ ${i} ${'ÑÚÑEZ ÁÉÍÓÚ '.repeat(12)}`.trim()));
    expect(bytes).toBeGreaterThan(2 * 1024 * 1024);
    const s = await importCsv(t, path);
    expect({ rows: s.rows, rejected: s.rejected }).toEqual({ rows: count, rejected: 0 });
    expect(storedTexts().filter((v) => UNCLEAN.test(v))).toEqual([]);
    expect(q("SELECT count(*) AS n FROM customers WHERE name LIKE 'ÑÚÑEZ ÁÉÍÓÚ %'")).toEqual([{ n: count }]);
  });
});

describe('csv-parse’s refusals in Spanish, naming the row', () => {
  it('refuses a line over 1 MiB', async () => {
    const path = join(t.dir, 'linea-larga.csv');
    writeParts(path, [`${CSV_HEADER}\r\n${csvRow(1)}\r\n${csvRow(2)}\r\n${csvRow(3)}\r\n`, csvRow(4, 'X'.repeat(1_200_000)), '\r\n', `${csvRow(5)}\r\n`]);
    await expectRefused(path, /^La fila 5 pasa de 1 MB de texto/);
  });

  it('refuses a 50 MB cell (one name) quickly and in bounded memory', async () => {
    const path = join(t.dir, 'celda-50mb.csv');
    writeParts(path, [`${CSV_HEADER}\r\n`, `1712345675;`, Buffer.alloc(50 * 1024 * 1024, 'A'), `;1;S1;10/05/2020;45\r\n`]);
    const started = Date.now();
    await expectRefused(path, /^La fila 2 pasa de 1 MB de texto/);
    // Refused at the record limit, not after reading 50 MB into one string.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses an unclosed quote', async () => {
    const path = join(t.dir, 'comillas.csv');
    writeParts(path, [`${CSV_HEADER}\r\n${csvRow(1)}\r\n${csvRow(2)}\r\n${csvRow(3, '"PEREZ')}\r\n${csvRow(4)}\r\n`]);
    await expectRefused(path, /^La fila 4 abre comillas \("\) que no se cierran hasta el final del archivo/);
  });
});

describe('control characters never reach the database', () => {
  it('strips a NUL after the first 4 KB, escape sequences and bidi overrides from every stored field', async () => {
    const path = join(t.dir, 'controles.csv');
    const head = asciiRows(8 * 1024);
    writeParts(path, [
      `${CSV_HEADER}\r\n`,
      head.text,
      `${cedula(900001)};PEREZ\u0000JUAN;900001;S\u0000900001;10/05/2020;45\r\n`,
      `${cedula(900002)};\u001b[31mROJO\u001b[0m ANA;900002;S900002;10/05/2020;4\u00005\r\n`,
      `${cedula(900003)};\u202eNAUJ ZEREP\u202c;900003;S900003\u2066;10/05/2020;45\r\n`,
      `${cedula(900004)};TAB\tY\u0085NEL;900004;S900004;10/05/2020;45\r\n`,
    ]);
    const s = await importCsv(t, path);
    expect(s.rejected).toBe(0);
    expect(storedTexts().filter((v) => UNCLEAN.test(v))).toEqual([]);
    expect(names('PEREZJUAN')).toEqual(['PEREZJUAN']);
    expect(names('%ROJO%')).toEqual(['[31MROJO[0M ANA']);
    expect(names('NAUJ%')).toEqual(['NAUJ ZEREP']);
    expect(names('TAB%')).toEqual(['TAB YNEL']);
    expect(q("SELECT value_cents FROM expected_items WHERE serial = 'S900002'")).toEqual([{ value_cents: 4500 }]);
  });

  it('strips them from an office’s list of earlier returns too (acta number, office)', async () => {
    const path = join(t.dir, 'entregas.csv');
    writeParts(path, [
      'NUMERO DE SERVICIO;FECHA DE ENTREGA;OFICINA;ACTA\r\n',
      // Blank rows (skipped) past the first 4 KB the format sniffer looks at.
      ';;;\r\n'.repeat(1500),
      '1001;02/03/2021;CAC\u0000 \u202eOTIUQ\u202c;A-\u001b[1m100\r\n',
    ]);
    const r = await runHandoverListImport({ db: t.ctx.app.db, path, mode: 'commit', sign: () => new Uint8Array(64), reportDir: reportDir(t.ctx.app), dataKey: t.ctx.app.dataKey });
    expect(r.inserted).toBe(1);
    const actas = q('SELECT acta_number, office FROM handovers');
    expect(actas).toEqual([{ acta_number: 'A-[1M100', office: 'CAC OTIUQ' }]);
    expect(actas.flatMap((a) => Object.values(a)).filter((v) => typeof v === 'string' && UNCLEAN.test(v))).toEqual([]);
  });
});

describe('per-field length limits', () => {
  it('reads a file whose line endings are mixed (CRLF, then LF, then CR) row by row', async () => {
    const path = join(t.dir, 'mezclado.csv');
    writeParts(path, [`${CSV_HEADER}\r\n`, `${csvRow(1)}\r\n`, `${csvRow(2)}\n`, `${csvRow(3)}\n`, `${csvRow(4)}\r`, `${csvRow(5)}\r\n`, '"PEREZ\nJUAN";x\n']);
    const s = await importCsv(t, path);
    // Five rows as written; a line break inside quotes stays in its cell.
    expect({ rows: s.rows, inserted: s.inserted }).toMatchObject({ rows: 6, inserted: 5 });
    expect(s.errors.map((e) => e.row)).toEqual([7]);
  });

  it('rejects a row with a cell over its column’s limit, with the column and its length; the rest goes in', async () => {
    const path = join(t.dir, 'largos.csv');
    writeParts(path, [
      `${CSV_HEADER}\r\n`,
      `${csvRow(1)}\r\n`,
      `${csvRow(2, 'N'.repeat(300))}\r\n`,
      `${cedula(900005)};PEREZ;${'9'.repeat(41)};S3;10/05/2020;45\r\n`,
      `${cedula(900006)};PEREZ;100004;S4;10/05/2020;${'4'.repeat(5000)}\r\n`,
      // A bad date within the raw-cell limit is a warning quoting an excerpt of it.
      `${cedula(900007)};PEREZ;100005;S5;${'x'.repeat(95)};45\r\n`,
      // Spaces and controls around a value do not count towards its length.
      `${cedula(900008)};  ${'M'.repeat(200)}\u0000  ;100006;S6;10/05/2020;45\r\n`,
    ]);
    const s = await importCsv(t, path);
    expect({ rows: s.rows, rejected: s.rejected, inserted: s.inserted }).toEqual({ rows: 6, rejected: 3, inserted: 3 });
    expect(s.errors).toEqual([
      { row: 3, column: 'APELLIDOS Y NOMBRES', message: 'APELLIDOS Y NOMBRES tiene 300 caracteres; el máximo es 200.' },
      { row: 4, column: 'NUMERO DE SERVICIO', message: 'NUMERO DE SERVICIO tiene 41 caracteres; el máximo es 40.' },
      { row: 5, column: 'VALOR', message: 'VALOR tiene 5.000 caracteres; el máximo es 100.' },
    ]);
    const dateWarning = s.warningList.find((w) => w.row === 6);
    expect(dateWarning?.message).toContain(`«${'x'.repeat(59)}…»`);
    expect(q('SELECT max(length(name)) AS n FROM customers')).toEqual([{ n: 200 }]);
    // The report copies the rejected rows with their cells, the hostile ones cut.
    const wb = await keptWorkbook(s.reportPath!);
    const rejected = wb.getWorksheet('Filas rechazadas')!;
    expect(rejected.rowCount).toBe(4);
    expect(String(rejected.getRow(2).getCell(4).value)).toBe('N'.repeat(300));
    expect(String(rejected.getRow(4).getCell(8).value)).toHaveLength(1000);
  });

  it('rejects a list row with a cell over its limit', async () => {
    const path = join(t.dir, 'entregas-largas.csv');
    writeParts(path, [`NUMERO DE SERVICIO;FECHA DE ENTREGA;ACTA\r\n1001;02/03/2021;${'A'.repeat(41)}\r\n3003;02/03/2021;A-2\r\n`]);
    const r = await runHandoverListImport({ db: t.ctx.app.db, path, mode: 'commit', sign: () => new Uint8Array(64) });
    expect(r).toMatchObject({ rows: 2, inserted: 1, rejected: 1 });
    expect(r.errors).toEqual([{ row: 2, column: 'ACTA', message: 'ACTA tiene 41 caracteres; el máximo es 40.' }]);
  });

  it('rejects a row a separator inside an unquoted value shifted (35,50; PEREZ, JUAN) instead of reading its cells as mapped', async () => {
    const path = join(t.dir, 'corrida.csv');
    const comma = (line: string) => line.replace(/;/g, ',');
    writeParts(path, [
      `${comma(CSV_HEADER)}\r\n`,
      `${comma(csvRow(1))}\r\n`,
      `${comma(csvRow(2))},50\r\n`,
      `${cedula(3)},PEREZ, JUAN,100003,S3,10/05/2020,45\r\n`,
      // A trailing separator adds an empty cell: nothing shifted.
      `${comma(csvRow(4))},\r\n`,
    ]);
    const s = await importCsv(t, path);
    expect({ rows: s.rows, rejected: s.rejected, inserted: s.inserted }).toEqual({ rows: 4, rejected: 2, inserted: 2 });
    const reason = /^La fila tiene 7 celdas y el encabezado 6 columnas: una coma o un punto y coma dentro de un dato sin comillas .* e importe la fila de nuevo\.$/;
    expect(s.errors).toEqual([3, 4].map((row) => ({ row, column: 'TODA LA FILA', message: expect.stringMatching(reason) })));
    expect(q("SELECT service_number FROM services WHERE service_number IN ('100002', 'JUAN', ' JUAN')")).toEqual([]);
    // The report has no column for what is right of the header: its reason carries it, so the «50» is not lost.
    const rejected = (await keptWorkbook(s.reportPath!)).getWorksheet('Filas rechazadas')!;
    expect(String(rejected.getRow(2).getCell(2).value)).toMatch(/ A la derecha del encabezado: «50»\.$/);
    expect(String(rejected.getRow(3).getCell(2).value)).toMatch(/ A la derecha del encabezado: «45»\.$/);
    const list = join(t.dir, 'entregas-corridas.csv');
    writeParts(list, ['NUMERO DE SERVICIO,FECHA DE ENTREGA,ACTA\r\n1001,02/03/2021,A-1,B\r\n']);
    const r = await runHandoverListImport({ db: t.ctx.app.db, path: list, mode: 'preview', sign: () => new Uint8Array(64) });
    expect(r.errors).toEqual([{ row: 2, column: 'TODA LA FILA', message: expect.stringMatching(/^La fila tiene 4 celdas y el encabezado 3 columnas/) }]);
  });

  it('shows headers and samples of a preview cut and clean', async () => {
    const path = join(t.dir, 'muestras.csv');
    writeParts(path, [`${CSV_HEADER};${'H'.repeat(10_000)}\r\n${csvRow(1, `${'Z'.repeat(5000)}\u001b`)};x\r\n`]);
    const s = await importCsv(t, path, 'inspect');
    const long = s.columns.find((c) => c.header.startsWith('HHH'))!;
    expect(long.header).toHaveLength(200);
    expect(s.columns.find((c) => c.field === 'name')!.samples[0]).toHaveLength(200);
    expect(s.columns.flatMap((c) => [c.header, ...c.samples]).filter((v) => UNCLEAN.test(v))).toEqual([]);
  });
});
