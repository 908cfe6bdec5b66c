import { openCsv } from './csvReader';
import type { RowSource } from './rowSource';
import { sniffFile } from './sniff';
import { openXlsx, type ReadOptions } from './xlsxReader';

export async function openRowSource(path: string, options: ReadOptions = {}): Promise<RowSource> {
  const { kind, size } = await sniffFile(path);
  return kind === 'xlsx' ? openXlsx(path, size, options) : openCsv(path, size);
}
