import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { dateToIso } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import { openXlsx } from '../../electron/spreadsheet/xlsxReader';
import { columnName, columnOf } from '../../electron/spreadsheet/xlsxSheet';
import { d, writeWorkbook } from '../helpers/workbooks';
import { handMadeWorkbooks, plain, readAll, STYLES } from '../helpers/xlsxParts';

const dir = mkdtempSync(join(tmpdir(), 'recupera-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const handMade = handMadeWorkbooks(dir);

describe('xlsx reader on workbooks exceljs writes', () => {
  it('reads sheets in tab order with their names, row numbers, types, gaps and dates', async () => {
    const path = join(dir, 'exceljs.xlsx');
    await writeWorkbook(path, [
      { name: 'Notas', rows: [['Base de Posventa'], [], ['Ñandú — «comillas» & <signos>']] },
      {
        name: 'Base 2021',
        rows: [
          ['A', 'B', null, 'D', 'E', 'FECHA'],
          ['PICHINCHA', 1712345675, null, true, 45.5, d(2020, 5, 10)],
          ['', 0, 'x', false, -1, '10/5/2020'],
        ],
      },
    ]);
    const rows = await readAll(path);
    expect(plain(rows)).toEqual([
      ['Notas', 1, ['Base de Posventa']],
      ['Notas', 3, ['Ñandú — «comillas» & <signos>']],
      ['Base 2021', 1, ['A', 'B', null, 'D', 'E', 'FECHA']],
      ['Base 2021', 2, ['PICHINCHA', 1712345675, null, true, 45.5, '2020-05-10T00:00:00.000Z']],
      ['Base 2021', 3, ['', 0, 'x', false, -1, '10/5/2020']],
    ]);
    expect(dateToIso(rows[3]!.cells[5] as Date)).toBe('2020-05-10');
  });

  it('yields what exceljs reads back, value for value', async () => {
    const path = join(dir, 'same.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Datos');
    ws.getColumn(3).numFmt = 'dd/mm/yyyy hh:mm';
    for (let i = 1; i <= 300; i++) {
      ws.addRow([`fila ${i}`, i * 1.25, new Date(Date.UTC(2019, 0, i, 13, 30)), i % 3 === 0, `código ${i % 7}`]);
    }
    ws.getCell('F2').value = { richText: [{ text: 'rico ' }, { font: { bold: true }, text: 'texto' }] };
    ws.getCell('G2').value = { formula: 'B2*2', result: 2.5 };
    ws.getCell('H2').value = { formula: 'A2&"!"', result: 'fila 1!' };
    await wb.xlsx.writeFile(path);

    const expected: unknown[] = [];
    const reader = new ExcelJS.Workbook();
    await reader.xlsx.readFile(path);
    reader.getWorksheet('Datos')!.eachRow((row, n) => {
      const cells = (row.values as unknown[]).slice(1).map((v) => {
        if (v === undefined || v === null) return null;
        if (v instanceof Date) return v.toISOString();
        if (typeof v === 'object' && 'richText' in v) return (v as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join('');
        if (typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result;
        return v;
      });
      expected.push(['Datos', n, cells]);
    });
    expect(plain(await readAll(path))).toEqual(expected);
  });
});

describe('xlsx reader on hand-made XML', () => {
  it('joins rich text runs, skips phonetic runs, keeps spaces, decodes entities and _xHHHH_ escapes', async () => {
    const path = await handMade({
      sharedStrings: [
        '<t>simple</t>',
        '<r><rPr><b/></rPr><t xml:space="preserve">Pérez </t></r><r><t>López</t></r><rPh sb="0" eb="1"><t>ペレス</t></rPh><phoneticPr fontId="1"/>',
        '<t xml:space="preserve">  con espacios  </t>',
        '<t>a &amp; b &lt;c&gt; &quot;d&quot; &#241; &#x00D1;</t>',
        '<t>línea_x000D_\nsegunda _x005F_x000D_ literal</t>',
        '<t/>',
        '<t><![CDATA[<cdata>]]></t>',
      ],
      sheets: [
        {
          name: 'S',
          xml:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>' +
            '<c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c></row>',
        },
      ],
    });
    expect(plain(await readAll(path))).toEqual([
      ['S', 1, ['simple', 'Pérez López', '  con espacios  ', 'a & b <c> "d" ñ Ñ', 'línea\r\nsegunda _x000D_ literal', '', '<cdata>']],
    ]);
  });

  it('reads inline strings, formula results, booleans and errors', async () => {
    const path = await handMade({
      sheets: [
        {
          name: 'Tipos',
          xml:
            '<row r="1">' +
            '<c r="A1" t="inlineStr"><is><t>en línea</t></is></c>' +
            '<c r="B1" t="inlineStr"><is><r><t xml:space="preserve">rico </t></r><r><rPr><i/></rPr><t>run</t></r><rPh><t>x</t></rPh></is></c>' +
            '<c r="C1" t="str"><f>A1&amp;"!"</f><v>en línea!</v></c>' +
            '<c r="D1"><f>1+1</f><v>2</v></c>' +
            '<c r="E1"><f>NOW()</f></c>' +
            '<c r="F1" t="b"><v>1</v></c>' +
            '<c r="G1" t="b"><v>0</v></c>' +
            '<c r="H1" t="e"><v>#N/A</v></c>' +
            '<c r="I1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
            '<c r="J1" t="b"><f>TRUE()</f><v>1</v></c>' +
            '<c r="K1"><v>1.5E+3</v></c>' +
            '<c r="L1" t="n"><v>-0.25</v></c>' +
            '<c r="M1" s="0"/>' +
            '<c r="N1" t="d"><v>2021-03-04T05:06:07</v></c>' +
            '</row>',
        },
      ],
    });
    const rows = await readAll(path);
    expect(plain(rows)).toEqual([
      ['Tipos', 1, ['en línea', 'rico run', 'en línea!', 2, null, true, false, null, null, true, 1500, -0.25, null, '2021-03-04T05:06:07.000Z']],
    ]);
    // What was read as empty but was not: a formula never calculated, two error values.
    expect(rows[0]!.notes).toEqual([
      { column: 4, message: 'La celda E1 tiene una fórmula sin resultado guardado y se leyó vacía. Abra el archivo en Excel y guárdelo de nuevo para que Excel calcule el resultado.' },
      { column: 7, message: 'La celda H1 tiene el error de Excel #N/A y se leyó vacía.' },
      { column: 8, message: 'La celda I1 tiene el error de Excel #DIV/0! y se leyó vacía.' },
    ]);
  });

  it('places cells by reference, fills gaps, and counts rows and cells that carry no reference', async () => {
    const path = await handMade({
      sheets: [
        {
          name: 'Huecos',
          xml:
            '<row r="2"><c r="C2"><v>3</v></c><c r="AB2"><v>28</v></c></row>' +
            '<row><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>' +
            '<row r="7"/>' +
            '<row><c r="b8"><v>2</v></c></row>',
        },
      ],
    });
    const rows = plain(await readAll(path));
    const ab = new Array<unknown>(28).fill(null);
    ab[2] = 3;
    ab[27] = 28;
    expect(rows).toEqual([
      ['Huecos', 2, ab],
      ['Huecos', 3, [1, 2, null, null, 5, 6]],
      ['Huecos', 7, []],
      ['Huecos', 8, [null, 2]],
    ]);
    expect([columnOf('A1'), columnOf('Z9'), columnOf('AA1'), columnOf('XFD1048576'), columnOf('12')]).toEqual([0, 25, 26, 16383, -1]);
    expect([0, 25, 26, 16383].map(columnName)).toEqual(['A', 'Z', 'AA', 'XFD']);
  });

  it('turns serials into UTC dates only under date formats, in the 1900 and 1904 systems', async () => {
    const row =
      '<row r="1"><c r="A1" s="1"><v>43961</v></c><c r="B1" s="2"><v>43961.75</v></c><c r="C1" s="3"><v>1.5</v></c>' +
      '<c r="D1" s="4"><v>43961</v></c><c r="E1" s="5"><v>43961</v></c><c r="F1" s="6"><v>0.5</v></c><c r="G1" s="7"><v>43961</v></c>' +
      '<c r="H1"><v>43961</v></c><c r="I1" s="42"><v>43961</v></c><c r="J1" s="1" t="str"><v>43961</v></c><c r="K1" s="1"><f>A1+1</f><v>43962</v></c></row>';
    const in1900 = await readAll(await handMade({ styles: STYLES, sheets: [{ name: 'F', xml: row }] }));
    expect(plain(in1900)).toEqual([
      [
        'F',
        1,
        [
          '2020-05-10T00:00:00.000Z',
          '2020-05-10T18:00:00.000Z',
          1.5,
          43961,
          43961,
          '1899-12-30T12:00:00.000Z',
          '2020-05-10T00:00:00.000Z',
          43961,
          43961,
          '43961',
          '2020-05-11T00:00:00.000Z',
        ],
      ],
    ]);
    const in1904 = await readAll(await handMade({ styles: STYLES, date1904: true, sheets: [{ name: 'F', xml: '<row r="1"><c r="A1" s="1"><v>42499</v></c></row>' }] }));
    expect(dateToIso(in1904[0]!.cells[0] as Date)).toBe('2020-05-10');
  });

  it('reads sheets in tab order whatever their file names and place in the archive, stored or deflated', async () => {
    for (const opts of [{ partsFirst: false, store: false }, { partsFirst: true, store: true }]) {
      const path = await handMade({
        ...opts,
        sharedStrings: ['<t>primera</t>', '<t>segunda</t>'],
        sheets: [
          { name: 'Resumen & Datos', file: 'sheet3.xml', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' },
          { name: 'Otra', file: 'sheet1.xml', xml: '<row r="1"><c r="A1" t="s"><v>1</v></c></row>' },
        ],
      });
      expect(plain(await readAll(path))).toEqual([
        ['Resumen & Datos', 1, ['primera']],
        ['Otra', 1, ['segunda']],
      ]);
    }
  });

  it('reads hidden sheets after the visible ones, so an old copy kept out of sight is not taken for the base', async () => {
    const row = (text: string) => `<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`;
    const path = await handMade({
      sheets: [
        { name: 'Antigua', xml: row('vieja'), state: 'hidden' },
        { name: 'Base', xml: row('actual') },
        { name: 'Interna', xml: row('interna'), state: 'veryHidden' },
        { name: 'Notas', xml: row('notas') },
      ],
    });
    expect(plain(await readAll(path)).map(([sheet]) => sheet)).toEqual(['Base', 'Notas', 'Antigua', 'Interna']);
  });

  it('reads parts whose producer prefixes the main namespace, with a byte order mark and pretty-printing', async () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n  <x:sheetData>\n' +
      '    <x:row r="1">\n      <x:c r="A1" t="inlineStr"><x:is><x:t>prefijo</x:t></x:is></x:c>\n      <x:c r="B1"><x:v>7</x:v></x:c>\n    </x:row>\n' +
      '  </x:sheetData>\n</x:worksheet>';
    const path = await handMade({ sheets: [{ name: 'P', xml, whole: true }] });
    expect(plain(await readAll(path))).toEqual([['P', 1, ['prefijo', 7]]]);
  });

  it('refuses a sheet wider than the column limit with the usual message', async () => {
    const path = await handMade({ sheets: [{ name: 'Ancha', xml: '<row r="1"><c r="A1"><v>1</v></c><c r="KO1"><v>1</v></c></row>' }] });
    await expect(readAll(path)).rejects.toThrow(new AppFailure('refused', 'La hoja «Ancha» tiene más de 300 columnas; revise que sea la base correcta.'));
    // An empty styled cell far to the right is not data.
    const styled = await handMade({ sheets: [{ name: 'Ancha', xml: '<row r="1"><c r="A1"><v>1</v></c><c r="KO1" s="1"/></row>' }] });
    expect(plain(await readAll(styled))).toEqual([['Ancha', 1, [1]]]);
  });

  it('refuses malformed XML as a damaged workbook', async () => {
    const path = await handMade({ sheets: [{ name: 'Rota', xml: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></row>' }] });
    const source = await openXlsx(path, statSync(path).size);
    const seen: number[] = [];
    const read = (async () => {
      for await (const r of source.rows()) seen.push(r.rowNumber);
    })();
    await expect(read).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(/dañado o no tiene el formato esperado/) });
    source.close();
    // Rows parsed in the same chunk as the damage may or may not have been handed over; never row 2.
    expect(seen).not.toContain(2);
  });

  it('refuses a cell whose shared string the table does not hold (missing or cut short) instead of reading it empty', async () => {
    const sheet = { name: 'Base', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' };
    const damaged = /^El libro de Excel está dañado: la celda B1 de la hoja «Base» usa un texto que falta en el archivo\. Ábralo en Excel/;
    await expect(readAll(await handMade({ sharedStrings: ['<t>CEDULA</t>'], sheets: [sheet] }))).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(damaged) });
    const noTable = /^El libro de Excel está dañado: la celda A1 de la hoja «Base» usa un texto/;
    await expect(readAll(await handMade({ sheets: [sheet] }))).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(noTable) });
  });

  it('refuses a file that is not a zip and a zip without a workbook, as the directory check does', async () => {
    const notZip = join(dir, 'no-zip.xlsx');
    writeFileSync(notZip, 'PK\u0003\u0004 esto no es un zip');
    await expect(openXlsx(notZip, statSync(notZip).size)).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(/dañado o incompleto/) });
    const path = join(dir, 'sin-libro.xlsx');
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('<a/>'), 'xl/otra.xml');
    zip.end();
    await new Promise<void>((resolve) => zip.outputStream.pipe(createWriteStream(path)).on('close', resolve));
    await expect(openXlsx(path, statSync(path).size)).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(/no es un libro de Excel/) });
  });

  it('refuses a zip holding two parts under one name, whichever another program would read', async () => {
    const twice = join(dir, 'dos-hojas.xlsx');
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('<workbook/>'), 'xl/workbook.xml');
    for (const text of ['vista', 'oculta']) zip.addBuffer(Buffer.from(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`), 'xl/worksheets/sheet1.xml');
    zip.end();
    await new Promise<void>((resolve) => zip.outputStream.pipe(createWriteStream(twice)).on('close', resolve));
    await expect(openXlsx(twice, statSync(twice).size)).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(/dañado o incompleto/) });
  });
});
