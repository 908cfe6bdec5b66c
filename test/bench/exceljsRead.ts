import ExcelJS from 'exceljs';

/** The baseline: exceljs's streaming reader alone, reading every row and doing nothing with it. */
const file = process.argv[2]!;
let rows = 0;
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
for await (const ws of reader) for await (const row of ws) rows += row.number > 0 ? 1 : 0;
process.stdout.write(JSON.stringify({ rows }));
