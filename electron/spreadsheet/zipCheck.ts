import type yauzl from 'yauzl';
import { AppFailure } from '../../shared/result';
import { readZipDirectory, ZipDirectoryError, type ZipDirectory } from '../files/zipDirectory';
import { LIMITS } from './limits';

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
export async function openWorkbookZip(path: string): Promise<WorkbookZip> {
  let dir: ZipDirectory;
  try {
    dir = await readZipDirectory(path, { maxEntries: LIMITS.maxZipEntries, maxUncompressedBytes: LIMITS.maxUncompressedBytes });
  } catch (e) {
    throw new AppFailure(
      'refused',
      e instanceof ZipDirectoryError && e.problem === 'too_large'
        ? 'El archivo de Excel es demasiado grande una vez descomprimido. Divídalo en varios archivos o guárdelo como CSV.'
        : CORRUPT_ZIP,
    );
  }
  const { zip } = dir;
  const entries = new Map(dir.entries.map((e) => [e.fileName, e]));
  const problem = dir.entries.some((e) => (e.generalPurposeBitFlag & 1) !== 0)
    ? 'El archivo está cifrado. Quite la contraseña en Excel y guárdelo de nuevo.'
    : !entries.has('xl/workbook.xml')
      ? 'El archivo comprimido no es un libro de Excel (.xlsx). Guárdelo como libro de Excel y vuelva a intentarlo.'
      : null;
  if (problem) {
    zip.close();
    throw new AppFailure('refused', problem);
  }
  return { zip, entries };
}
