import yauzl from 'yauzl';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './rowSource';

export interface WorkbookDirectory {
  /** Sheet file number (xl/worksheets/sheetN.xml) → the name the user sees on the tab. */
  sheetNames: Map<number, string>;
}

const CORRUPT = 'El archivo de Excel está dañado o incompleto. Ábralo en Excel, guárdelo de nuevo como .xlsx y vuelva a intentarlo.';

/**
 * Reads the zip's central directory before any parsing: refuses archives that would inflate
 * beyond the limits (zip bombs) or that are not workbooks, and learns the sheet names.
 */
export function checkWorkbookZip(path: string): Promise<WorkbookDirectory> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(new AppFailure('refused', CORRUPT));
      let entries = 0;
      let total = 0;
      let hasWorkbook = false;
      let encrypted = false;
      const small = new Map<string, string>();
      const wanted = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
      const fail = (message: string) => {
        zip.close();
        reject(new AppFailure('refused', message));
      };
      zip.on('error', () => reject(new AppFailure('refused', CORRUPT)));
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        total += entry.uncompressedSize;
        if (entries > LIMITS.maxZipEntries || total > LIMITS.maxUncompressedBytes) {
          return fail(
            'El archivo de Excel es demasiado grande una vez descomprimido. Divídalo en varios archivos o guárdelo como CSV.',
          );
        }
        if ((entry.generalPurposeBitFlag & 1) !== 0) encrypted = true;
        if (entry.fileName === 'xl/workbook.xml') hasWorkbook = true;
        if (wanted.has(entry.fileName) && entry.uncompressedSize < 4 * 1024 * 1024) {
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return fail(CORRUPT);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('error', () => fail(CORRUPT));
            stream.on('end', () => {
              small.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
              zip.readEntry();
            });
          });
        } else {
          zip.readEntry();
        }
      });
      zip.on('end', () => {
        if (encrypted) return reject(new AppFailure('refused', 'El archivo está cifrado. Quite la contraseña en Excel y guárdelo de nuevo.'));
        if (!hasWorkbook) {
          return reject(
            new AppFailure('refused', 'El archivo comprimido no es un libro de Excel (.xlsx). Guárdelo como libro de Excel y vuelva a intentarlo.'),
          );
        }
        resolve({ sheetNames: sheetNamesOf(small.get('xl/workbook.xml') ?? '', small.get('xl/_rels/workbook.xml.rels') ?? '') });
      });
      zip.readEntry();
    });
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : null;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function sheetNamesOf(workbookXml: string, relsXml: string): Map<number, string> {
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) targets.set(id, target);
  }
  const names = new Map<number, string>();
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    const rid = attr(tag, 'r:id');
    const target = rid ? targets.get(rid) : undefined;
    const num = target ? /sheet(\d+)\.xml$/i.exec(target) : null;
    if (name && num) names.set(Number(num[1]), unescapeXml(name));
  }
  return names;
}
