import { open, stat } from 'node:fs/promises';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './limits';

export type FileKind = 'xlsx' | 'csv';

const NOT_SPREADSHEET =
  'El archivo no es una hoja de cálculo que Recupera pueda leer. Guárdelo como libro de Excel (.xlsx) o como CSV y vuelva a intentarlo.';

const MARKUP =
  'El archivo no es un libro de Excel sino una página web o un XML con nombre de hoja de cálculo (así exportan algunos sistemas sus «.xls»). Ábralo en Excel y use Guardar como → Libro de Excel (.xlsx).';

/**
 * HTML or XML (Excel 2003's XML spreadsheet) saved under a spreadsheet's name: read as CSV it
 * would only fail to show a header, which says nothing of what to do.
 */
function isMarkup(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || (head[i]! >= 0x09 && head[i]! <= 0x0d))) i++;
  if (head[i] !== 0x3c) return false;
  const start = head.subarray(i + 1, i + 10).toString('latin1').toLowerCase();
  return ['?xml', '!doctype', 'html', 'table', 'head', 'meta', 'body', '!--'].some((tag) => start.startsWith(tag));
}

/** Decides the format from the content, not the name: a renamed file is still caught. */
export async function sniffFile(path: string): Promise<{ kind: FileKind; size: number }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new AppFailure('not_found', 'No se encontró el archivo. Revise la ruta y vuelva a intentarlo.');
  }
  if (size === 0) throw new AppFailure('refused', 'El archivo está vacío.');
  if (size > LIMITS.maxFileBytes) {
    throw new AppFailure(
      'refused',
      `El archivo pesa ${(size / 1048576).toFixed(0)} MB; el máximo es ${LIMITS.maxFileBytes / 1048576} MB. Divídalo en varios archivos.`,
    );
  }
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 4096));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { kind: 'xlsx', size };
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new AppFailure(
      'refused',
      'El archivo está protegido con contraseña o es del formato antiguo de Excel (.xls). Ábralo en Excel, quite la contraseña y guárdelo como libro de Excel (.xlsx).',
    );
  }
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) throw new AppFailure('refused', NOT_SPREADSHEET);
  if (isMarkup(head)) throw new AppFailure('refused', MARKUP);
  if (looksLikeText(head)) return { kind: 'csv', size };
  throw new AppFailure('refused', NOT_SPREADSHEET);
}

function looksLikeText(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= head.length * 0.01;
}
