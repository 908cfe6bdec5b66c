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

const TOO_LARGE = 'El archivo de Excel es demasiado grande una vez descomprimido. Divídalo en varios archivos o guárdelo como CSV.';

/** Spanish, for the user: a part that inflates out of all proportion is a zip bomb, not a base. */
const bomb = () => `El archivo de Excel se descomprime a un tamaño desproporcionado (una de sus partes ocupa más de ${LIMITS.maxCompressionRatio} veces lo que ocupa comprimida): no es un libro normal y no se leyó. Ábralo en Excel, guárdelo de nuevo como .xlsx y vuelva a intentarlo.`;

/**
 * Refuses, before anything is inflated, a part whose declared size passes `maxBytes` or whose
 * compression ratio is that of a zip bomb (real parts compress 3× to 10×). The declared size is
 * binding: zipEntryText stops an entry that inflates beyond it.
 */
export function checkPart(entry: yauzl.Entry, maxBytes = LIMITS.maxUncompressedBytes): void {
  if (entry.uncompressedSize > maxBytes) throw new AppFailure('refused', TOO_LARGE);
  if (entry.uncompressedSize > LIMITS.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * LIMITS.maxCompressionRatio) {
    throw new AppFailure('refused', bomb());
  }
}

export const CORRUPT_ZIP = 'El archivo de Excel está dañado o incompleto. Ábralo en Excel, guárdelo de nuevo como .xlsx y vuelva a intentarlo.';

/**
 * Reads the zip's central directory before any parsing: refuses archives that would inflate
 * beyond the limits or out of proportion (zip bombs), that are encrypted or that are not
 * workbooks. The archive stays open on success; the caller closes it.
 */
export async function openWorkbookZip(path: string): Promise<WorkbookZip> {
  let dir: ZipDirectory;
  try {
    dir = await readZipDirectory(path, { maxEntries: LIMITS.maxZipEntries, maxUncompressedBytes: LIMITS.maxUncompressedBytes });
  } catch (e) {
    throw new AppFailure('refused', e instanceof ZipDirectoryError && e.problem === 'too_large' ? TOO_LARGE : CORRUPT_ZIP);
  }
  const { zip } = dir;
  const entries = new Map(dir.entries.map((e) => [e.fileName, e]));
  // Two parts under one name: programs disagree on which one is the sheet, so what is read here
  // need not be what the coordinator saw. Excel itself calls such a file damaged.
  const problem = entries.size !== dir.entries.length
    ? CORRUPT_ZIP
    : dir.entries.some((e) => (e.generalPurposeBitFlag & 1) !== 0)
    ? 'El archivo está cifrado. Quite la contraseña en Excel y guárdelo de nuevo.'
    : !entries.has('xl/workbook.xml')
      ? 'El archivo comprimido no es un libro de Excel (.xlsx). Guárdelo como libro de Excel y vuelva a intentarlo.'
      : null;
  try {
    if (problem) throw new AppFailure('refused', problem);
    for (const entry of dir.entries) checkPart(entry);
  } catch (e) {
    zip.close();
    throw e;
  }
  return { zip, entries };
}
