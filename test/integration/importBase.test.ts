import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importStart, type ImportSummary } from '../../shared/contracts/importBase';
import { importBaseJob } from '../../shared/contracts/jobKinds';
import { jobResult, type JobState } from '../../shared/contracts/jobs';
import { call } from '../../electron/handlers/call';
import { admin, testApp, type TestApp } from '../helpers/app';
import { d, HEADER, writeWorkbook, type Cell } from '../helpers/workbooks';
import { keptWorkbook } from '../helpers/kept';
import { isSealed } from '../../electron/files/sealedFile';
import { pick } from '../helpers/files';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = admin;
});
afterEach(async () => {
  await t.close();
});

async function runImport(path: string, mode: 'preview' | 'commit' | 'inspect' = 'commit', mapping?: Array<string | null>): Promise<JobState> {
  const r = await call(t.ctx, importStart, { file: pick(t.ctx.session, path), mode, ...(mapping ? { mapping: mapping as never } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  return t.ctx.app.jobs.wait(r.value.jobId);
}

async function importOk(path: string, mode: 'preview' | 'commit' | 'inspect' = 'commit'): Promise<ImportSummary> {
  const s = jobResult(importBaseJob, await runImport(path, mode));
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
}

const q = (sql: string, ...args: unknown[]) => t.ctx.app.db.prepare(sql).all(...args) as Array<Record<string, unknown>>;
/**
 * The schema and every row of every table, but the job history: a refused, previewed or cancelled
 * import is recorded there (that is the point of it) and must leave everything else as it was.
 */
const dbHash = () => {
  const db = t.ctx.app.db;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name <> 'jobs' ORDER BY name").all() as Array<{ name: string; sql: string }>;
  for (const { name, sql } of tables) {
    hash.update(`${sql}\n`);
    const rows = (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    for (const row of rows.sort()) hash.update(`${row}\n`);
  }
  return hash.digest('hex');
};

const rowA: Cell[] = ['PICHINCHA', 1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', 223456789, d(2020, 5, 10), 'MODEM', 'HUAWEI', 'HG8245H', 'HWT0001', 45, 'SI', 'NO', 'NO', '0991234567', 'juan@example.com'];
const rowB: Cell[] = ['PICHINCHA', 1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', 223456789, '10/5/2020', 'FUENTE DE PODER', 'HUAWEI', '', '', '6,00', 'SI', 'NO', 'NO', '0991234567', null];
const rowC: Cell[] = ['AUSTRO', 102030400, 'DE LA TORRE ANDRADE MARÍA JOSÉ', 'TV', '0005550001', '03-06-2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'ka-0001', '60.00', 'NO', 'NO', 'NO', '+593987654321', null];

describe('base import from a workbook made like a spreadsheet program makes it', () => {
  it('finds the header below title rows on the second sheet and converts IDs, dates and values', async () => {
    const path = join(t.dir, 'base.xlsx');
    await writeWorkbook(path, [
      { name: 'Notas', rows: [['Base de Posventa'], ['Contiene los clientes que no entregaron']] },
      { name: 'Base', rows: [['CNT EP — RECUPERACIÓN DE EQUIPOS'], [], ['Generado el 15/03/2021'], HEADER, rowA, rowB, [], rowC] },
    ]);
    const s = await importOk(path);
    expect(s.sheet).toBe('Base');
    expect(s.headerRow).toBe(4);
    expect(s.skippedSheets).toEqual(['Notas']);
    expect({ rows: s.rows, inserted: s.inserted, rejected: s.rejected, duplicates: s.duplicates }).toEqual({ rows: 3, inserted: 3, rejected: 0, duplicates: 0 });

    const customers = q('SELECT identification, id_type, name, phone FROM customers ORDER BY identification');
    expect(customers).toEqual([
      { identification: '0102030400', id_type: 'CEDULA', name: 'DE LA TORRE ANDRADE MARÍA JOSÉ', phone: '0987654321' },
      { identification: '1712345675', id_type: 'CEDULA', name: 'PÉREZ LÓPEZ JUAN CARLOS', phone: '0991234567' },
    ]);
    const services = q('SELECT service_number, business_line, cancel_date, charges_loaded, status FROM services ORDER BY service_number');
    expect(services).toEqual([
      { service_number: '0005550001', business_line: 'Televisión', cancel_date: '2020-06-03', charges_loaded: 0, status: 'PENDIENTE' },
      { service_number: '223456789', business_line: 'Internet Fijo', cancel_date: '2020-05-10', charges_loaded: 1, status: 'PENDIENTE' },
    ]);
    const items = q('SELECT equipment_type, serial, serial_key, value_cents FROM expected_items ORDER BY source_row');
    expect(items).toEqual([
      { equipment_type: 'MODEM', serial: 'HWT0001', serial_key: 'HWT0001', value_cents: 4500 },
      { equipment_type: 'FUENTE DE PODER', serial: null, serial_key: null, value_cents: 600 },
      { equipment_type: 'DECODIFICADOR', serial: 'KA-0001', serial_key: 'KA0001', value_cents: 6000 },
    ]);
    const imports = q('SELECT kind, rows, inserted FROM imports');
    expect(imports).toEqual([{ kind: 'BASE', rows: 3, inserted: 3 }]);
  });

  it('matches messy headers: case, accents, spacing, punctuation and synonyms', async () => {
    const path = join(t.dir, 'messy.xlsx');
    const header = ['  c.i. ', 'Cliente', 'Línea', 'Nro. Servicio:', 'F. Retiro', 'Equipo', 'SERIAL', 'Valor USD', 'Cargados', 'Teléfono Celular', 'Observaciones'];
    await writeWorkbook(path, [{ name: 'Hoja1', rows: [header, ['1712345675', 'PEREZ JUAN', 'internet', '77', '1/2/2021', 'ONT', 'ZTE1', '45', 'si', '991234567', 'nada']] }]);
    const s = await importOk(path, 'inspect');
    expect(s.columns.map((c) => c.field)).toEqual([
      'identification', 'name', 'businessLine', 'serviceNumber', 'cancelDate', 'equipmentType', 'serial', 'value', 'chargesLoaded', 'phone', null,
    ]);
    expect(s.columns[3]!.samples).toEqual(['77']);
  });

  it('imports the same file twice without changing anything', async () => {
    const path = join(t.dir, 'base.xlsx');
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, rowA, rowB, rowC] }]);
    await importOk(path);
    // Everything but the bookkeeping of which import last read each record.
    const data = () => q('SELECT i.id, i.equipment_type, i.brand, i.model, i.serial, i.value_cents, i.updated_at, s.updated_at AS s_upd, c.updated_at AS c_upd FROM expected_items i JOIN services s ON s.id = i.service_id JOIN customers c ON c.id = s.customer_id ORDER BY i.id');
    const before = data();
    const again = await importOk(path);
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(data()).toEqual(before);
  });

  it('updates changed rows from an updated base and reports what changed', async () => {
    const path = join(t.dir, 'base.xlsx');
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, rowA, rowB, rowC] }]);
    await importOk(path);
    const changedA = [...rowA];
    changedA[5] = d(2020, 6, 15); // FECHA DE RETIRO, of the service: row 3 says it too
    changedA[10] = 50; // VALOR
    changedA[13] = 'SI'; // RECLAMO
    const changedB = [...rowB];
    changedB[5] = '15/6/2020';
    const newItem: Cell[] = [...rowC];
    newItem[6] = 'TARJETA INTELIGENTE';
    newItem[9] = 'NAGRA01';
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, changedA, changedB, rowC, newItem] }]);
    const s = await importOk(path);
    expect({ inserted: s.inserted, updated: s.updated, unchanged: s.unchanged }).toEqual({ inserted: 1, updated: 1, unchanged: 2 });
    expect(s.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, field: 'RECLAMO', before: 'NO', after: 'SI' }),
        // Said as the coordinator reads them: dollars and dd/mm/aaaa, not cents and ISO days.
        expect.objectContaining({ row: 2, field: 'VALOR', before: '$45,00', after: '$50,00' }),
        expect.objectContaining({ row: 2, field: 'FECHA DE RETIRO', before: '10/05/2020', after: '15/06/2020' }),
      ]),
    );
    expect(q("SELECT value_cents FROM expected_items WHERE serial = 'HWT0001'")).toEqual([{ value_cents: 5000 }]);
    expect(q("SELECT claim FROM services WHERE service_number = '223456789'")).toEqual([{ claim: 1 }]);
    // Row 3 is the same service but still says RECLAMO NO: the first row wins, and the user is told.
    expect(s.warningList).toContainEqual({ row: 3, column: 'RECLAMO', message: 'Los datos del servicio no coinciden con la fila 2; se conservan los de la fila 2.' });
  });

  it('counts a repeated row once, rejects unusable rows with row number and reason, and writes a report that can be re-imported', async () => {
    const path = join(t.dir, 'base.xlsx');
    const noService: Cell[] = [...rowC];
    noService[4] = null;
    const noOne: Cell[] = [...rowC];
    noOne[1] = '';
    noOne[2] = '  ';
    noOne[4] = '999';
    await writeWorkbook(path, [{ name: 'Base', rows: [['Título'], HEADER, rowA, rowA, noService, noOne, rowC] }]);
    const s = await importOk(path);
    expect({ rows: s.rows, inserted: s.inserted, duplicates: s.duplicates, rejected: s.rejected }).toEqual({ rows: 5, inserted: 2, duplicates: 1, rejected: 2 });
    expect(s.rows).toBe(s.inserted + s.updated + s.unchanged + s.duplicates + s.rejected);
    expect(s.errors).toEqual([
      { row: 5, column: 'NUMERO DE SERVICIO', message: 'Falta el número de servicio.' },
      { row: 6, column: 'IDENTIFICACION / APELLIDOS Y NOMBRES', message: 'Faltan la identificación y el nombre del cliente.' },
    ]);
    expect(s.reportPath).toBeTruthy();

    // Kept sealed in reportes/ (it names people); read in clear as a person's copy would be.
    expect(await isSealed(s.reportPath!)).toBe(true);
    const wb = await keptWorkbook(s.reportPath!);
    const rej = wb.getWorksheet('Filas rechazadas')!;
    expect(rej.getRow(1).values).toEqual([undefined, 'FILA', 'MOTIVO', ...HEADER]);
    expect(rej.getRow(2).getCell(1).value).toBe(5);
    expect(rej.getRow(2).getCell(2).value).toBe('Falta el número de servicio.');
    expect(rej.getRow(3).getCell(1).value).toBe(6);
    expect(rej.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.getWorksheet('Advertencias')!.getRow(2).getCell(3).value).toMatch(/Fila repetida \(igual a la fila 3\)/);

    // The user fixes the report (fills the service number) and imports it again.
    rej.getRow(2).getCell(2 + 5).value = '888';
    rej.spliceRows(3, 1);
    const fixed = join(t.dir, 'corregido.xlsx');
    await wb.xlsx.writeFile(fixed);
    const s2 = await importOk(fixed);
    expect({ rows: s2.rows, inserted: s2.inserted, rejected: s2.rejected }).toEqual({ rows: 1, inserted: 1, rejected: 0 });
    expect(q("SELECT count(*) AS n FROM services WHERE service_number = '888'")).toEqual([{ n: 1 }]);
  });

  it('rejects a second row with the same serial but different data instead of guessing', async () => {
    const path = join(t.dir, 'base.xlsx');
    const clash = [...rowA];
    clash[8] = 'OTRO MODELO';
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, rowA, clash] }]);
    const s = await importOk(path);
    expect(s.rejected).toBe(1);
    expect(s.errors[0]).toMatchObject({ row: 3, column: 'SERIE' });
    expect(s.errors[0]!.message).toContain('ya aparece en la fila 2');
  });

  it('imports rows with questionable values and warns about them', async () => {
    const path = join(t.dir, 'base.xlsx');
    const odd = [...rowC];
    odd[1] = 1712345678; // wrong check digit
    odd[3] = 'SATELITAL PREMIUM';
    odd[5] = '31/02/2020';
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, odd] }]);
    const s = await importOk(path);
    expect(s.inserted).toBe(1);
    expect(s.warnings).toBe(3);
    expect(s.warningList.map((w) => w.column)).toEqual(['IDENTIFICACION', 'LINEA DE NEGOCIO', 'FECHA DE RETIRO']);
  });

  it('applies a mapping chosen by the user for a column it could not place', async () => {
    const path = join(t.dir, 'base.xlsx');
    await writeWorkbook(path, [{ name: 'Base', rows: [['Cédula', 'Nombre', 'Código'], ['1712345675', 'PEREZ JUAN', '0042']] }]);
    const inspect = await importOk(path, 'inspect');
    expect(inspect.columns.map((c) => c.field)).toEqual(['identification', 'name', null]);
    const refused = await runImport(path, 'commit');
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatchObject({ kind: 'validation', message: expect.stringContaining('NUMERO DE SERVICIO') });
    const done = await runImport(path, 'commit', ['identification', 'name', 'serviceNumber']);
    expect(done.status).toBe('done');
    expect(q('SELECT service_number FROM services')).toEqual([{ service_number: '0042' }]);
  });

  it('preview counts exactly what commit will do and writes nothing', async () => {
    const path = join(t.dir, 'base.xlsx');
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, rowA, rowB, rowC] }]);
    const before = dbHash();
    const p = await importOk(path, 'preview');
    expect(p.inserted).toBe(3);
    expect(p.importId).toBeNull();
    expect(dbHash()).toBe(before);
    const c = await importOk(path, 'commit');
    expect({ ...c, mode: 'x', importId: null, seconds: 0, reportPath: null }).toEqual({ ...p, mode: 'x', importId: null, seconds: 0, reportPath: null });
  });
});

describe('CSV as spreadsheet programs in a Spanish locale save it', () => {
  const lines = [
    'IDENTIFICACION;APELLIDOS Y NOMBRES;LINEA DE NEGOCIO;NUMERO DE SERVICIO;FECHA DE RETIRO;SERIE;VALOR',
    '1712345675;PÉREZ LÓPEZ JUAN;Internet Fijo;0223456789;10/05/2020;HWT0001;45,50',
    '"0102030400";"NÚÑEZ; ANA";Televisión;5550001;3-6-2020;"KA 01";60',
  ];

  it.each([
    ['windows-1252', (s: string) => Buffer.from(s, 'latin1')],
    ['UTF-8 with BOM', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
    ['UTF-16LE with BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
    ['UTF-8 decomposed accents', (s: string) => Buffer.from(s.normalize('NFD'), 'utf8')],
  ])('reads %s with ; separator and keeps leading zeros', async (_label, encode) => {
    const path = join(t.dir, 'base.csv');
    writeFileSync(path, encode(lines.join('\r\n') + '\r\n'));
    const s = await importOk(path);
    expect({ rows: s.rows, inserted: s.inserted, rejected: s.rejected }).toEqual({ rows: 2, inserted: 2, rejected: 0 });
    expect(q('SELECT name FROM customers ORDER BY name')).toEqual([{ name: 'NÚÑEZ; ANA' }, { name: 'PÉREZ LÓPEZ JUAN' }]);
    expect(q('SELECT service_number FROM services ORDER BY service_number')).toEqual([{ service_number: '0223456789' }, { service_number: '5550001' }]);
    expect(q('SELECT value_cents FROM expected_items ORDER BY value_cents')).toEqual([{ value_cents: 4550 }, { value_cents: 6000 }]);
  });

  it('reads a comma-separated UTF-8 file', async () => {
    const path = join(t.dir, 'base.csv');
    writeFileSync(path, lines.map((l) => l.replace(/;/g, ',').replace('"NÚÑEZ, ANA"', '"NÚÑEZ, ANA"')).join('\n'));
    const s = await importOk(path);
    expect(s.rows).toBe(2);
  });
});

describe('files refused as a whole leave the database exactly as it was', () => {
  async function expectRefused(path: string, message: RegExp): Promise<void> {
    const seed = join(t.dir, 'seed.xlsx');
    await writeWorkbook(seed, [{ name: 'Base', rows: [HEADER, rowA] }]);
    await importOk(seed);
    const before = dbHash();
    const s = await runImport(path);
    expect(s.status).toBe('failed');
    expect(s.error?.kind).toMatch(/refused|not_found|validation/);
    expect(s.error?.message).toMatch(message);
    expect(dbHash()).toBe(before);
    // Only the job history keeps it, with the reason the user read.
    expect(q('SELECT status, message FROM jobs WHERE id = ?', s.id)).toEqual([{ status: 'failed', message: s.error?.message }]);
  }

  it('refuses a file that is not a spreadsheet', async () => {
    const path = join(t.dir, 'foto.xlsx');
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0]));
    await expectRefused(path, /no es una hoja de cálculo/);
  });

  it('refuses an encrypted workbook (OLE container)', async () => {
    const path = join(t.dir, 'cifrado.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    await expectRefused(path, /contraseña/);
  });

  it('refuses an empty file', async () => {
    const path = join(t.dir, 'vacio.csv');
    writeFileSync(path, '');
    await expectRefused(path, /vacío/);
  });

  it('refuses a workbook without a recognisable header row', async () => {
    const path = join(t.dir, 'otro.xlsx');
    await writeWorkbook(path, [{ name: 'Ventas', rows: [['Producto', 'Cantidad'], ['Plan', 3]] }]);
    await expectRefused(path, /encabezados reconocible/);
  });

  it('refuses a zip that is not a workbook', async () => {
    const path = join(t.dir, 'comprimido.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x');
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    // Rename the workbook part so the archive is a valid zip without xl/workbook.xml.
    writeFileSync(path, Buffer.from(buf.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmx'), 'latin1'));
    await expectRefused(path, /no es un libro de Excel|dañado/);
  });

  it('refuses a truncated workbook', async () => {
    const path = join(t.dir, 'cortado.xlsx');
    await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, rowA, rowC] }]);
    const full = readFileSync(path);
    writeFileSync(path, full.subarray(0, Math.floor(full.length / 2)));
    await expectRefused(path, /dañado|no es un libro/);
  });

  it('refuses a file with absurdly many columns', async () => {
    const path = join(t.dir, 'ancho.csv');
    writeFileSync(path, ['IDENTIFICACION;NUMERO DE SERVICIO;' + 'X;'.repeat(400), '1712345675;1;' + '0;'.repeat(400)].join('\n'));
    await expectRefused(path, /más de 300 columnas/);
  });

  it('says clearly when the file does not exist', async () => {
    const s = await runImport(join(t.dir, 'no-existe.xlsx'));
    expect(s.status).toBe('failed');
    expect(s.error).toMatchObject({ kind: 'not_found' });
  });
});

describe('cancel', () => {
  it('rolls back a cancelled import', async () => {
    const path = join(t.dir, 'grande.csv');
    const rows = ['IDENTIFICACION;APELLIDOS Y NOMBRES;NUMERO DE SERVICIO;SERIE'];
    for (let i = 0; i < 60_000; i++) rows.push(`1712345675;PEREZ JUAN;${100000 + i};S${i}`);
    writeFileSync(path, rows.join('\n'));
    const before = dbHash();
    const r = await call(t.ctx, importStart, { file: pick(t.ctx.session, path), mode: 'commit' });
    if (!r.ok) throw new Error(r.error.message);
    t.ctx.app.jobs.cancel(r.value.jobId);
    const end = await t.ctx.app.jobs.wait(r.value.jobId);
    expect(end.status).toBe('cancelled');
    expect(dbHash()).toBe(before);
  });
});
