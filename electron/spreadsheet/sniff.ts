import { open, stat } from 'node:fs/promises';
import { AppFailure } from '../../shared/result';
import { LIMITS } from './limits';

export type FileKind = 'xlsx' | 'csv';

const NOT_SPREADSHEET =
  'El archivo no es una hoja de cálculo que Recupera pueda leer. Guárdelo como libro de Excel (.xlsx) o como CSV y vuelva a intentarlo.';

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
