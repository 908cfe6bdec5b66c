import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { readDataKey } from '../../electron/auth/dataKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import { openKept } from '../../electron/files/sealedFile';

/**
 * Benchmark preparation (not timed): reads back a workbook the depuración wrote and keeps its
 * rows as NDJSON, so the baseline can hand exactly the same rows to exceljs's writer.
 */
const [xlsx, ndjson, dbPath] = process.argv.slice(2) as [string, string, string | undefined];
const out = createWriteStream(ndjson);
// The depuración keeps its workbooks sealed with the database's data key (files/sealedFile.ts).
const source = await openKept(xlsx, dbPath ? (readDataKey(dbPath, PLAIN_KEYS) ?? undefined) : undefined);
const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
let rows = 0;
for await (const ws of reader) {
  const name = (ws as unknown as { name: string }).name;
  out.write(JSON.stringify({ sheet: name }) + '\n');
  for await (const row of ws) {
    const values = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? { d: v.toISOString() } : (v ?? null)));
    if (!out.write(JSON.stringify(values) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    rows++;
  }
}
await new Promise<void>((r) => out.end(r));
process.stdout.write(JSON.stringify({ rows }));
