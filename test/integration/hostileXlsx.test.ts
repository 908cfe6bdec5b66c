import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { runBaseImport, type BaseImportOptions } from '../../electron/import/baseImport';
import { JobCancelled } from '../../electron/platform/cancellation';
import { LIMITS } from '../../electron/spreadsheet/limits';
import type { SheetRow } from '../../electron/spreadsheet/rowSource';
import { openXlsx } from '../../electron/spreadsheet/xlsxReader';
import { testApp, type TestApp } from '../helpers/app';
import { inlineCell, sheetAround, stringsAround, writeHostileBook } from '../helpers/hostile/xlsx';
import { HEADER } from '../helpers/workbooks';

// Issue 12, Excel workbooks: each hostile case is generated here, small on disk and large once
// inflated, and must end in a Spanish refusal (or a warning on the row) quickly, in flat memory,
// cancellable, with the database untouched.
let t: TestApp;
const saved = { ...LIMITS };
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  Object.assign(LIMITS, saved);
  await t.close();
});

async function readAll(path: string, isCancelled?: () => boolean): Promise<SheetRow[]> {
  const source = await openXlsx(path, statSync(path).size, { isCancelled });
  try {
    const rows: SheetRow[] = [];
    for await (const row of source.rows()) rows.push(row);
    return rows;
  } finally {
    source.close();
  }
}

/** The refusal's Spanish text; anything else (an English library error, a crash) fails the test. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure && e.kind === 'refused') return e.message;
    throw e;
  }
  throw new Error('expected a refusal');
}

const baseOptions = (path: string): BaseImportOptions => ({ db: t.ctx.app.db, path, mode: 'commit', stationCode: 'UIO-INAQUITO-01' });
const headerRow = `<row r="1">${HEADER.map((h, i) => inlineCell(`${String.fromCharCode(65 + i)}1`, String(h))).join('')}</row>`;
const liveRows = () => (t.ctx.app.db.prepare('SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM services) + (SELECT count(*) FROM imports) AS n').get() as { n: number }).n;

describe('empty rows by the million', () => {
  it('refuses a sheet that inflates out of all proportion before inflating it', async () => {
    // 27 MB of `<row/>` in a few tens of KB: the issue's 2 GB in 3 MB, at a size a test can write.
    const path = join(t.dir, 'filas-vacias.xlsx');
    await writeHostileBook(path, { sheet: sheetAround(headerRow, '<row/>', 4_500_000) });
    expect(statSync(path).size).toBeLessThan(200_000);
    const started = Date.now();
    expect(await refusal(readAll(path))).toMatch(/desproporcionado.*200 veces/);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Through the import the same refusal, and nothing written.
    expect(await refusal(runBaseImport(baseOptions(path)))).toMatch(/desproporcionado/);
    expect(liveRows()).toBe(0);
  });

  it('counts every row element, empty or not, against a ceiling', async () => {
    // Numbered empty rows compress only ~7× (no ratio refusal): the row count stops them. The
    // ceiling is lowered so the test stays fast; the same code path stops 3,000,000 in ~8 s.
    LIMITS.maxRowElements = 200_000;
    const path = join(t.dir, 'filas-numeradas.xlsx');
    await writeHostileBook(path, { sheet: sheetAround(headerRow, (i) => `<row r="${i + 2}"/>`, 250_000) });
    const message = await refusal(readAll(path));
    expect(message).toBe(
      'La hoja «Base» lleva más de 200.000 filas contando las vacías: no es una base normal y no se leyó. Borre las filas vacías del final o divida el archivo.',
    );
    expect(await refusal(runBaseImport(baseOptions(path)))).toBe(message);
    expect(liveRows()).toBe(0);
  });

  it('stops within a second of a cancel though no row reaches the importer, inline and on the reader thread', async () => {
    const path = join(t.dir, 'larga.xlsx');
    await writeHostileBook(path, { sheet: sheetAround(headerRow, (i) => `<row r="${i + 2}"/>`, 1_500_000) });
    for (const threadedReader of [false, true]) {
      let cancelledAt = 0;
      setTimeout(() => (cancelledAt = Date.now()), 400);
      const run = runBaseImport({ ...baseOptions(path), threadedReader, isCancelled: () => cancelledAt > 0 });
      await expect(run).rejects.toBeInstanceOf(JobCancelled);
      expect(cancelledAt).toBeGreaterThan(0);
      expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    }
    expect(liveRows()).toBe(0);
    // The reader alone: cancelled while it reads the rows.
    let stop = false;
    setTimeout(() => (stop = true), 200);
    await expect(readAll(path, () => stop)).rejects.toBeInstanceOf(JobCancelled);
  });
});

describe('XML that is neither a row nor a string', () => {
  it('refuses a sheet whose markup outside the rows passes the budget, quickly and in Spanish', async () => {
    // Numbered elements compress only a few times (no ratio refusal): the budget stops them. The
    // budget is lowered so the test stays small; 256 MiB are scanned in about a second.
    LIMITS.maxOtherXmlBytes = 4 * 1024 * 1024;
    const path = join(t.dir, 'marcas.xlsx');
    await writeHostileBook(path, { sheet: sheetAround(headerRow, '', 0, Array.from({ length: 200_000 }, (_, i) => `<hyperlink ref="A${i}" display="${i}"/>`).join('')) });
    const started = Date.now();
    const message = await refusal(readAll(path));
    expect(message).toBe(
      'La hoja «Base» tiene más de 4 MB de contenido que no son celdas (formatos, comentarios u otros elementos): no es una base normal y no se leyó. Copie solo los datos a un libro nuevo o guárdelo como CSV.',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    // Comments inside the rows count too.
    const comments = join(t.dir, 'comentarios.xlsx');
    await writeHostileBook(comments, { sheet: sheetAround(headerRow, (i) => `<row r="${i + 2}"><!-- ${i} ${'c'.repeat(40)} --></row>`, 100_000) });
    expect(await refusal(readAll(comments))).toBe(message);
  });
});

describe('shared strings by the million', () => {
  it('refuses a table of empty entries that inflates out of proportion', async () => {
    const path = join(t.dir, 'textos-vacios.xlsx');
    await writeHostileBook(path, { sheet: sheetAround(headerRow, '', 0), sharedStrings: stringsAround('<si/>', 6_000_000) });
    expect(await refusal(readAll(path))).toMatch(/desproporcionado/);
  });

  it('refuses past the count and the size of the table, in Spanish', async () => {
    LIMITS.maxSharedStrings = 100_000;
    const many = join(t.dir, 'textos-muchos.xlsx');
    await writeHostileBook(many, { sheet: sheetAround(headerRow, '', 0), sharedStrings: stringsAround((i) => `<si><t>${i}</t></si>`, 150_000) });
    expect(await refusal(readAll(many))).toBe(
      'La tabla de textos del libro de Excel pasa del límite (100.000 textos o 512 MB): no es una base normal y no se leyó. Ábralo en Excel, guárdelo de nuevo o divídalo en varios archivos.',
    );

    Object.assign(LIMITS, saved);
    LIMITS.maxSharedStringBytes = 8 * 1024 * 1024;
    const big = join(t.dir, 'textos-largos.xlsx');
    await writeHostileBook(big, { sheet: sheetAround(headerRow, '', 0), sharedStrings: stringsAround((i) => `<si><t>${i} ${randomBytes(500).toString('hex')}</t></si>`, 20_000) });
    expect(await refusal(readAll(big))).toMatch(/^La tabla de textos del libro de Excel pasa del límite/);
  });
});

describe('one token without end', () => {
  const cases: Array<[string, string]> = [
    ['a cell of 2 MiB', `<row r="2"><c r="A2" t="inlineStr"><is><t>${'x'.repeat(2 << 20)}</t></is></c></row>`],
    ['a value split by comments', `<row r="2"><c r="A2" t="str"><v>${`${'y'.repeat(300_000)}<!---->`.repeat(4)}</v></c></row>`],
    ['a comment of 2 MiB', `<!--${'z'.repeat(2 << 20)}-->`],
    ['a tag name of 2 MiB', `<${'n'.repeat(2 << 20)}/>`],
    // Depth is looked at between chunks (64 KiB): deeper than one chunk can close again.
    ['nesting 100,000 deep', `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`],
  ];
  for (const [what, xml] of cases) {
    it(`refuses ${what}`, async () => {
      const path = join(t.dir, 'token.xlsx');
      await writeHostileBook(path, { sheet: sheetAround(headerRow, xml, 1) });
      expect(await refusal(readAll(path))).toMatch(/^El libro de Excel tiene un dato o una estructura demasiado grande/);
    });
  }

  it('refuses a shared string made of many text nodes past the limit', async () => {
    const path = join(t.dir, 'texto-partido.xlsx');
    await writeHostileBook(path, { sheet: sheetAround(headerRow, '', 0), sharedStrings: stringsAround(`<si><t>${`${'w'.repeat(300_000)}<![CDATA[w]]>`.repeat(4)}</t></si>`, 1) });
    expect(await refusal(readAll(path))).toMatch(/^El libro de Excel tiene un dato o una estructura demasiado grande/);
  });
});

describe('a formula whose result was never saved', () => {
  it('comes back as a warning with the row and the column instead of a name lost in silence', async () => {
    const path = join(t.dir, 'formulas.xlsx');
    const data = (r: number, name: string) =>
      `<row r="${r}">${inlineCell(`A${r}`, 'PICHINCHA')}${inlineCell(`B${r}`, '1712345675')}${name}${inlineCell(`D${r}`, 'Internet Fijo')}` +
      `${inlineCell(`E${r}`, `22345678${r}`)}<c r="F${r}"><v>43961</v></c>${inlineCell(`G${r}`, 'MODEM')}${inlineCell(`J${r}`, `SERIE${r}`)}` +
      // Unread column Q: a formula without result there loses nothing the import uses.
      `<c r="Q${r}"><f>A1</f></c></row>`;
    await writeHostileBook(path, {
      sheet: sheetAround(
        headerRow +
          data(2, `<c r="C2"><f>CONCATENATE(X2," ",Y2)</f></c>`) +
          data(3, `<c r="C3" t="str"><f>Z3</f><v>PÉREZ LÓPEZ JUAN</v></c>`) +
          data(4, `<c r="C4" t="e"><v>#N/A</v></c>`) +
          data(5, `<c r="C5"><f t="shared" si="0"/></c>`),
        '',
        0,
      ),
    });
    const rows = await readAll(path);
    expect(rows.find((r) => r.rowNumber === 2)?.notes).toEqual([
      { column: 2, message: 'La celda C2 tiene una fórmula sin resultado guardado y se leyó vacía. Abra el archivo en Excel y guárdelo de nuevo para que Excel calcule el resultado.' },
      { column: 16, message: expect.stringMatching(/^La celda Q2 tiene una fórmula sin resultado/) as unknown },
    ]);
    expect(rows.find((r) => r.rowNumber === 3)?.notes?.map((n) => n.column)).toEqual([16]);

    const summary = await runBaseImport({ ...baseOptions(path), mode: 'preview' });
    const formulaWarnings = summary.warningList.filter((w) => /fórmula|error de Excel/.test(w.message));
    expect(formulaWarnings).toEqual([
      { row: 2, column: 'APELLIDOS Y NOMBRES', message: expect.stringMatching(/^La celda C2 tiene una fórmula sin resultado guardado/) as unknown },
      { row: 4, column: 'APELLIDOS Y NOMBRES', message: 'La celda C4 tiene el error de Excel #N/A y se leyó vacía.' },
      { row: 5, column: 'APELLIDOS Y NOMBRES', message: expect.stringMatching(/^La celda C5 tiene una fórmula sin resultado guardado/) as unknown },
    ]);
    expect(liveRows()).toBe(0);
  });
});

describe('what a refused workbook leaves behind', () => {
  it('leaves no file in the data folder but the database', async () => {
    const before = readdirSync(t.dir).sort();
    const path = join(t.dir, 'bomba.xlsx');
    await writeHostileBook(path, { sheet: sheetAround(headerRow, '<row/>', 4_500_000) });
    await refusal(runBaseImport({ ...baseOptions(path), threadedReader: true, reportDir: join(t.dir, 'informes') }));
    expect(readdirSync(t.dir).sort()).toEqual([...before, 'bomba.xlsx'].sort());
  });
});
