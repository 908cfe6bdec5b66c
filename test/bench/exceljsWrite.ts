import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';

/**
 * The baseline for depuración: exceljs's streaming writer alone (inline strings), writing the
 * rows the depuración wrote, read from NDJSON. With `read`, only reads and parses the NDJSON,
 * so that cost can be taken out of the baseline.
 */
const [mode, outDir, ...files] = process.argv.slice(2) as ['write' | 'read', string, ...string[]];
let rows = 0;
for (const file of files) {
  const wb = mode === 'write' ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(outDir, basename(file, '.ndjson') + '.xlsx'), useSharedStrings: false, useStyles: true }) : null;
  let ws: ExcelJS.Worksheet | null = null;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const v = JSON.parse(line) as unknown;
    if (!Array.isArray(v)) {
      ws?.commit();
      ws = wb ? wb.addWorksheet((v as { sheet: string }).sheet) : null;
      continue;
    }
    const values = v.map((c) => (c && typeof c === 'object' && 'd' in c ? new Date((c as { d: string }).d) : c));
    rows++;
    if (ws) ws.addRow(values).commit();
  }
  ws?.commit();
  if (wb) await wb.commit();
}
process.stdout.write(JSON.stringify({ rows }));
