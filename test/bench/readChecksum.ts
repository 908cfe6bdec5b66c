import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { openXlsx } from '../../electron/spreadsheet/xlsxReader';

/**
 * The xlsx reader alone over a workbook: row count, a SHA-256 of every row (sheet, number, cells
 * with dates as ISO instants, notes) and the rows per second, to compare two readers on one file.
 */
const file = process.argv[2]!;
/** `--count` only counts the rows: the reader's own throughput, without hashing. */
const hashing = process.argv[3] !== '--count';
const started = performance.now();
const cpu = process.cpuUsage();
const source = await openXlsx(file, statSync(file).size);
const hash = createHash('sha256');
let rows = 0;
try {
  for await (const row of source.rows()) {
    rows++;
    if (!hashing) continue;
    const cells = row.cells.map((c) => (c instanceof Date ? { d: c.toISOString() } : c));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    hash.update(JSON.stringify([row.sheet, row.rowNumber, cells, row.notes ?? null]));
    hash.update('\n');
  }
} finally {
  source.close();
}
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = Number(((used.user + used.system) / 1e6).toFixed(2));
process.stdout.write(JSON.stringify({ rows, sha256: hash.digest('hex'), seconds: Number(seconds.toFixed(2)), cpuSeconds, rowsPerSecond: Math.round(rows / seconds) }) + '\n');
