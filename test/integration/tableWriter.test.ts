import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKept } from '../../electron/files/sealedFile';
import { limitSheetRows, TableSheet, writeWorkbook, type ColumnSpec, type OutCell } from '../../electron/xlsx/tableWriter';

// Recupera's own streaming xlsx writer, read back by exceljs (a reader that is not ours).

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recupera-tablewriter-'));
});
afterEach(() => {
  limitSheetRows(null);
  rmSync(dir, { recursive: true, force: true });
});

const COLUMNS: ColumnSpec[] = [
  { header: 'IDENTIFICACION', type: 'text', width: 16 },
  { header: 'APELLIDOS Y NOMBRES', width: 34 },
  { header: 'FECHA DE RETIRO', type: 'date' },
  { header: 'VALOR', type: 'money', width: 10 },
  { header: 'EQUIPOS', type: 'number' },
  { header: 'OTRO' },
];

async function write(rows: OutCell[][], options: { seal?: Buffer; columns?: ColumnSpec[]; name?: string } = {}): Promise<string> {
  const target = join(dir, 'libro.xlsx');
  await writeWorkbook(
    target,
    async (wb) => {
      const sheet = new TableSheet(wb, options.name ?? 'Datos', options.columns ?? COLUMNS);
      for (const [i, r] of rows.entries()) {
        sheet.add(r);
        if (i % 100 === 99) await sheet.settle();
      }
      sheet.commit();
    },
    { seal: options.seal },
  );
  return target;
}

async function read(path: string, key?: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((key ? await readKept(path, key) : readFileSync(path)) as unknown as ExcelJS.Buffer);
  return wb;
}

describe('tableWriter (own streaming writer)', () => {
  it('values keep their types: text IDs with leading zeros, real dates, money and numbers, booleans', async () => {
    const wb = await read(
      await write([
        ['0912345678', 'PÉREZ LÓPEZ JUAN', '2021-02-01', 45.5, 3, true],
        [1712345675, 'ÑANDÚ & HIJOS <SA>', new Date(Date.UTC(2020, 4, 10)), null, null, new Date(Date.UTC(2024, 11, 31))],
        [null, '  con espacios  ', 'sin fecha', 'N/D', Number.NaN, 7],
      ]),
    );
    const ws = wb.getWorksheet('Datos')!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).values).toEqual([undefined, 'IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'FECHA DE RETIRO', 'VALOR', 'EQUIPOS', 'OTRO']);
    expect(ws.getCell('A2').value).toBe('0912345678');
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('A3').value).toBe('1712345675');
    expect(ws.getCell('B2').value).toBe('PÉREZ LÓPEZ JUAN');
    expect(ws.getCell('B3').value).toBe('ÑANDÚ & HIJOS <SA>');
    expect(ws.getCell('B4').value).toBe('  con espacios  ');
    expect(ws.getCell('C2').value).toEqual(new Date(Date.UTC(2021, 1, 1)));
    expect(ws.getCell('C2').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('C3').value).toEqual(new Date(Date.UTC(2020, 4, 10)));
    expect(ws.getCell('C4').value).toBe('sin fecha');
    expect(ws.getCell('D2').value).toBe(45.5);
    expect(ws.getCell('D2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D3').value).toBeNull();
    expect(ws.getCell('D4').value).toBe('N/D');
    expect(ws.getCell('E2').value).toBe(3);
    expect(ws.getCell('E4').value).toBeNull();
    expect(ws.getCell('F2').value).toBe(true);
    expect(ws.getCell('F3').value).toEqual(new Date(Date.UTC(2024, 11, 31)));
    expect(ws.getCell('F4').value).toBe(7);
  });

  it('the header is bold, frozen and filtered over the rows; widths as given, never narrower than the header beside its filter button', async () => {
    const wb = await read(await write([['1', 'A', null, 1, 1, 'x'], ['2', 'B', null, 2, 2, 'y']]));
    const ws = wb.getWorksheet('Datos')!;
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F3');
    // Given 16, IDENTIFICACION (14 letters) would hide its last ones under the filter's button.
    expect(ws.getColumn(1).width).toBe(17);
    expect(ws.getColumn(2).width).toBe(34);
    expect(ws.getColumn(4).width).toBe(10);
  });

  it('text that looks like a formula stays text, formatted as text; no cell is a formula', async () => {
    const wb = await read(await write([['=1+1', '=HYPERLINK("http://x","y")', null, null, null, '@SUM(A1)'], ['+593', '-5', null, null, null, '\tx']]));
    const ws = wb.getWorksheet('Datos')!;
    expect(ws.getCell('A2').value).toBe('=1+1');
    expect(ws.getCell('B2').value).toBe('=HYPERLINK("http://x","y")');
    expect(ws.getCell('B2').numFmt).toBe('@');
    expect(ws.getCell('F2').value).toBe('@SUM(A1)');
    expect(ws.getCell('F2').numFmt).toBe('@');
    expect(ws.getCell('B3').value).toBe('-5');
    expect(ws.getCell('B3').numFmt).toBe('@');
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('characters XML cannot hold are dropped; the rest of the text is kept', async () => {
    const wb = await read(await write([['1', 'JUAN\u0000 PÉREZ\u0007\u001f', null, null, null, 'línea 1\nlínea 2\u000b']]));
    const ws = wb.getWorksheet('Datos')!;
    expect(ws.getCell('B2').value).toBe('JUAN PÉREZ');
    expect(ws.getCell('F2').value).toBe('línea 1\nlínea 2');
  });

  it('text of every width and script crosses the writer’s buffer whole: accents, emoji, and rows longer than the buffer', async () => {
    // Rows short, near the writer's 256 kB buffer and past it, in one-, two-, three- and four-byte UTF-8.
    const pieces = ['a', 'ñ', '€', '😀'];
    const columns: ColumnSpec[] = [{ header: 'ID', type: 'text' }, { header: 'T1' }, { header: 'T2' }, { header: 'T3' }, { header: 'T4' }];
    const rows: OutCell[][] = [];
    for (let i = 0; i < 300; i++) {
      const unit = pieces[i % pieces.length]!;
      const units = i % 25 === 6 ? 30_000 : 40 + (i % 13) * 97;
      const text = (k: number) => `${k}${unit.repeat(units / unit.length)}`;
      rows.push([String(i).padStart(10, '0'), text(1), text(2), i % 25 === 6 ? text(3) : null, text(4)]);
    }
    const wb = await read(await write(rows, { columns }));
    const ws = wb.getWorksheet('Datos')!;
    expect(ws.rowCount).toBe(rows.length + 1);
    for (const [i, r] of rows.entries()) {
      for (const [c, col] of ['A', 'B', 'C', 'D', 'E'].entries()) expect(ws.getCell(`${col}${i + 2}`).value ?? null).toBe(r[c]);
    }
  });

  it('a table longer than a sheet goes on in the next, header repeated, names suffixed', async () => {
    limitSheetRows(4);
    const rows: OutCell[][] = Array.from({ length: 8 }, (_, i) => [String(i + 1).padStart(10, '0'), `CLIENTE ${i + 1}`, '2021-01-01', i, i, null]);
    const wb = await read(await write(rows, { name: 'Base depurada' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Base depurada', 'Base depurada (2)', 'Base depurada (3)']);
    const [a, b, c] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect([a.rowCount, b.rowCount, c.rowCount]).toEqual([4, 4, 3]);
    for (const ws of [a, b, c]) {
      expect(ws.getCell('A1').value).toBe('IDENTIFICACION');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(b.getCell('A2').value).toBe('0000000004');
    expect(c.getCell('B3').value).toBe('CLIENTE 8');
    expect(c.autoFilter).toBe('A1:F3');
  });

  it('sheet names Excel refuses are mended: forbidden characters, too long, taken', async () => {
    const target = join(dir, 'nombres.xlsx');
    await writeWorkbook(target, (wb) => {
      new TableSheet(wb, 'Cargos: 2026/01 [lote]', [{ header: 'A' }]).commit();
      new TableSheet(wb, 'Una hoja con un nombre muy largo para Excel', [{ header: 'A' }]).commit();
      new TableSheet(wb, 'una hoja con un nombre muy largo para excel', [{ header: 'A' }]).commit();
    });
    const names = (await read(target)).worksheets.map((w) => w.name);
    expect(names).toEqual(['Cargos  2026 01  lote', 'Una hoja con un nombre muy larg', 'una hoja con un nombre muy (2)']);
  });

  it('several sheets in order, a sheet left uncommitted is committed at the end', async () => {
    const target = join(dir, 'varias.xlsx');
    await writeWorkbook(target, (wb) => {
      const a = new TableSheet(wb, 'Primera', [{ header: 'N', type: 'number' }]);
      a.add([1]);
      const b = new TableSheet(wb, 'Segunda', [{ header: 'N', type: 'number' }]);
      b.add([2]);
      expect(() => a.add([3])).toThrow();
    });
    const wb = await read(target);
    expect(wb.worksheets.map((w) => [w.name, w.getCell('A2').value])).toEqual([
      ['Primera', 1],
      ['Segunda', 2],
    ]);
  });

  it('a sheet written alongside another, row for row, comes whole; both split past Excel’s limit, parts in the order opened, the sheets after both', async () => {
    limitSheetRows(1_001);
    const target = join(dir, 'juntas.xlsx');
    await writeWorkbook(target, async (wb) => {
      const items = new TableSheet(wb, 'Detalle', [{ header: 'N', type: 'number' }, { header: 'TEXTO' }]);
      const totals = new TableSheet(wb, 'Totales', [{ header: 'N', type: 'number' }, { header: 'TEXTO' }], { alongside: true });
      for (let i = 1; i <= 3_000; i++) {
        items.add([i, `detalle ${i} ${'x'.repeat(i % 300)}`]);
        if (i % 2 === 0) totals.add([i, `total ${i}`]);
        if (i % 100 === 0) await Promise.all([items.settle(), totals.settle()]);
      }
      items.commit();
      new TableSheet(wb, 'Después', [{ header: 'N', type: 'number' }]).add([7]);
    });
    const wb = await read(target);
    expect(wb.worksheets.map((w) => [w.name, w.rowCount])).toEqual([
      ['Detalle', 1_001],
      ['Totales', 1_001],
      ['Detalle (2)', 1_001],
      ['Detalle (3)', 1_001],
      ['Totales (2)', 501],
      ['Después', 2],
    ]);
    expect(wb.getWorksheet('Detalle (3)')!.getCell('B1001').value).toBe('detalle 3000 ');
    expect(wb.getWorksheet('Totales (2)')!.getCell('A501').value).toBe(3_000);
    expect(wb.getWorksheet('Totales')!.getCell('B2').value).toBe('total 2');
  });

  it('sealed with the data key as it is written, and whole when opened with it', async () => {
    const key = randomBytes(32);
    const path = await write([['0100000001', 'SELLADO', '2021-03-04', 10, 1, null]], { seal: key });
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).not.toBe('PK');
    const ws = (await read(path, key)).getWorksheet('Datos')!;
    expect(ws.getCell('A2').value).toBe('0100000001');
  });

  it('a zip every reader takes: the parts a spreadsheet program looks for, the sheets deflated', async () => {
    const path = await write(Array.from({ length: 3000 }, (_, i) => [String(i), `NOMBRE ${i}`, '2020-01-01', i / 4, i, 'x']));
    const entries = await new Promise<Array<{ name: string; method: number }>>((resolve, reject) => {
      yauzl.open(path, { lazyEntries: false }, (err, zip) => {
        if (err) return reject(err);
        const list: Array<{ name: string; method: number }> = [];
        zip.on('entry', (e: yauzl.Entry) => list.push({ name: e.fileName, method: e.compressionMethod }));
        zip.on('end', () => resolve(list));
        zip.on('error', reject);
      });
    });
    expect(entries.map((e) => e.name).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
    expect(entries.every((e) => e.method === 8)).toBe(true);
    const ws = (await read(path)).getWorksheet('Datos')!;
    expect(ws.rowCount).toBe(3001);
    expect(ws.getCell('D3001').value).toBe(2999 / 4);
  });
});
