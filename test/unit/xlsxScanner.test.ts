import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { scanSharedStrings, type SharedStrings } from '../../electron/spreadsheet/sharedStrings';
import type { SheetRow } from '../../electron/spreadsheet/rowSource';
import { SheetParser } from '../../electron/spreadsheet/xlsxSheet';
import { XmlDamage } from '../../electron/spreadsheet/xmlScanner';
import { plain, readAll } from '../helpers/xlsxParts';

// The byte-level scanner (issue 14): the same rows as exceljs on generated workbooks, and the
// same rows whatever the chunk boundaries (a tag, an entity or a multi-byte character cut in two).
const dir = mkdtempSync(join(tmpdir(), 'recupera-scanner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What exceljs reads from a workbook, as `plain` rows (rich text joined, formula results). */
async function exceljsRows(path: string): Promise<Array<[string, number, unknown[]]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const out: Array<[string, number, unknown[]]> = [];
  book.eachSheet((ws) =>
    ws.eachRow((row, n) => {
      const cells = Array.from(row.values as unknown[]).slice(1).map((v) => {
        if (v === undefined || v === null) return null;
        if (v instanceof Date) return v.toISOString();
        if (typeof v === 'object' && 'richText' in v) return (v as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join('');
        if (typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result;
        return v;
      });
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      out.push([ws.name, n, cells]);
    }),
  );
  return out;
}

describe('the scanner against exceljs', () => {
  it('reads generated workbooks value for value: strings with entities and accents, rich text, numbers, dates, gaps, both date systems', async () => {
    for (const date1904 of [false, true]) {
      const path = join(dir, `gen-${date1904}.xlsx`);
      const wb = new ExcelJS.Workbook();
      wb.properties.date1904 = date1904;
      const ws = wb.addWorksheet('Base & «datos»');
      ws.getColumn(4).numFmt = 'dd/mm/yyyy';
      const texts = ['a & b', '<c> "d" \'e\'', 'Ñandú — ü €', '𝄞 música', ' espacios ', 'x'.repeat(5000), '_x000D_ literal', 'línea\nnueva'];
      for (let i = 1; i <= 2_000; i++) {
        const row: unknown[] = [texts[i % texts.length], i * 1.5 - 700, i % 11 === 0 ? null : `S${i}`, new Date(Date.UTC(2020, i % 12, 1 + (i % 28)))];
        if (i % 3 === 0) row[7] = i % 2 === 0; // a gap of three columns, then a boolean
        if (i % 5 === 0) row[9] = 1e21 + i;
        ws.addRow(row);
      }
      ws.getCell('F3').value = { richText: [{ text: 'rico & ' }, { font: { bold: true }, text: 'texto ñ' }] };
      ws.getCell('G4').value = { formula: 'B4*2', result: 5 };
      ws.getCell('G5').value = { formula: 'A5&"!"', result: 'con <signos> & más' };
      await wb.xlsx.writeFile(path);
      expect(plain(await readAll(path))).toEqual(await exceljsRows(path));
    }
  });
});

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
/** cellXfs: 0 general, 1 dd/mm/yyyy. */
const DATES = new Uint8Array([0, 1]);

/** Every case the sheet scanner knows, in one part. */
const SHEET =
  `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE worksheet [ <!ELEMENT x ANY> ]>\n<worksheet ${NS}><!-- antes -->` +
  '<sheetPr><tabColor rgb="FF00FF00"/></sheetPr><cols><col min="1" max="3" width="12.5"/></cols><sheetData>\n' +
  '<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>\n' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>Pérez &amp; López &lt;&gt; &quot;&apos; &#241;&#xD1; 𝄞</t></is></c>' +
  '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">rico </t></r><r><t>run</t></r><rPh sb="0" eb="1"><t>ペ</t></rPh></is></c>' +
  '<c r="C2" s="1"><v>43961</v></c><c r="D2" s="1"><v>43961.75</v></c><c r="E2"><v>-1.25E-3</v></c><c r="F2"><v>1712345675</v></c></row>\n' +
  '<row><c><v>1</v></c><c t="str"><f>A1</f><v>texto_x000D_</v></c><c r="E3"><f>NOW()</f></c><c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c></row>\n' +
  '<x:row r="7" xmlns:x="urn:x"><x:c r="b7" t="str"><x:v>pre<!-- partido -->fijo<![CDATA[ & <cdata>]]></x:v></x:c></x:row>\n' +
  `<row r="8"><c r="A8" t="str"><v>${'ñ'.repeat(40_000)}</v></c><c r="B8" t="d"><v>2021-03-04T05:06:07</v></c><c r="KO8" s="1"/></row>\n` +
  '<row r="9"/><?pi ignorada?>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>\n';

const STRINGS =
  `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="4" uniqueCount="4"><si><t>REGIONAL</t></si>` +
  '<si><r><t>APELLIDOS </t></r><r><rPr><b/></rPr><t>Y NOMBRES</t></r><rPh><t>x</t></rPh></si><si><t>A &amp; B_x000D_ ñ</t></si><si><t/></si></sst>';

function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function sheetRows(size: number, date1904 = false): Promise<SheetRow[]> {
  const strings = await scanSharedStrings(chunks(STRINGS, size));
  const parser = new SheetParser('Hoja', strings, DATES, date1904);
  const rows: SheetRow[] = [];
  for (const chunk of chunks(SHEET, size)) {
    parser.write(chunk);
    rows.push(...parser.take());
  }
  parser.end();
  rows.push(...parser.take());
  return rows;
}

describe('chunk boundaries', () => {
  it('gives the same rows whether the part comes whole or cut every 1, 2, 3, 7, 64 or 4096 bytes', async () => {
    const whole = await sheetRows(1 << 24);
    expect(plain(whole).map(([, n, cells]) => [n, cells.map((c) => (typeof c === 'string' && c.length > 50 ? `${c.slice(0, 3)}…${c.length}` : c))])).toEqual([
      [1, ['REGIONAL', 'APELLIDOS Y NOMBRES', 'A & B\r ñ', null, '']],
      [2, ['Pérez & López <> "\' ñÑ 𝄞', 'rico run', '2020-05-10T00:00:00.000Z', '2020-05-10T18:00:00.000Z', -0.00125, 1712345675]],
      [3, [1, 'texto\r', null, null, null, null, true]],
      [7, [null, 'prefijo & <cdata>']],
      [8, ['ñññ…40000', '2021-03-04T05:06:07.000Z']],
      [9, []],
    ]);
    expect(whole[2]!.notes?.map((n) => n.message)).toEqual([
      'La celda E3 tiene una fórmula sin resultado guardado y se leyó vacía. Abra el archivo en Excel y guárdelo de nuevo para que Excel calcule el resultado.',
      'La celda F3 tiene el error de Excel #N/A y se leyó vacía.',
    ]);
    for (const size of [1, 2, 3, 7, 64, 4096]) expect(await sheetRows(size)).toEqual(whole);
    expect(plain(await sheetRows(5, true))[1]![2][2]).toBe('2024-05-11T00:00:00.000Z');
  });

  it('reads the shared strings the same in any chunks, copying plain entries as bytes', async () => {
    for (const size of [1, 3, 100_000]) {
      const table: SharedStrings = await scanSharedStrings(chunks(STRINGS, size));
      expect([0, 1, 2, 3, 4].map((i) => table.get(i))).toEqual(['REGIONAL', 'APELLIDOS Y NOMBRES', 'A & B\r ñ', '', null]);
    }
  });

  it('refuses damaged XML: truncated, crossed, a bad entity, text outside the root', async () => {
    const cases = [
      SHEET.slice(0, SHEET.indexOf('<row r="9"/>')),
      SHEET.slice(0, -20),
      SHEET.replace('</c></row>\n<row r="2">', '</row>\n<row r="2">'),
      SHEET.replace('&amp; López', '&nbsp; López'),
      SHEET.replace('&amp; López', '& López'),
      `${SHEET}texto`,
      `${SHEET}<worksheet/>`,
      '',
    ];
    const strings = await scanSharedStrings(chunks(STRINGS, 1 << 20));
    for (const xml of cases) {
      for (const size of [1, 1 << 20]) {
        const parser = new SheetParser('Hoja', strings, DATES, false);
        expect(() => {
          for (const chunk of chunks(xml, size)) parser.write(chunk);
          parser.end();
        }).toThrow(XmlDamage);
      }
    }
  });
});
