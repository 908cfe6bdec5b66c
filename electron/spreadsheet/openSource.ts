import { openCsv } from './csvReader';
import type { RowSource } from './rowSource';
import { sniffFile } from './sniff';
import { openXlsx } from './xlsxReader';

export async function openRowSource(path: string): Promise<RowSource> {
  const { kind, size } = await sniffFile(path);
  return kind === 'xlsx' ? openXlsx(path, size) : openCsv(path, size);
}
