import yauzl from 'yauzl';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './rowSource';

/** A workbook's zip, checked and kept open so its parts can be read in any order. */
export interface WorkbookZip {
  zip: yauzl.ZipFile;
  /** Every entry by its name in the archive. */
  entries: Map<string, yauzl.Entry>;
}

export const CORRUPT_ZIP = 'El archivo de Excel está dañado o incompleto. Ábralo en Excel, guárdelo de nuevo como .xlsx y vuelva a intentarlo.';

/**
 * Reads the zip's central directory before any parsing: refuses archives that would inflate
 * beyond the limits (zip bombs), that are encrypted or that are not workbooks. The archive stays
 * open on success; the caller closes it.
 */
export function openWorkbookZip(path: string): Promise<WorkbookZip> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(new AppFailure('refused', CORRUPT_ZIP));
      let count = 0;
      let total = 0;
      let encrypted = false;
      let settled = false;
      const entries = new Map<string, yauzl.Entry>();
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(new AppFailure('refused', message));
      };
      zip.on('error', () => fail(CORRUPT_ZIP));
      zip.on('entry', (entry: yauzl.Entry) => {
        count++;
        total += entry.uncompressedSize;
        if (count > LIMITS.maxZipEntries || total > LIMITS.maxUncompressedBytes) {
          return fail('El archivo de Excel es demasiado grande una vez descomprimido. Divídalo en varios archivos o guárdelo como CSV.');
        }
        if ((entry.generalPurposeBitFlag & 1) !== 0) encrypted = true;
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => {
        if (settled) return;
        if (encrypted) return fail('El archivo está cifrado. Quite la contraseña en Excel y guárdelo de nuevo.');
        if (!entries.has('xl/workbook.xml')) {
          return fail('El archivo comprimido no es un libro de Excel (.xlsx). Guárdelo como libro de Excel y vuelva a intentarlo.');
        }
        settled = true;
        resolve({ zip, entries });
      });
      zip.readEntry();
    });
  });
}
