import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readDataKey } from '../../electron/auth/dataKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import { readKept } from '../../electron/files/sealedFile';

/** The data key of the data folder `path` lies in: the `.llave` file of the nearest folder above that has one. */
export function dataKeyAbove(path: string): Buffer | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const keyFile = existsSync(dir) ? readdirSync(dir).find((n) => n.endsWith('.llave')) : undefined;
    if (keyFile) return readDataKey(join(dir, keyFile.replace(/\.llave$/, '.sqlite')), PLAIN_KEYS) ?? undefined;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A file Recupera keeps (sealed in its data folder, or a plain copy elsewhere) in clear. */
export function keptBytes(path: string): Promise<Buffer> {
  return readKept(path, dataKeyAbove(path));
}

export async function keptSha256(path: string): Promise<string> {
  return createHash('sha256').update(await keptBytes(path)).digest('hex');
}

export async function keptWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await keptBytes(path)) as unknown as ArrayBuffer);
  return wb;
}
