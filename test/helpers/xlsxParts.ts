import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import type { SheetRow } from '../../electron/spreadsheet/rowSource';
import { openXlsx } from '../../electron/spreadsheet/xlsxReader';

export async function readAll(path: string): Promise<SheetRow[]> {
  const source = await openXlsx(path, statSync(path).size);
  try {
    const rows: SheetRow[] = [];
    for await (const row of source.rows()) rows.push(row);
    return rows;
  } finally {
    source.close();
  }
}

/** Rows as plain data: trailing empty cells dropped, dates as ISO instants. */
export function plain(rows: SheetRow[]): Array<[string, number, unknown[]]> {
  return rows.map((r) => {
    const cells: unknown[] = r.cells.map((c) => (c instanceof Date ? c.toISOString() : c));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    return [r.sheet, r.rowNumber, cells];
  });
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface HandMade {
  /** `xml` is what goes inside sheetData, or the whole part when `whole` is set. */
  sheets: Array<{ name: string; file?: string; xml: string; whole?: boolean; state?: 'hidden' | 'veryHidden' }>;
  sharedStrings?: string[];
  styles?: string;
  date1904?: boolean;
  /** Parts in the archive in this order (default: sheets first, as some writers do). */
  partsFirst?: boolean;
  store?: boolean;
}

let files = 0;

/**
 * Workbooks zipped by hand, part by part, so each XML feature can be tested on its own; each is
 * written to a new file in `dir`.
 */
export function handMadeWorkbooks(dir: string): (book: HandMade) => Promise<string> {
  return (book) => handMade(dir, book);
}

async function handMade(dir: string, book: HandMade): Promise<string> {
  const path = join(dir, `hand-${files++}.xlsx`);
  const parts: Array<[string, string]> = [];
  const sheetParts: Array<[string, string]> = [];
  const rels: string[] = [];
  const listed: string[] = [];
  book.sheets.forEach((s, i) => {
    const file = s.file ?? `sheet${i + 1}.xml`;
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/${file}"/>`);
    listed.push(`<sheet name="${s.name.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`);
    const xml = s.whole ? s.xml : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${s.xml}</sheetData></worksheet>`;
    sheetParts.push([`xl/worksheets/${file}`, xml]);
  });
  if (book.sharedStrings) {
    rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    const sis = book.sharedStrings.map((x) => `<si>${x}</si>`).join('');
    parts.push(['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} uniqueCount="${book.sharedStrings.length}">${sis}</sst>`]);
  }
  if (book.styles) {
    rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>`);
    parts.push(['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>${book.styles}</styleSheet>`]);
  }
  parts.push([
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${book.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${listed.join('')}</sheets></workbook>`,
  ]);
  parts.push(['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`]);
  const zip = new yazl.ZipFile();
  for (const [name, xml] of book.partsFirst ? [...parts, ...sheetParts] : [...sheetParts, ...parts]) {
    zip.addBuffer(Buffer.from(xml, 'utf8'), name, { compress: !book.store });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject));
  return path;
}

/** cellXfs: 0 general, 1 dd/mm/yyyy, 2 built-in 14, 3 [h]:mm, 4 "Día" 0 (quoted letters), 5 0.00, 6 h:mm, 7 [$-300A]d" de "mmmm" de "yyyy. */
export const STYLES =
  '<numFmts count="5"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm"/>' +
  '<numFmt numFmtId="166" formatCode="&quot;Día&quot; 0"/><numFmt numFmtId="167" formatCode="h:mm"/>' +
  '<numFmt numFmtId="168" formatCode="[$-300A]d&quot; de &quot;mmmm&quot; de &quot;yyyy"/></numFmts>' +
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"><alignment horizontal="left"/></xf>' +
  '<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="2"/><xf numFmtId="167"/><xf numFmtId="168"/></cellXfs>';
