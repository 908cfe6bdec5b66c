import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SharedStrings } from '../../electron/spreadsheet/sharedStrings';
import { isDateFormat } from '../../electron/spreadsheet/xlsxDateStyles';
import { openXlsx } from '../../electron/spreadsheet/xlsxReader';
import { handMadeWorkbooks } from '../helpers/xlsxParts';

// The reader's parts on their own: pulling rows as they are consumed, the paged shared-string
// table and the date-format test (the reader end to end is in xlsxReader.test.ts).
const dir = mkdtempSync(join(tmpdir(), 'recupera-xlsx-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const handMade = handMadeWorkbooks(dir);

describe('streaming', () => {
  it('reads only as far as rows are pulled, reports compressed progress and stops on close', async () => {
    const rows: string[] = [];
    for (let i = 1; i <= 20_000; i++) rows.push(`<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>fila ${i} ${'x'.repeat(i % 50)}</t></is></c><c r="B${i}"><v>${i}</v></c></row>`);
    const path = await handMade({ sheets: [{ name: 'Larga', xml: rows.join('') }] });
    const size = statSync(path).size;
    const source = await openXlsx(path, size);
    let n = 0;
    let early = 0;
    for await (const row of source.rows()) {
      expect(row.rowNumber).toBe(++n);
      if (n === 10) {
        early = source.bytesRead();
        break;
      }
    }
    source.close();
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(size / 2);

    const again = await openXlsx(path, size);
    let last = 0;
    let count = 0;
    for await (const row of again.rows()) {
      count++;
      expect(again.bytesRead()).toBeGreaterThanOrEqual(last);
      last = again.bytesRead();
      expect(row.cells[1]).toBe(count);
    }
    again.close();
    expect(count).toBe(20_000);
    expect(again.bytesRead()).toBe(size);

    // close() while the rows are still being pulled releases the file: the next pull ends or fails, it does not hang.
    const third = await openXlsx(path, size);
    const it = third.rows()[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    third.close();
    const after = await Promise.race([
      (async () => {
        try {
          for (let r = await it.next(); !r.done; r = await it.next());
          return 'ended';
        } catch {
          return 'failed';
        }
      })(),
      new Promise((r) => setTimeout(() => r('hung'), 5000)),
    ]);
    expect(after).not.toBe('hung');
  });
});

describe('shared string table', () => {
  it('gives back every string, across pages, with non-Latin text, empty and very long strings', () => {
    const table = new SharedStrings(10);
    const all: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      const s = i % 1000 === 0 ? '' : i % 777 === 0 ? `😀 ${'é'.repeat(i % 300)} ${i}` : `NOMBRE ${i} ${'ÑANDÚ'.repeat(i % 7)}`;
      all.push(s);
      table.add(s);
    }
    const long = 'L'.repeat(400_000);
    all.push(long);
    table.add(long);
    all.push('después');
    table.add('después');
    expect(table.count).toBe(all.length);
    for (let i = 0; i < all.length; i++) if (table.get(i) !== all[i]) expect([i, table.get(i)]).toEqual([i, all[i]]);
    // Again, backwards and with repeats, through the cache of recent lookups.
    for (let i = all.length - 1; i >= 0; i -= 3) {
      if (table.get(i) !== all[i] || table.get(i % 50) !== all[i % 50]) expect([i, table.get(i)]).toEqual([i, all[i]]);
    }
    expect(table.get(-1)).toBeNull();
    expect(table.get(all.length)).toBeNull();
    expect(table.get(Number.NaN)).toBeNull();
  });
});

describe('date formats', () => {
  it.each([
    ['dd/mm/yyyy', true],
    ['d-mmm-yy', true],
    ['yyyy-mm-dd hh:mm:ss', true],
    ['h:mm AM/PM', true],
    ['[$-300A]dddd, d" de "mmmm" de "yyyy', true],
    ['[h]:mm:ss', false],
    ['[mm]:ss', false],
    ['0.00', false],
    ['#,##0.00 "días"', false],
    ['"Total" 0', false],
    ['General', false],
    ['@', false],
    ['[Red]0;[Blue]-0', false],
    ['0\\d', false],
    ['_-* #,##0.00_-;\\-* #,##0.00_-;_-* "-"??_-;_-@_-', false],
  ] as Array<[string, boolean]>)('%s → %s', (code, date) => {
    expect(isDateFormat(code)).toBe(date);
  });
});
