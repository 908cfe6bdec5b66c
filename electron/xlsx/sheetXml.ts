/**
 * The XML of the workbooks Recupera writes (SpreadsheetML, ECMA-376): the fixed parts, a sheet's
 * head and tail, and the escaping of cell text. Cells are written by tableWriter.ts.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell styles, the indexes of `cellXfs` in STYLES_XML. */
export const STYLE = { plain: 0, header: 1, date: 2, money: 3, text: 4 } as const;

/** Bold header, a date shown dd/mm/aaaa, money with two decimals (built-in 4), text (built-in 49, `@`). */
export const STYLES_XML =
  DECL +
  `<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/>' +
  '</styleSheet>';

export const ROOT_RELS_XML =
  DECL +
  `<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

export function coreXml(created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>Recupera</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    '</cp:coreProperties>'
  );
}

export function contentTypesXml(sheets: number): string {
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  let s =
    DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>';
  for (let i = 1; i <= sheets; i++) s += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.worksheet+xml"/>`;
  return s + '</Types>';
}

export function workbookRelsXml(sheets: number): string {
  let s = DECL + `<Relationships xmlns="${PKG_REL}">`;
  for (let i = 1; i <= sheets; i++) s += `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  return s + `<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

/** The workbook: its sheets in order, and each sheet's filtered range (Excel's hidden name for it). */
export function workbookXml(sheets: Array<{ name: string; filter: string }>): string {
  let s = DECL + `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>`;
  sheets.forEach((sh, i) => (s += `<sheet name="${attr(sh.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`));
  s += '</sheets><definedNames>';
  sheets.forEach((sh, i) => {
    const absolute = sh.filter.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
    s += `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${text(`'${sh.name.replace(/'/g, "''")}'!${absolute}`)}</definedName>`;
  });
  return s + '</definedNames></workbook>';
}

/** A sheet up to its first data row: frozen header row, column widths and default formats. */
export function sheetHead(first: boolean, cols: Array<{ width: number; style: number }>): string {
  let s =
    DECL +
    `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>';
  cols.forEach((c, i) => (s += `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.style ? ` style="${c.style}"` : ''} customWidth="1"/>`));
  return s + '</cols><sheetData>';
}

/** After the last row: the filter over the header and the rows below it. */
export function sheetTail(filter: string): string {
  return `</sheetData><autoFilter ref="${filter}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** Characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF): dropped. Tab, LF and CR stay. */
// eslint-disable-next-line no-control-regex -- these characters are what the pattern is for
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
/** Anything needing work: markup characters, invalid ones, or text Excel would read as an `_xHHHH_` escape. */
// eslint-disable-next-line no-control-regex -- as above
const SPECIAL = /[<>&\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

/** Cell text as XML content: markup escaped, invalid characters dropped, a literal `_xHHHH_` kept literal (`_x005F_`). */
export function text(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;');
}

/** An inline string cell's body; leading or trailing blanks are kept (`xml:space`). */
export function inlineString(s: string): string {
  const last = s.length - 1;
  return last >= 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(last) <= 32)
    ? `<is><t xml:space="preserve">${text(s)}</t></is>`
    : `<is><t>${text(s)}</t></is>`;
}
